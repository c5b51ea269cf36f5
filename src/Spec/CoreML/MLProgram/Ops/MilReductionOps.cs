using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// The reduce_* ops (MIL reduction.py): reduce_*(x, axes = all, keep_dims = false) and reduce_argmax/argmin(x, axis = -1,
/// keep_dims = false) returning int32 indices (iOS 17's output_dtype is honoured through the declared output type).
/// reduce_mean is in milcore's family. int32 inputs are reduced through float32.
/// </summary>
internal static class MilReductionOps
{
    public static void ReduceSum(MilOpContext context) => Reduce(context, ReductionKind.Sum);

    public static void ReduceMax(MilOpContext context) => Reduce(context, ReductionKind.Max);

    public static void ReduceMin(MilOpContext context) => Reduce(context, ReductionKind.Min);

    public static void ReduceProd(MilOpContext context) => Reduce(context, ReductionKind.Product);

    public static void ReduceL1Norm(MilOpContext context) => Reduce(context, ReductionKind.L1);

    public static void ReduceL2Norm(MilOpContext context) => Reduce(context, ReductionKind.L2);

    /// <summary>reduce_log_sum: log(Σ x).</summary>
    public static void ReduceLogSum(MilOpContext context) => Reduce(context, ReductionKind.LogSum);

    public static void ReduceLogSumExp(MilOpContext context) => Reduce(context, ReductionKind.LogSumExp);

    public static void ReduceSumSquare(MilOpContext context) => Reduce(context, ReductionKind.SumOfSquares);

    public static void ReduceArgmax(MilOpContext context) => ArgReduce(context, max: true);

    public static void ReduceArgmin(MilOpContext context) => ArgReduce(context, max: false);

    /// <summary>Emits <paramref name="kind"/> over the op's axes (all when absent).</summary>
    public static void Reduce(MilOpContext context, ReductionKind kind)
    {
        var x = MilFloatOperands.Input(context, "x");
        var rank = context.ShapeOf(x).Rank;
        int[]? axes = context.Has("axes") ? context.Ints("axes") : null;
        if (axes is not null && axes.Any(a => a < -rank || a >= rank)) throw context.Error("axes", $"is {MilOpContext.Text(axes)}; the input has rank {rank}.");
        MilFloatOperands.EmitAsDeclared(context, new Reduce(kind, axes, context.Bool("keep_dims", false)), x);
    }

    private static void ArgReduce(MilOpContext context, bool max)
    {
        var x = MilFloatOperands.Input(context, "x");
        var indices = context.EmitStep("indices", new Engine.Ops.Reduction.ArgReduce(max, context.Int("axis", -1), context.Bool("keep_dims", false)), x);
        var target = MilConstant.EngineType(context.OutputDataType()) ?? DType.Int32;
        context.Emit(new Cast(target), indices);
    }
}
