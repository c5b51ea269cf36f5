namespace Parity.Engine.Graph;

/// <summary>
/// A graph that cannot be built, compiled or run: the message names the node, its op kind and the value
/// involved; the same facts are available as properties for tools that report them differently.
/// </summary>
public class GraphException : Exception
{
    public GraphException(string message, string? nodeName = null, string? opKind = null, string? valueName = null, Exception? inner = null)
        : base(message, inner)
    {
        NodeName = nodeName;
        OpKind = opKind;
        ValueName = valueName;
    }

    /// <summary>The node the problem is in, when there is one.</summary>
    public string? NodeName { get; }

    public string? OpKind { get; }

    /// <summary>The value the problem is about, when there is one.</summary>
    public string? ValueName { get; }
}
