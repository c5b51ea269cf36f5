using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>
/// A while loop over compiled sub-graphs: before each iteration the condition graph (when there is one) computes a
/// scalar and the loop stops when it is 0; the body (one graph, or a <see cref="ControlBlock"/> that may break or
/// continue) then maps the current values to the next values of the loop-carried ones. Inputs are the values both read
/// from outside, in <see cref="Inputs"/> order (graph input names of the sub-graphs); outputs are the final values of
/// <see cref="Carried"/>, a subset of those inputs.
/// <para>
/// Why a loop op and not unrolling: the trip count of a converted while loop (coremltools turns PyTorch GRUs and
/// Python loops into one) is data the condition graph computes at run time, not a build-time constant, and an
/// unrolled copy would multiply the graph by the trip count. The body is compiled once; every iteration runs the same
/// plan on the carried tensors, whose types must not change from one iteration to the next (checked when types are
/// inferred), so the op's output types are its carried inputs' types. The sub-graphs run in float32 with no observer:
/// a recording run sees the loop's final carried values, not each iteration's.
/// </para>
/// </summary>
public sealed class LoopOp : IOperator
{
    private readonly ExecutionPlan? _condition;

    /// <param name="inputs">Names under which the sub-graphs read the op's inputs, in input order.</param>
    /// <param name="carried">Input names the body rewrites each iteration; body output k is the next value of carried[k].</param>
    /// <param name="maxIterations">Upper bound on iterations; 0 means unbounded, which needs a condition graph.</param>
    public LoopOp(Graph.Graph? condition, string? conditionOutput, Graph.Graph body, IReadOnlyList<string> inputs, IReadOnlyList<string> carried, long maxIterations)
        : this(condition, conditionOutput, Wrap(body, inputs, carried), inputs, carried, maxIterations)
    {
        Body = body;
    }

    /// <summary>
    /// A loop whose body is structured control flow (branches, loopBreak, loopContinue: Core ML LoopLayerParams with
    /// LoopBreakLayerParams / LoopContinueLayerParams in its bodyNetwork). A break ends the loop and a continue the
    /// iteration at once; the blobs the body wrote before either keep their values. The body reads and writes the op's
    /// inputs by name (<paramref name="inputs"/>); the op's outputs are the final values of <paramref name="carried"/>.
    /// </summary>
    public LoopOp(Graph.Graph? condition, string? conditionOutput, ControlBlock body, IReadOnlyList<string> inputs, IReadOnlyList<string> carried, long maxIterations)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (condition is null && maxIterations <= 0) throw new ArgumentException("A loop without a condition graph needs maxIterations above 0; it would never stop.", nameof(maxIterations));
        if (condition is not null && (conditionOutput is null || !condition.Outputs.Contains(conditionOutput)))
        {
            throw new ArgumentException($"The condition graph must output '{conditionOutput}'; its outputs are {string.Join(", ", condition.Outputs)}.", nameof(conditionOutput));
        }
        var missing = carried.Where(c => !inputs.Contains(c)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"Carried value(s) {string.Join(", ", missing)} are not among the loop's inputs.", nameof(carried));
        (Condition, ConditionOutput, Block, Inputs, Carried, MaxIterations) = (condition, conditionOutput, body, inputs.ToArray(), carried.ToArray(), maxIterations);
        _condition = condition?.Compile();
    }

    public string Kind => "Loop";

    public Graph.Graph? Condition { get; }

    public string? ConditionOutput { get; }

    /// <summary>The body graph when the loop was made from one straight-line body graph; null for a structured body.</summary>
    public Graph.Graph? Body { get; }

    /// <summary>The body as structured control flow (a straight-line body graph is one <see cref="GraphStep"/>).</summary>
    public ControlBlock Block { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Carried { get; }

    public long MaxIterations { get; }

    /// <summary>A loop whose condition never turns false stops with an error after this many iterations rather than hanging.</summary>
    public const long UnboundedLimit = 10_000_000;

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != Inputs.Count) throw new ShapeMismatchException($"Loop expects {Inputs.Count} inputs ({string.Join(", ", Inputs)}); got {inputs.Count}.");
        var types = Inputs.Select((name, k) => (name, type: inputs[k])).ToDictionary(p => p.name, p => p.type);
        var after = new Dictionary<string, TensorType>(types);
        Block.InferTypes(after);
        var carried = new List<TensorType>();
        foreach (var name in Carried)
        {
            var before = types[name];
            if (!after.TryGetValue(name, out var next) || before != next)
            {
                throw new ShapeMismatchException($"Loop-carried value '{name}' enters as {before} and leaves the body as {(after.ContainsKey(name) ? next.ToString() : "no value")}; a loop must keep each carried type.");
            }
            carried.Add(before);
        }
        if (Condition is not null)
        {
            var condition = ExecutionPlan.Create(Condition, Only(Condition, types)).TypeOf(ConditionOutput!);
            if (condition.Shape.ElementCount != 1) throw new ShapeMismatchException($"Loop condition '{ConditionOutput}' is {condition}; expected a single value.");
        }
        return carried;
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        using var environment = new BlobEnvironment(Inputs, inputs);
        var limit = MaxIterations > 0 ? MaxIterations : UnboundedLimit;
        for (long iteration = 0; ; iteration++)
        {
            if (iteration >= limit)
            {
                if (MaxIterations > 0) break;
                throw new InvalidOperationException($"Loop condition '{ConditionOutput}' stayed true for {UnboundedLimit} iterations; stopping.");
            }
            if (_condition is not null && !Holds(environment)) break;
            if (Block.Run(environment) == LoopSignal.Break) break;
        }
        for (var k = 0; k < Carried.Count; k++) environment[Carried[k]].Bytes.CopyTo(outputs[k].Bytes);
    }

    private bool Holds(BlobEnvironment environment)
    {
        using var result = _condition!.Run(Condition!.Inputs.ToDictionary(i => i.Name, i => environment[i.Name]), NestedRuns.Options);
        using var flag = result[ConditionOutput!].ToFloat32();
        return flag.Floats[0] != 0;
    }

    /// <summary>A straight-line body graph as a one-step block: its inputs read the blobs of the same names, output k writes carried[k].</summary>
    private static ControlBlock Wrap(Graph.Graph body, IReadOnlyList<string> inputs, IReadOnlyList<string> carried)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Outputs.Count != carried.Count) throw new ArgumentException($"The body outputs {body.Outputs.Count} values for {carried.Count} carried ones.", nameof(body));
        var unknown = body.Inputs.Where(i => !inputs.Contains(i.Name)).Select(i => i.Name).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Body input(s) {string.Join(", ", unknown)} are not among the loop's inputs.", nameof(body));
        return new ControlBlock([new GraphStep(body, body.Inputs.Select(i => i.Name).ToList(), body.Outputs.Select((o, k) => (o, carried[k])).ToList())]);
    }

    /// <summary>The entries of <paramref name="values"/> that <paramref name="graph"/> takes as inputs.</summary>
    private static Dictionary<string, T> Only<T>(Graph.Graph graph, IReadOnlyDictionary<string, T> values) =>
        graph.Inputs.ToDictionary(i => i.Name, i => values[i.Name]);
}
