using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras.Layers;

/// <summary>Conv1D, Conv2D, DepthwiseConv1D/2D, SeparableConv1D/2D, Conv1DTranspose and Conv2DTranspose with Keras's padding, layouts and Theano's kernel flip.</summary>
internal static class KerasConvolutionLayers
{
    public static IReadOnlyList<string> Conv2D(KerasLayerContext context)
    {
        var layout = KerasDataFormat.Of(context);
        var args = context.Args;
        var kernel = ChannelsLastKernel(context, context.Weight(0), spatialAxes: 2);
        var groups = args.Int(1, "groups");
        var attributes = Attributes2D(context, layout, kernel.Shape[0], kernel.Shape[1], groups);
        var bias = args.Bool(true, "use_bias", "bias") ? context.Weight(1, new Shape(kernel.Shape[3])) : null;
        var weights = layout == Layout.Nhwc ? kernel : KerasWeightLayouts.Permute(kernel, 3, 2, 0, 1);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax,
            step => context.Emit(step, new Engine.Ops.Convolution.Conv2D(layout, weights, bias, attributes, fused), context.Input))];
    }

    /// <summary>DepthwiseConv2D is a grouped convolution with one group per input channel; output channel c * multiplier + m.</summary>
    public static IReadOnlyList<string> DepthwiseConv2D(KerasLayerContext context)
    {
        var layout = KerasDataFormat.Of(context);
        var depthwise = ChannelsLastKernel(context, context.Weight(0), spatialAxes: 2);
        var (kh, kw, channels, multiplier) = (depthwise.Shape[0], depthwise.Shape[1], depthwise.Shape[2], depthwise.Shape[3]);
        var kernel = depthwise.Reshape(new Shape(kh, kw, 1, channels * multiplier));
        var attributes = Attributes2D(context, layout, kh, kw, groups: channels);
        var bias = context.Args.Bool(true, "use_bias") ? context.Weight(1, new Shape(channels * multiplier)) : null;
        var weights = layout == Layout.Nhwc ? kernel : KerasWeightLayouts.Permute(kernel, 3, 2, 0, 1);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax,
            step => context.Emit(step, new Engine.Ops.Convolution.Conv2D(layout, weights, bias, attributes, fused), context.Input))];
    }

    /// <summary>SeparableConv2D: a depthwise convolution (no bias) followed by a 1x1 pointwise convolution with the bias and activation.</summary>
    public static IReadOnlyList<string> SeparableConv2D(KerasLayerContext context)
    {
        var layout = KerasDataFormat.Of(context);
        var depthwise = ChannelsLastKernel(context, context.Weight(0), spatialAxes: 2);
        var (kh, kw, channels, multiplier) = (depthwise.Shape[0], depthwise.Shape[1], depthwise.Shape[2], depthwise.Shape[3]);
        var pointwise = context.Weight(1);
        if (pointwise.Rank != 4 || pointwise.Shape[2] != channels * multiplier)
        {
            throw context.Args.Error($"pointwise kernel has shape {pointwise.Shape}; expected [1, 1, {channels * multiplier}, filters].");
        }
        var filters = pointwise.Shape[3];
        var bias = context.Args.Bool(true, "use_bias") ? context.Weight(2, new Shape(filters)) : null;
        var attributes = Attributes2D(context, layout, kh, kw, groups: channels);
        var depthKernel = depthwise.Reshape(new Shape(kh, kw, 1, channels * multiplier));
        var nchw = layout == Layout.Nchw;
        var depth = context.Emit("depthwise", new Engine.Ops.Convolution.Conv2D(layout,
            nchw ? KerasWeightLayouts.Permute(depthKernel, 3, 2, 0, 1) : depthKernel, null, attributes), context.Input);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax, step => context.Emit(step, new Engine.Ops.Convolution.Conv2D(layout,
            nchw ? KerasWeightLayouts.Permute(pointwise, 3, 2, 0, 1) : pointwise, bias, Conv2DAttributes.Default, fused), depth))];
    }

    /// <summary>DepthwiseConv1D: depthwise kernel [K, C_in, multiplier]; output channel c * multiplier + m.</summary>
    public static IReadOnlyList<string> DepthwiseConv1D(KerasLayerContext context) => Depthwise1D(context, pointwise: false);

    /// <summary>SeparableConv1D: depthwise kernel [K, C_in, multiplier] (no bias), then pointwise [1, C_in * multiplier, filters] with the bias.</summary>
    public static IReadOnlyList<string> SeparableConv1D(KerasLayerContext context) => Depthwise1D(context, pointwise: true);

    /// <summary>
    /// The 1-D depthwise layers run as TensorFlow runs them: their 2-D forms over a unit height axis ([N, 1, L, C], channels_first
    /// [N, C, 1, L]), "causal" padding included as pads before the steps.
    /// </summary>
    private static IReadOnlyList<string> Depthwise1D(KerasLayerContext context, bool pointwise)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var depthwise = context.Weight(0);
        if (depthwise.Rank != 3) throw args.Error($"depthwise kernel has shape {depthwise.Shape}; expected [K, C_in, depth_multiplier].");
        var (k, channels, multiplier) = (depthwise.Shape[0], depthwise.Shape[1], depthwise.Shape[2]);
        var length = KerasChannelsFirst.Spatial(context, layout, 1)[0];
        var stride = args.Ints(1, [1], "strides")[0];
        var dilation = args.Ints(1, [1], "dilation_rate")[0];
        var (before, after) = KerasPadding.Pads(context, KerasPadding.Mode(context), length, k, stride, dilation);
        var depthAttributes = new Conv2DAttributes(1, stride, 1, dilation, channels, 0, 0, before, after);
        var nchw = layout == Layout.Nchw;
        Tensor ToEngine(Tensor kernel) => nchw ? KerasWeightLayouts.Permute(kernel, 3, 2, 0, 1) : kernel;
        var depthKernel = ToEngine(depthwise.Reshape(new Shape(1, k, 1, channels * multiplier)));
        var shape = context.ShapeOf(context.Input);
        int[] unitHeight = nchw ? [shape[0], shape[1], 1, shape[2]] : [shape[0], 1, shape[1], shape[2]];
        var planar = context.Emit("unit_height", new Engine.Ops.DataMovement.ReshapeOp(unitHeight), context.Input);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        string conv;
        if (pointwise)
        {
            var pointKernel = context.Weight(1);
            if (pointKernel.Rank != 3 || pointKernel.Shape[0] != 1 || pointKernel.Shape[1] != channels * multiplier)
            {
                throw args.Error($"pointwise kernel has shape {pointKernel.Shape}; expected [1, {channels * multiplier}, filters].");
            }
            var filters = pointKernel.Shape[2];
            var bias = args.Bool(true, "use_bias") ? context.Weight(2, new Shape(filters)) : null;
            var depth = context.Emit("depthwise", new Engine.Ops.Convolution.Conv2D(layout, depthKernel, null, depthAttributes), planar);
            conv = context.Emit("pointwise", new Engine.Ops.Convolution.Conv2D(layout,
                ToEngine(pointKernel.Reshape(new Shape(1, 1, channels * multiplier, filters))), bias, Conv2DAttributes.Default, fused), depth);
        }
        else
        {
            var bias = args.Bool(true, "use_bias") ? context.Weight(1, new Shape(channels * multiplier)) : null;
            conv = context.Emit("depthwise", new Engine.Ops.Convolution.Conv2D(layout, depthKernel, bias, depthAttributes, fused), planar);
        }
        var s = context.ShapeOf(conv);
        int[] outShape = nchw ? [s[0], s[1], s[3]] : [s[0], s[2], s[3]];
        return [KerasActivationNodes.Finish(context, softmax, step => context.Emit(step, new Engine.Ops.DataMovement.ReshapeOp(outShape), conv))];
    }

    public static IReadOnlyList<string> Conv1D(KerasLayerContext context)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var stored = context.Weight(0);
        // Keras 1 stored Convolution1D kernels as 2-D ones: [length, 1, C_in, C_out].
        var kernel3 = stored.Rank == 4 && stored.Shape[1] == 1
            ? stored.Reshape(new Shape(stored.Shape[0], stored.Shape[2], stored.Shape[3]))
            : stored;
        var kernel = ChannelsLastKernel(context, kernel3, spatialAxes: 1);
        var (k, filters) = (kernel.Shape[0], kernel.Shape[2]);
        var stride = args.Ints(1, [1], "strides", "subsample_length")[0];
        var dilation = args.Ints(1, [1], "dilation_rate", "atrous_rate")[0];
        var groups = args.Int(1, "groups");
        var length = context.ShapeOf(context.Input)[layout == Layout.Nhwc ? 1 : 2];
        var (before, after) = KerasPadding.Pads(context, KerasPadding.Mode(context), length, k, stride, dilation);
        var bias = args.Bool(true, "use_bias", "bias") ? context.Weight(1, new Shape(filters)) : null;
        var weights = layout == Layout.Nhwc ? kernel : KerasWeightLayouts.Permute(kernel, 2, 1, 0);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax, step => context.Emit(step,
            new Engine.Ops.Convolution.Conv1D(layout, weights, bias, stride, dilation, groups, before, after, fused), context.Input))];
    }

    /// <summary>
    /// Conv2DTranspose: kernel [KH, KW, C_out, C_in]; each axis as TensorFlow's conv2d_transpose computes it for the output
    /// length Keras asks for (<see cref="TensorFlowPadding.Transposed"/>), output_padding included.
    /// </summary>
    public static IReadOnlyList<string> Conv2DTranspose(KerasLayerContext context)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var kernel = context.Weight(0);
        if (kernel.Rank != 4) throw args.Error($"kernel has shape {kernel.Shape}; expected [KH, KW, filters, C_in].");
        var size = KerasChannelsFirst.Spatial(context, layout, 2);
        var strides = args.Ints(2, [1, 1], "strides", "subsample");
        var dilation = args.Ints(2, [1, 1], "dilation_rate");
        int[]? outputPadding = args.IsSet("output_padding") ? args.Ints(2, null, "output_padding") : null;
        var mode = KerasPadding.Mode(context);
        var rows = TransposedAxis(context, mode, size[0], kernel.Shape[0], strides[0], dilation[0], outputPadding?[0]);
        var cols = TransposedAxis(context, mode, size[1], kernel.Shape[1], strides[1], dilation[1], outputPadding?[1]);
        var attributes = new Conv2DAttributes(strides[0], strides[1], dilation[0], dilation[1], 1, rows.CropBefore, rows.CropAfter, cols.CropBefore, cols.CropAfter);
        var bias = args.Bool(true, "use_bias") ? context.Weight(1, new Shape(kernel.Shape[2])) : null;
        var weights = layout == Layout.Nhwc ? kernel : KerasWeightLayouts.Permute(kernel, 3, 2, 0, 1);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax, step => context.Emit(step,
            new ConvTranspose2D(layout, weights, bias, attributes, rows.Extra, cols.Extra, fused), context.Input))];
    }

    /// <summary>
    /// Conv1DTranspose (kernel [K, C_out, C_in]) runs as a Conv2DTranspose over a unit height axis: [N, L, C] becomes
    /// [N, 1, L, C] (channels_first [N, C, 1, L]) and the result loses the unit axis again. Keras 2 passes dilation here.
    /// </summary>
    public static IReadOnlyList<string> Conv1DTranspose(KerasLayerContext context)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var stored = context.Weight(0);
        if (stored.Rank != 3) throw args.Error($"kernel has shape {stored.Shape}; expected [K, filters, C_in].");
        var (k, filters) = (stored.Shape[0], stored.Shape[1]);
        var length = KerasChannelsFirst.Spatial(context, layout, 1)[0];
        var stride = args.Ints(1, [1], "strides")[0];
        var dilation = args.Ints(1, [1], "dilation_rate")[0];
        int? outputPadding = args.IsSet("output_padding") ? args.Ints(1, null, "output_padding")[0] : null;
        var axis = TransposedAxis(context, KerasPadding.Mode(context), length, k, stride, dilation, outputPadding);
        var attributes = new Conv2DAttributes(1, stride, 1, dilation, 1, 0, 0, axis.CropBefore, axis.CropAfter);
        var kernel = stored.Reshape(new Shape(1, k, filters, stored.Shape[2]));
        var weights = layout == Layout.Nhwc ? kernel : KerasWeightLayouts.Permute(kernel, 3, 2, 0, 1);
        var bias = args.Bool(true, "use_bias") ? context.Weight(1, new Shape(filters)) : null;
        var shape = context.ShapeOf(context.Input);
        int[] unitHeight = layout == Layout.Nhwc ? [shape[0], 1, shape[1], shape[2]] : [shape[0], shape[1], 1, shape[2]];
        int[] outShape = layout == Layout.Nhwc ? [shape[0], axis.Output, filters] : [shape[0], filters, axis.Output];
        var planar = context.Emit("unit_height", new Engine.Ops.DataMovement.ReshapeOp(unitHeight), context.Input);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        var deconv = context.Emit("conv_transpose", new ConvTranspose2D(layout, weights, bias, attributes, 0, axis.Extra, fused), planar);
        return [KerasActivationNodes.Finish(context, softmax, step => context.Emit(step, new Engine.Ops.DataMovement.ReshapeOp(outShape), deconv))];
    }

    /// <summary>
    /// One axis of a transposed convolution: TensorFlow's geometry, except Theano-trained files' "same", which keeps
    /// Theano's symmetric pads on an in * stride output.
    /// </summary>
    internal static (int Output, int CropBefore, int CropAfter, int Extra) TransposedAxis(KerasLayerContext context, string mode, int input, int kernel, int stride, int dilation, int? outputPadding)
    {
        if (context.File.IsTheano && mode == "same" && outputPadding is null)
        {
            var output = input * stride;
            var (before, after) = KerasPadding.Pads(context, mode, output, kernel, stride, dilation);
            return (output, before, after, 0);
        }
        try
        {
            return TensorFlowPadding.Transposed(mode, input, kernel, stride, dilation, outputPadding);
        }
        catch (ArgumentException e)
        {
            throw context.Args.Error(e.Message);
        }
    }

    private static Conv2DAttributes Attributes2D(KerasLayerContext context, Layout layout, int kh, int kw, int groups)
    {
        var args = context.Args;
        var strides = args.Ints(2, [1, 1], "strides", "subsample");
        var dilation = args.Ints(2, [1, 1], "dilation_rate", "atrous_rate");
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank != 4) throw args.Error($"expects a rank-4 input; got {shape}.");
        var (h, w) = layout == Layout.Nhwc ? (shape[1], shape[2]) : (shape[2], shape[3]);
        var mode = KerasPadding.Mode(context);
        var (top, bottom) = KerasPadding.Pads(context, mode, h, kh, strides[0], dilation[0]);
        var (left, right) = KerasPadding.Pads(context, mode, w, kw, strides[1], dilation[1]);
        return new Conv2DAttributes(strides[0], strides[1], dilation[0], dilation[1], groups, top, bottom, left, right);
    }

    /// <summary>
    /// The kernel as [k..., C_in, C_out] (Keras 2 layout), from Keras 1's "th" layout [C_out, C_in, k...] when the layer
    /// used it, flipped spatially for Theano-trained files.
    /// </summary>
    private static Tensor ChannelsLastKernel(KerasLayerContext context, Tensor stored, int spatialAxes)
    {
        if (stored.Rank != spatialAxes + 2)
        {
            throw context.Args.Error($"kernel has shape {stored.Shape}; expected rank {spatialAxes + 2}.");
        }
        var kernel = stored;
        if (context.KerasMajorVersion == 1 && context.Args.String("default", "dim_ordering") is var ordering
            && (ordering == "th" || ordering == "default" && context.File.IsTheano) && spatialAxes == 2)
        {
            kernel = KerasWeightLayouts.Permute(kernel, 2, 3, 1, 0);
        }
        return context.File.IsTheano ? KerasWeightLayouts.FlipSpatial(kernel, spatialAxes) : kernel;
    }
}
