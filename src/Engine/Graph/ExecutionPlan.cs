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
    private readonly Dictionary<Node, Exception> _inferenceFailures;
    private readonly ConcurrentBag<SlotArena> _idleArenas = [];

    private ExecutionPlan(Graph graph, Dictionary<string, TensorType> types, Dictionary<Node, Exception> inferenceFailures, MemoryPlan memory)
    {
        Graph = graph;
        _types = types;
        _inferenceFailures = inferenceFailures;
        Memory = memory;
        InferenceFailures = graph.Nodes.Where(inferenceFailures.ContainsKey).Select(n => new NodeFailure(n, inferenceFailures[n])).ToArray();
    }

    public Graph Graph { get; }

    /// <summary>The type of every value (graph inputs and node outputs) by name; values downstream of an inference failure have none.</summary>
    public IReadOnlyDictionary<string, TensorType> ValueTypes => _types;

    public MemoryPlan Memory { get; }

    /// <summary>
    /// Nodes whose shape inference threw, in graph order; only a plan created with continueOnError has any.
    /// Runs report them as failed (or throw, unless they continue on errors) and skip the nodes depending on them.
    /// </summary>
    public IReadOnlyList<NodeFailure> InferenceFailures { get; }

    /// <summary>The inferred type of <paramref name="value"/>.</summary>
    public TensorType TypeOf(string value) => _types.TryGetValue(value, out var type)
        ? type
        : throw new ArgumentException(Graph.ContainsValue(value)
            ? $"Value '{value}' has no type: shape inference failed at or before its producer {Graph.ProducerOf(value)}."
            : $"The graph has no value named '{value}'.", nameof(value));

    /// <summary>
    /// Infers every value's type by running each operator's shape inference in order. Graph inputs have their
    /// declared types unless <paramref name="inputTypes"/> overrides them (for models with flexible shapes).
    /// A node whose inference throws stops compilation with a <see cref="GraphException"/> (shape mismatches) or
    /// the operator's own exception; with <paramref name="continueOnError"/> it is recorded in
    /// <see cref="InferenceFailures"/> instead and compilation goes on with every node not depending on it.
    /// </summary>
    public static ExecutionPlan Create(Graph graph, IReadOnlyDictionary<string, TensorType>? inputTypes = null, bool continueOnError = false)
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
        var failures = new Dictionary<Node, Exception>();
        foreach (var node in graph.Nodes)
        {
            // Inputs without a type come from a failed node; runs skip this node, so it needs no types either.
            if (!node.Inputs.All(types.ContainsKey)) continue;
            var inputs = node.Inputs.Select(v => types[v]).ToArray();
            IReadOnlyList<TensorType> outputs;
            try
            {
                outputs = InferNode(node, inputs);
            }
            catch (Exception e) when (continueOnError && e is not OperationCanceledException)
            {
                failures[node] = e;
                continue;
            }
            for (var k = 0; k < outputs.Count; k++) types[node.Outputs[k]] = outputs[k];
        }
        return new ExecutionPlan(graph, types, failures, MemoryPlan.Create(graph, types));
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

    /// <summary>What shape inference threw for <paramref name="node"/>, or null when it succeeded.</summary>
    internal Exception? InferenceFailureOf(Node node) => _inferenceFailures.GetValueOrDefault(node);

    internal static string DescribeInputs(Node node, IReadOnlyList<TensorType> inputs) =>
        inputs.Count == 0 ? "(none)" : string.Join(", ", node.Inputs.Select((v, k) => $"{v}: {inputs[k]}"));
}
