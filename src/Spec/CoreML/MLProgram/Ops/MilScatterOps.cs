using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// scatter, scatter_along_axis and scatter_nd (MIL scatter_gather.py, iOS 15 and the iOS 17 revisions): a copy of data
/// with updates combined by mode (update, add, sub, mul, div, max, min; default add) into it at the indices, applied in
/// the updates' row-major order. Negative indices count from the end of their axis (iOS 15/16; iOS 17 calls them out of
/// bounds and leaves the result undefined); with iOS 17's validate_indices known indices must lie in the axis.
/// </summary>
internal static class MilScatterOps
{
    /// <summary>scatter(data, indices [C], updates, axis = 0, mode): updates = data.shape[:axis] + [C] + data.shape[axis+1:].</summary>
    public static void Scatter(MilOpContext context) => Emit(context, ScatterAddressing.Take);

    /// <summary>scatter_along_axis(data, indices, updates, axis = 0, mode): the inverse of gather_along_axis.</summary>
    public static void ScatterAlongAxis(MilOpContext context) => Emit(context, ScatterAddressing.AlongAxis);

    /// <summary>scatter_nd(data, indices [..., K], updates, mode): index rows address the first K axes of data.</summary>
    public static void ScatterNd(MilOpContext context) => Emit(context, ScatterAddressing.NDimensional);

    private static void Emit(MilOpContext context, ScatterAddressing addressing)
    {
        var data = MilFloatOperands.Input(context, "data");
        var updates = MilFloatOperands.Input(context, "updates");
        var shape = context.ShapeOf(data);
        var axis = addressing == ScatterAddressing.NDimensional ? 0 : MilDataMovementOps.Axis(context, "axis", shape.Rank, 0);
        var combine = context.String("mode", "add") switch
        {
            "update" => ScatterCombine.Replace,
            "add" => ScatterCombine.Add,
            "sub" => ScatterCombine.Subtract,
            "mul" => ScatterCombine.Multiply,
            "div" => ScatterCombine.Divide,
            "max" => ScatterCombine.Maximum,
            "min" => ScatterCombine.Minimum,
            var other => throw context.Error("mode", $"is '{other}'; expected update, add, sub, mul, div, max or min."),
        };
        if (context.Bool("validate_indices", false) && context.IsConstant("indices"))
        {
            var values = context.Constant("indices").ToLongs();
            var depth = addressing == ScatterAddressing.NDimensional ? context.ArgumentShape("indices")[^1] : 1;
            for (var i = 0; i < values.Length; i++)
            {
                var size = addressing == ScatterAddressing.NDimensional ? shape[i % depth] : shape[axis];
                if (values[i] < 0 || values[i] >= size) throw context.Error("indices", $"holds {values[i]}; with validate_indices every index must lie in [0, {size}).");
            }
        }
        var indices = context.Input("indices");
        if (context.TypeOf(indices).DType != DType.Int64) indices = context.EmitStep("indices_int64", new Cast(DType.Int64), indices);
        MilFloatOperands.EmitAsDeclared(context, new ScatterOp(addressing, axis, combine), data, indices, updates);
    }
}
