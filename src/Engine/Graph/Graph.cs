using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// A validated dataflow graph over named values: declared inputs, nodes in topological order, and outputs.
/// Immutable; built with <see cref="GraphBuilder"/> and run through a compiled <see cref="ExecutionPlan"/>.
/// </summary>
public sealed class Graph
{
    private readonly Dictionary<string, Node> _producers = [];

    internal Graph(IReadOnlyList<GraphInput> inputs, IReadOnlyList<Node> nodes, IReadOnlyList<string> outputs)
    {
        Inputs = inputs;
        Nodes = nodes;
        Outputs = outputs;
        foreach (var node in nodes)
        {
            foreach (var value in node.Outputs) _producers[value] = node;
        }
    }

    public IReadOnlyList<GraphInput> Inputs { get; }

    /// <summary>Nodes in an order where every value is produced before any node reads it.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The node producing <paramref name="value"/>, or null for graph inputs and unknown names.</summary>
    public Node? ProducerOf(string value) => _producers.GetValueOrDefault(value);

    /// <summary>Infers every value's type and plans memory; <paramref name="inputTypes"/> overrides declared input types by name.</summary>
    public ExecutionPlan Compile(IReadOnlyDictionary<string, TensorType>? inputTypes = null) => ExecutionPlan.Create(this, inputTypes);
}
