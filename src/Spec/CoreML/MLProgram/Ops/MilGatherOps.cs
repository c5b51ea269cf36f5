using Parity.Engine.Ops.DataMovement;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>gather(x, indices, axis = 0) (MIL scatter_gather.py): slices of x along axis at int32/int64 indices.</summary>
internal static class MilGatherOps
{
    public static void Gather(MilOpContext context)
    {
        var x = context.Input("x");
        var indices = context.Input("indices");
        if (context.Int("batch_dims", 0) != 0) throw context.Unsupported("gather with batch_dims other than 0 is not executed yet.");
        var rank = context.ShapeOf(x).Rank;
        var axis = context.Int("axis", 0);
        if (axis < -rank || axis >= rank) throw context.Error("axis", $"is {axis}; x has rank {rank}.");
        context.Emit(new GatherOp(axis < 0 ? axis + rank : axis), x, indices);
    }
}
