using System.Collections.Concurrent;
using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// A graph compiled for concrete input types: every value's inferred type and the memory plan. Immutable, so
/// one plan may be run from several threads at once (each run gets its own buffers), provided the graph's
/// operators are safe to execute concurrently, as stateless operators are.
/// </summary>
public sealed class ExecutionPlan
{
    private readonly Dictionary<string, TensorType> _types;
    private readonly ConcurrentBag<SlotArena> _idleArenas = [];

    private ExecutionPlan(Graph graph, Dictionary<string, TensorType> types, MemoryPlan memory)
    {
        Graph = graph;
        _types = types;
        Memory = memory;
    }

    public Graph Graph { get; }

    /// <summary>The type of every value (graph inputs and node outputs) by name.</summary>
    public IReadOnlyDictionary<string, TensorType> ValueTypes => _types;

    public MemoryPlan Memory { get; }

    /// <summary>The inferred type of <paramref name="value"/>.</summary>
    public TensorType TypeOf(string value) => _types.TryGetValue(value, out var type)
        ? type
        : throw new ArgumentException($"The graph has no value named '{value}'.", nameof(value));

    /// <summary>
    /// Infers every value's type by running each operator's shape inference in order. Graph inputs have their
    /// declared types unless <paramref name="inputTypes"/> overrides them (for models with flexible shapes).
    /// </summary>
    public static ExecutionPlan Create(Graph graph, IReadOnlyDictionary<string, TensorType>? inputTypes = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var types = new Dictionary<string, TensorType>();
        foreach (var input in graph.Inputs)
        {
            types[input.Name] = inputTypes?.GetValueOrDefault(input.Name, input.Type) ?? input.Type;
        }
        foreach (var name in inputTypes?.Keys ?? [])
        {
            if (graph.Inputs.All(i => i.Name != name))
            {
                throw new ArgumentException(
                    $"A type was given for '{name}', which is not a graph input; the inputs are {string.Join(", ", graph.Inputs.Select(i => i.Name))}.",
                    nameof(inputTypes));
            }
        }
        foreach (var node in graph.Nodes)
        {
            var inputs = node.Inputs.Select(v => types[v]).ToArray();
            var outputs = InferNode(node, inputs);
            for (var k = 0; k < outputs.Count; k++) types[node.Outputs[k]] = outputs[k];
        }
        return new ExecutionPlan(graph, types, MemoryPlan.Create(graph, types));
    }

    /// <summary>Runs the plan on <paramref name="inputs"/> (by graph input name; the caller keeps ownership of them).</summary>
    public RunResult Run(IReadOnlyDictionary<string, Tensor> inputs, ExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= ExecutionOptions.Default;
        if (options.Observer is not null)
        {
            return new ExecutionRun(this, options, arena: null).Run(inputs);
        }
        var arena = _idleArenas.TryTake(out var idle) ? idle : new SlotArena(Memory);
        try
        {
            return new ExecutionRun(this, options, arena).Run(inputs);
        }
        finally
        {
            _idleArenas.Add(arena);
        }
    }

    private static IReadOnlyList<TensorType> InferNode(Node node, TensorType[] inputs)
    {
        IReadOnlyList<TensorType> outputs;
        try
        {
            outputs = node.Op.InferOutputTypes(inputs);
        }
        catch (Exception e) when (e is ShapeMismatchException or ArgumentException)
        {
            throw new GraphException(
                $"Node '{node.Name}' ({node.Op.Kind}) cannot take inputs {DescribeInputs(node, inputs)}: {e.Message}",
                node.Name, node.Op.Kind, node.Inputs.FirstOrDefault(), e);
        }
        if (outputs.Count != node.Outputs.Count)
        {
            throw new GraphException(
                $"Node '{node.Name}' ({node.Op.Kind}) names {node.Outputs.Count} output value(s) ({string.Join(", ", node.Outputs)}), but its operator produces {outputs.Count}.",
                node.Name, node.Op.Kind, node.Outputs[0]);
        }
        return outputs;
    }

    internal static string DescribeInputs(Node node, IReadOnlyList<TensorType> inputs) =>
        inputs.Count == 0 ? "(none)" : string.Join(", ", node.Inputs.Select((v, k) => $"{v}: {inputs[k]}"));
}
