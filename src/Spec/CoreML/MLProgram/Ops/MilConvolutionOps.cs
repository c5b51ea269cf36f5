using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// conv on channels-first [N, Cin, W] or [N, Cin, H, W] data with weights [Cout, Cin/groups, K...], and conv_transpose on
/// [N, Cin, H, W] with weights [Cin, Cout/groups, kH, kW] (MIL conv.py, iOS15+).
/// </summary>
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

    /// <summary>
    /// Each output axis is (in - 1)·stride + dilation·(k - 1) + 1 - pad_begin - pad_end; output_shape [N, Cout, H, W], when
    /// given, fixes the spatial size, the extra cells coming at the end (coremltools' conv_transpose type inference).
    /// </summary>
    public static void ConvTranspose(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        if (shape.Rank != 4) throw context.Unsupported($"conv_transpose on a rank-{shape.Rank} input {shape} is not executed (2-D is).");
        var weights = context.Weights("weight");
        if (weights.Rank != 4 || weights.Shape[0] != shape[1]) throw context.Error("weight", $"has shape {weights.Shape}; x {shape} needs [Cin = {shape[1]}, Cout/groups, kH, kW].");
        var strides = MilPadding.PerAxis(context, "strides", 2);
        var dilations = MilPadding.PerAxis(context, "dilations", 2);
        var groups = context.Int("groups", 1);
        if (groups < 1 || shape[1] % groups != 0) throw context.Error("groups", $"is {groups}; it must divide the {shape[1]} input channels.");
        var type = context.String("pad_type", "valid");
        var pad = type switch
        {
            "valid" => new int[4],
            "custom" => context.Ints("pad", new int[4]),
            _ => throw context.Unsupported($"conv_transpose with pad_type '{type}' is not executed yet (valid and custom are)."),
        };
        if (pad.Length != 4 || pad.Any(p => p < 0)) throw context.Error("pad", $"is {MilOpContext.Text(pad)}; expected 4 non-negative values [top, bottom, left, right].");
        var outputPad = new int[2];
        if (context.Has("output_shape"))
        {
            var wanted = context.Ints("output_shape");
            if (wanted.Length != 4) throw context.Error("output_shape", $"is {MilOpContext.Text(wanted)}; expected [N, Cout, H, W].");
            for (var axis = 0; axis < 2; axis++)
            {
                var natural = (shape[2 + axis] - 1) * strides[axis] + dilations[axis] * (weights.Shape[2 + axis] - 1) + 1 - pad[2 * axis] - pad[2 * axis + 1];
                var target = wanted[2 + axis];
                if (target >= natural) outputPad[axis] = target - natural;
                else pad[2 * axis + 1] += natural - target;
            }
        }
        var attributes = new Conv2DAttributes(strides[0], strides[1], dilations[0], dilations[1], groups, pad[0], pad[1], pad[2], pad[3]);
        context.Emit(new ConvTranspose2D(Layout.Nchw, weights, context.OptionalWeights("bias"), attributes, outputPad[0], outputPad[1]), x);
    }
}
