using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>
/// A while loop over compiled sub-graphs: before each iteration the condition graph (when there is one) computes a
/// scalar and the loop stops when it is 0; the body graph then maps the current values to the next values of the
/// loop-carried ones. Inputs are the values both graphs read from outside, in <see cref="Inputs"/> order (graph input
/// names of the sub-graphs); outputs are the final values of <see cref="Carried"/>, a subset of those inputs.
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
    private readonly ExecutionPlan _body;

    /// <param name="inputs">Names under which the sub-graphs read the op's inputs, in input order.</param>
    /// <param name="carried">Input names the body rewrites each iteration; body output k is the next value of carried[k].</param>
    /// <param name="maxIterations">Upper bound on iterations; 0 means unbounded, which needs a condition graph.</param>
    public LoopOp(Graph.Graph? condition, string? conditionOutput, Graph.Graph body, IReadOnlyList<string> inputs, IReadOnlyList<string> carried, long maxIterations)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (condition is null && maxIterations <= 0) throw new ArgumentException("A loop without a condition graph needs maxIterations above 0; it would never stop.", nameof(maxIterations));
        if (condition is not null && (conditionOutput is null || !condition.Outputs.Contains(conditionOutput)))
        {
            throw new ArgumentException($"The condition graph must output '{conditionOutput}'; its outputs are {string.Join(", ", condition.Outputs)}.", nameof(conditionOutput));
        }
        if (body.Outputs.Count != carried.Count) throw new ArgumentException($"The body outputs {body.Outputs.Count} values for {carried.Count} carried ones.", nameof(body));
        var missing = carried.Where(c => !inputs.Contains(c)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"Carried value(s) {string.Join(", ", missing)} are not among the loop's inputs.", nameof(carried));
        (Condition, ConditionOutput, Body, Inputs, Carried, MaxIterations) = (condition, conditionOutput, body, inputs.ToArray(), carried.ToArray(), maxIterations);
        _condition = condition?.Compile();
        _body = body.Compile();
    }

    public string Kind => "Loop";

    public Graph.Graph? Condition { get; }

    public string? ConditionOutput { get; }

    public Graph.Graph Body { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Carried { get; }

    public long MaxIterations { get; }

    /// <summary>A loop whose condition never turns false stops with an error after this many iterations rather than hanging.</summary>
    public const long UnboundedLimit = 10_000_000;

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != Inputs.Count) throw new ShapeMismatchException($"Loop expects {Inputs.Count} inputs ({string.Join(", ", Inputs)}); got {inputs.Count}.");
        var types = Inputs.Select((name, k) => (name, type: inputs[k])).ToDictionary(p => p.name, p => p.type);
        var plan = ExecutionPlan.Create(Body, Only(Body, types));
        var carried = new List<TensorType>();
        for (var k = 0; k < Carried.Count; k++)
        {
            var before = types[Carried[k]];
            var after = plan.TypeOf(Body.Outputs[k]);
            if (before != after) throw new ShapeMismatchException($"Loop-carried value '{Carried[k]}' enters as {before} and leaves the body as {after}; a loop must keep each carried type.");
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
        var values = new Dictionary<string, Tensor>();
        for (var k = 0; k < Inputs.Count; k++) values[Inputs[k]] = inputs[k];
        var owned = new List<Tensor>();
        try
        {
            var limit = MaxIterations > 0 ? MaxIterations : UnboundedLimit;
            for (long iteration = 0; ; iteration++)
            {
                if (iteration >= limit)
                {
                    if (MaxIterations > 0) break;
                    throw new InvalidOperationException($"Loop condition '{ConditionOutput}' stayed true for {UnboundedLimit} iterations; stopping.");
                }
                if (_condition is not null && !Holds(values)) break;
                using var result = _body.Run(Only(Body, values));
                for (var k = 0; k < Carried.Count; k++)
                {
                    var next = result[Body.Outputs[k]].Clone();
                    owned.Add(next);
                    values[Carried[k]] = next;
                }
            }
            for (var k = 0; k < Carried.Count; k++) values[Carried[k]].Bytes.CopyTo(outputs[k].Bytes);
        }
        finally
        {
            foreach (var t in owned) t.Dispose();
        }
    }

    private bool Holds(Dictionary<string, Tensor> values)
    {
        using var result = _condition!.Run(Only(Condition!, values));
        using var flag = result[ConditionOutput!].ToFloat32();
        return flag.Floats[0] != 0;
    }

    /// <summary>The entries of <paramref name="values"/> that <paramref name="graph"/> takes as inputs.</summary>
    private static Dictionary<string, T> Only<T>(Graph.Graph graph, IReadOnlyDictionary<string, T> values) =>
        graph.Inputs.ToDictionary(i => i.Name, i => values[i.Name]);
}
