using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Ops.Reduction;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>The reduce_* ops over axes (MIL reduction.py): axes default to all, keep_dims to false.</summary>
internal static class MilReductionOps
{
    public static void ReduceMean(MilOpContext context) => Reduce(context, ReductionKind.Mean);

    /// <summary>Emits <paramref name="kind"/> over the "axes" argument of x (negative axes count from the end).</summary>
    public static void Reduce(MilOpContext context, ReductionKind kind)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        int[]? axes = context.Has("axes") ? context.Ints("axes") : null;
        if (axes is not null)
        {
            foreach (var axis in axes)
            {
                if (axis < -rank || axis >= rank) throw context.Error("axes", $"holds {axis}; x has rank {rank}.");
            }
            axes = axes.Select(a => a < 0 ? a + rank : a).Distinct().Order().ToArray();
        }
        context.Emit(new Reduce(kind, axes, context.Bool("keep_dims", false)), x);
    }
}
