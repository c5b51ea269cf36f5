namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// cond and while_loop (MIL control_flow.py), executed when their decisions are known while reading: a cond whose
/// predicate is a constant builds the chosen branch, and a while_loop whose condition folds to a constant each time
/// (a counter compared with a bound, as converters write fixed-length recurrences) is unrolled. Decisions that depend
/// on run-time data make the op unsupported.
/// </summary>
internal static class MilControlFlowOps
{
    /// <summary>Iterations after which an unrolled loop is taken to be endless.</summary>
    public const int MaxIterations = 10_000;

    public static void Cond(MilOpContext context)
    {
        if (context.BlockCount != 2) throw context.Error("blocks", $"holds {context.BlockCount} blocks; cond has a true and a false branch.");
        var predicate = context.ArgumentValues("pred").Single();
        if (predicate.Constant is not { Tensor: not null } known)
        {
            throw context.Unsupported("its predicate is computed at run time; Parity executes cond only when the branch is known while reading.");
        }
        var outputs = context.BuildBlock(known.ToLongs().Any(v => v != 0) ? 0 : 1, []);
        Bind(context, outputs);
    }

    /// <summary>loop_vars feed block 0 (the condition, one bool output) and block 1 (the body, new loop_vars) until the condition is false.</summary>
    public static void WhileLoop(MilOpContext context)
    {
        if (context.BlockCount != 2) throw context.Error("blocks", $"holds {context.BlockCount} blocks; while_loop has a condition and a body.");
        var variables = context.ArgumentValues("loop_vars");
        for (var iteration = 0; ; iteration++)
        {
            if (iteration == MaxIterations) throw context.Error("blocks", $"the loop has not ended after {MaxIterations} iterations.");
            var condition = context.BuildBlock(0, variables);
            if (condition is not [{ Constant: { Tensor: not null } known }])
            {
                throw context.Unsupported("its condition is computed at run time; Parity unrolls while_loop only when the trip count is known while reading.");
            }
            if (known.ToLongs().All(v => v == 0)) break;
            var next = context.BuildBlock(1, variables);
            if (next.Count != variables.Count) throw context.Error("blocks", $"the body returns {next.Count} values for {variables.Count} loop variables.");
            variables = next;
        }
        Bind(context, variables);
    }

    private static void Bind(MilOpContext context, IReadOnlyList<MilValue> values)
    {
        if (values.Count != context.OutputCount) throw context.Error("outputs", $"declares {context.OutputCount} values; the block returns {values.Count}.");
        for (var k = 0; k < values.Count; k++) context.SetOutput(k, values[k]);
    }
}
