using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>conv on channels-first [N, Cin, W] or [N, Cin, H, W] data with weights [Cout, Cin/groups, K...] (MIL conv, iOS15+).</summary>
internal static class MilConvolutionOps
{
    public static void Conv(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        var weights = context.Weights("weight");
        var spatial = shape.Rank - 2;
        if (spatial is not (1 or 2)) throw context.Unsupported($"conv on a rank-{shape.Rank} input {shape} is not executed (1-D and 2-D are).");
        if (weights.Rank != shape.Rank) throw context.Error("weight", $"has shape {weights.Shape}; a conv on {shape} needs rank-{shape.Rank} weights [Cout, Cin/groups, K...].");
        var kernel = weights.Shape.ToArray()[2..];
        var strides = MilPadding.PerAxis(context, "strides", spatial);
        var dilations = MilPadding.PerAxis(context, "dilations", spatial);
        var groups = context.Int("groups", 1);
        if (groups < 1) throw context.Error("groups", $"is {groups}; expected at least 1.");
        var (begin, end) = MilPadding.Resolve(context, shape.ToArray()[2..], kernel, strides, dilations);
        var bias = context.OptionalWeights("bias");
        if (spatial == 1)
        {
            context.Emit(new Conv1D(Layout.Nchw, weights, bias, strides[0], dilations[0], groups, begin[0], end[0]), x);
            return;
        }
        var attributes = new Conv2DAttributes(strides[0], strides[1], dilations[0], dilations[1], groups, begin[0], end[0], begin[1], end[1]);
        context.Emit(new Conv2D(Layout.Nchw, weights, bias, attributes), x);
    }
}
