namespace Parity.Engine.Graph;

/// <summary>
/// The options a graph run inside an operator (a loop's body or condition, a branch) runs with: the precision of the
/// run executing that operator, so an fp16 run rounds inside loop bodies as everywhere else. Set by the executor around
/// each node on its own thread, where operators run their nested graphs.
/// </summary>
public static class NestedRuns
{
    [ThreadStatic]
    private static Precision t_precision;

    private static readonly ExecutionOptions Float16 = new() { Precision = Precision.Float16 };

    /// <summary>Options for a nested run started by the operator executing now (float32 outside any run).</summary>
    public static ExecutionOptions Options => t_precision == Precision.Float16 ? Float16 : ExecutionOptions.Default;

    /// <summary>Makes <paramref name="precision"/> the nested runs' precision until the returned previous value is restored.</summary>
    internal static Precision Enter(Precision precision)
    {
        var previous = t_precision;
        t_precision = precision;
        return previous;
    }

    internal static void Restore(Precision previous) => t_precision = previous;
}
