namespace Parity.Engine.Graph;

/// <summary>A node's operator threw while running; <see cref="Exception.InnerException"/> holds what it threw.</summary>
public sealed class NodeFailedException(Node node, string message, Exception inner)
    : GraphException(message, node.Name, node.Op.Kind, inner: inner)
{
    public Node Node { get; } = node;
}
