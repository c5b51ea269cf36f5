using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// conv on channels-first [N, Cin, W], [N, Cin, H, W] or [N, Cin, D, H, W] data with weights [Cout, Cin/groups, K...], and
/// conv_transpose on [N, Cin, W], [N, Cin, H, W] or [N, Cin, D, H, W] with weights [Cin, Cout/groups, K...] (MIL conv.py, iOS15+).
/// </summary>
internal static class MilConvolutionOps
{
    public static void Conv(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        var weights = context.Weights("weight");
        var spatial = shape.Rank - 2;
        if (spatial is not (1 or 2 or 3)) throw context.Unsupported($"conv on a rank-{shape.Rank} input {shape} is not executed (1-D, 2-D and 3-D are).");
        if (weights.Rank != shape.Rank) throw context.Error("weight", $"has shape {weights.Shape}; a conv on {shape} needs rank-{shape.Rank} weights [Cout, Cin/groups, K...].");
        var kernel = weights.Shape.ToArray()[2..];
        var strides = MilPadding.PerAxis(context, "strides", spatial);
        var dilations = MilPadding.PerAxis(context, "dilations", spatial);
        var groups = context.Int("groups", 1);
        if (groups < 1) throw context.Error("groups", $"is {groups}; expected at least 1.");
        var (begin, end) = MilPadding.Resolve(context, shape.ToArray()[2..], kernel, strides, dilations);
        var bias = context.OptionalWeights("bias");
        switch (spatial)
        {
            case 1:
                context.Emit(new Conv1D(Layout.Nchw, weights, bias, strides[0], dilations[0], groups, begin[0], end[0]), x);
                break;
            case 2:
                var attributes = new Conv2DAttributes(strides[0], strides[1], dilations[0], dilations[1], groups, begin[0], end[0], begin[1], end[1]);
                context.Emit(new Conv2D(Layout.Nchw, weights, bias, attributes), x);
                break;
            default:
                var volume = new Conv3DAttributes(strides[0], strides[1], strides[2], dilations[0], dilations[1], dilations[2], groups,
                    begin[0], end[0], begin[1], end[1], begin[2], end[2]);
                context.Emit(new Conv3D(weights, bias, volume), x);
                break;
        }
    }

    /// <summary>
    /// Each output axis is (in - 1)·stride + dilation·(k - 1) + 1 - pad_begin - pad_end; output_shape [N, Cout, spatial...],
    /// when given, fixes the spatial size, the extra cells coming at the end (coremltools' conv_transpose type inference).
    /// pad_type 'same' makes each axis in·stride (the same type inference, "we follow TF shape logic"): the TensorFlow
    /// frontend lowers Conv2DBackpropInput/Conv3DBackpropInputV2 with padding SAME straight to this pad_type, and
    /// coremltools' test_conv_transpose checks it against tf.nn.conv2d_transpose on both backends, with odd totals (2x2
    /// kernel, stride 1; 3x3 kernel, stride 2). TF's transposed 'same' is the gradient of its forward 'same' conv, whose
    /// odd pad unit goes to the end, so the output crop is floor(total/2) at the start and the rest at the end, with
    /// total = dilation·(k - 1) + 1 - stride; a negative total leaves trailing cells that only the bias reaches.
    /// </summary>
    public static void ConvTranspose(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        var spatial = shape.Rank - 2;
        if (spatial is not (1 or 2 or 3)) throw context.Unsupported($"conv_transpose on a rank-{shape.Rank} input {shape} is not executed (1-D, 2-D and 3-D are).");
        var weights = context.Weights("weight");
        if (weights.Rank != shape.Rank || weights.Shape[0] != shape[1])
        {
            throw context.Error("weight", $"has shape {weights.Shape}; x {shape} needs rank-{shape.Rank} weights [Cin = {shape[1]}, Cout/groups, K...].");
        }
        var strides = MilPadding.PerAxis(context, "strides", spatial);
        var dilations = MilPadding.PerAxis(context, "dilations", spatial);
        var groups = context.Int("groups", 1);
        if (groups < 1 || shape[1] % groups != 0) throw context.Error("groups", $"is {groups}; it must divide the {shape[1]} input channels.");
        var type = context.String("pad_type", "valid");
        var pad = type switch
        {
            "valid" or "same" => new int[2 * spatial],
            "custom" => context.Ints("pad", new int[2 * spatial]),
            _ => throw context.Unsupported($"conv_transpose with pad_type '{type}' is not executed (valid, same and custom are)."),
        };
        if (pad.Length != 2 * spatial || pad.Any(p => p < 0))
        {
            throw context.Error("pad", $"is {MilOpContext.Text(pad)}; expected {2 * spatial} non-negative values (begin, end per spatial axis).");
        }
        int[]? wanted = null;
        if (context.Has("output_shape"))
        {
            wanted = context.Ints("output_shape");
            if (wanted.Length != shape.Rank) throw context.Error("output_shape", $"is {MilOpContext.Text(wanted)}; expected {shape.Rank} values [N, Cout, spatial...].");
        }
        var outputPad = new int[spatial];
        for (var axis = 0; axis < spatial; axis++)
        {
            var input = shape[2 + axis];
            var effective = dilations[axis] * (weights.Shape[2 + axis] - 1) + 1;
            if (type == "same")
            {
                if (wanted is not null && wanted[2 + axis] != input * strides[axis])
                {
                    throw context.Unsupported(
                        $"conv_transpose 'same' with output_shape {MilOpContext.Text(wanted)} is not executed: only an output of input·stride " +
                        $"({input * strides[axis]} on spatial axis {axis}) has a pinned pad split.");
                }
                var total = effective - strides[axis];
                if (total >= 0) (pad[2 * axis], pad[2 * axis + 1]) = (total / 2, total - total / 2);
                else outputPad[axis] = -total;
                continue;
            }
            if (wanted is null) continue;
            var natural = (input - 1) * strides[axis] + effective - pad[2 * axis] - pad[2 * axis + 1];
            var target = wanted[2 + axis];
            if (target >= natural) outputPad[axis] = target - natural;
            else pad[2 * axis + 1] += natural - target;
        }
        var bias = context.OptionalWeights("bias");
        if (spatial == 1)
        {
            // A 1-D transposed convolution is the 2-D one over a height-1 image: [N, C, W] and [N, C, 1, W] share memory order.
            var planar = context.EmitStep("planar", new ReshapeOp([shape[0], shape[1], 1, shape[2]]), x);
            var kernel = weights.Reshape(new Shape(weights.Shape[0], weights.Shape[1], 1, weights.Shape[2]));
            var line = new Conv2DAttributes(1, strides[0], 1, dilations[0], groups, 0, 0, pad[0], pad[1]);
            var y = context.EmitStep("conv", new ConvTranspose2D(Layout.Nchw, kernel, bias, line, 0, outputPad[0]), planar);
            context.Emit(new ReshapeOp([shape[0], kernel.Shape[1] * groups, -1]), y);
            return;
        }
        if (spatial == 2)
        {
            var attributes = new Conv2DAttributes(strides[0], strides[1], dilations[0], dilations[1], groups, pad[0], pad[1], pad[2], pad[3]);
            context.Emit(new ConvTranspose2D(Layout.Nchw, weights, bias, attributes, outputPad[0], outputPad[1]), x);
            return;
        }
        var volume = new Conv3DAttributes(strides[0], strides[1], strides[2], dilations[0], dilations[1], dilations[2], groups,
            pad[0], pad[1], pad[2], pad[3], pad[4], pad[5]);
        context.Emit(new ConvTranspose3D(weights, bias, volume, outputPad[0], outputPad[1], outputPad[2]), x);
    }
}
