using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// A validated dataflow graph over named values: declared inputs, nodes in topological order, and outputs.
/// Immutable; built with <see cref="GraphBuilder"/> and run through a compiled <see cref="ExecutionPlan"/>.
/// </summary>
public sealed class Graph
{
    private readonly Dictionary<string, Node> _producers = [];
    private readonly Dictionary<string, List<Node>> _consumers = [];

    internal Graph(IReadOnlyList<GraphInput> inputs, IReadOnlyList<Node> nodes, IReadOnlyList<string> outputs, IReadOnlySet<string>? float32Values = null)
    {
        Inputs = inputs;
        Nodes = nodes;
        Outputs = outputs;
        Float32Values = float32Values ?? new HashSet<string>();
        foreach (var node in nodes)
        {
            foreach (var value in node.Outputs) _producers[value] = node;
            foreach (var value in node.Inputs.Distinct())
            {
                if (!_consumers.TryGetValue(value, out var readers)) _consumers[value] = readers = [];
                readers.Add(node);
            }
        }
    }

    public IReadOnlyList<GraphInput> Inputs { get; }

    /// <summary>Nodes in an order where every value is produced before any node reads it.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    public IReadOnlyList<string> Outputs { get; }

    /// <summary>
    /// Float values a <see cref="Precision.Float16"/> run leaves unrounded: results of layers the converted model computes
    /// in fp32 inside an fp16 program (coremltools keeps e.g. lstm in fp32), and inputs it takes as fp32.
    /// </summary>
    public IReadOnlySet<string> Float32Values { get; }

    /// <summary>True when <paramref name="value"/> is a graph input or produced by a node.</summary>
    public bool ContainsValue(string value) => _producers.ContainsKey(value) || Inputs.Any(i => i.Name == value);

    /// <summary>Nodes reading <paramref name="value"/>, in graph order.</summary>
    public IReadOnlyList<Node> ConsumersOf(string value) => _consumers.TryGetValue(value, out var nodes) ? nodes : [];

    /// <summary>The node producing <paramref name="value"/>, or null for graph inputs and unknown names.</summary>
    public Node? ProducerOf(string value) => _producers.GetValueOrDefault(value);

    /// <summary>Infers every value's type and plans memory; see <see cref="ExecutionPlan.Create"/>.</summary>
    public ExecutionPlan Compile(IReadOnlyDictionary<string, TensorType>? inputTypes = null, bool continueOnError = false) =>
        ExecutionPlan.Create(this, inputTypes, continueOnError);
}
