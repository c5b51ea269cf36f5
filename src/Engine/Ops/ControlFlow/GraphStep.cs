using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>A straight-line stretch of a nested network: a compiled graph reading some blobs and writing others.</summary>
public sealed class GraphStep : ControlStep
{
    private readonly ExecutionPlan _plan;

    /// <param name="inputBlobs">The blob each graph input reads, in <see cref="Graph.Graph.Inputs"/> order.</param>
    /// <param name="writes">Graph output values and the blob each one becomes (one value may feed several blobs).</param>
    public GraphStep(Graph.Graph graph, IReadOnlyList<string> inputBlobs, IReadOnlyList<(string Value, string Blob)> writes)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (inputBlobs.Count != graph.Inputs.Count) throw new ArgumentException($"The graph has {graph.Inputs.Count} inputs; {inputBlobs.Count} blobs were given for them.", nameof(inputBlobs));
        var missing = writes.Where(w => !graph.Outputs.Contains(w.Value)).Select(w => w.Value).ToList();
        if (missing.Count > 0) throw new ArgumentException($"Written value(s) {string.Join(", ", missing)} are not graph outputs.", nameof(writes));
        (Graph, InputBlobs, Writes) = (graph, inputBlobs.ToArray(), writes.ToArray());
        _plan = graph.Compile();
    }

    public Graph.Graph Graph { get; }

    public IReadOnlyList<string> InputBlobs { get; }

    public IReadOnlyList<(string Value, string Blob)> Writes { get; }

    public override void InferTypes(Dictionary<string, TensorType> blobs)
    {
        var types = new Dictionary<string, TensorType>();
        for (var k = 0; k < InputBlobs.Count; k++)
        {
            types[Graph.Inputs[k].Name] = blobs.TryGetValue(InputBlobs[k], out var type)
                ? type
                : throw new ShapeMismatchException($"Blob '{InputBlobs[k]}' is read before any value is written to it on this path.");
        }
        var plan = ExecutionPlan.Create(Graph, types);
        foreach (var (value, blob) in Writes) blobs[blob] = plan.TypeOf(value);
    }

    internal override LoopSignal Run(BlobEnvironment environment)
    {
        var inputs = new Dictionary<string, Tensor>();
        for (var k = 0; k < InputBlobs.Count; k++) inputs[Graph.Inputs[k].Name] = environment[InputBlobs[k]];
        using var result = _plan.Run(inputs, NestedRuns.Options);
        foreach (var (value, blob) in Writes) environment.Write(blob, result[value]);
        return LoopSignal.None;
    }
}
