using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras.Layers;

/// <summary>Conv1D, Conv2D, DepthwiseConv2D, SeparableConv1D/2D and Conv2DTranspose with Keras's padding, layouts and Theano's kernel flip.</summary>
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

    /// <summary>Conv2DTranspose: kernel [KH, KW, C_out, C_in]; "same" gives H * stride rows, cropping as TensorFlow's conv2d_transpose does.</summary>
    public static IReadOnlyList<string> Conv2DTranspose(KerasLayerContext context)
    {
        var args = context.Args;
        if (args.IsSet("output_padding"))
        {
            throw new UnsupportedLayerException(context.File.Path, new UnsupportedLayer(args.Layer, args.ClassName, "output_padding is not supported yet."));
        }
        var layout = KerasDataFormat.Of(context);
        var kernel = context.Weight(0);
        var (kh, kw, filters) = (kernel.Shape[0], kernel.Shape[1], kernel.Shape[2]);
        var strides = args.Ints(2, [1, 1], "strides", "subsample");
        var dilation = args.Ints(2, [1, 1], "dilation_rate");
        var mode = KerasPadding.Mode(context);
        var inShape = context.ShapeOf(context.Input);
        var (h, w) = layout == Layout.Nhwc ? (inShape[1], inShape[2]) : (inShape[2], inShape[3]);
        // The transposed convolution crops the pads the forward convolution would add to its output.
        var outH = mode == "same" ? h * strides[0] : (h - 1) * strides[0] + dilation[0] * (kh - 1) + 1;
        var outW = mode == "same" ? w * strides[1] : (w - 1) * strides[1] + dilation[1] * (kw - 1) + 1;
        var (top, bottom) = KerasPadding.Pads(context, mode, outH, kh, strides[0], dilation[0]);
        var (left, right) = KerasPadding.Pads(context, mode, outW, kw, strides[1], dilation[1]);
        var attributes = new Conv2DAttributes(strides[0], strides[1], dilation[0], dilation[1], 1, top, bottom, left, right);
        var bias = args.Bool(true, "use_bias") ? context.Weight(1, new Shape(filters)) : null;
        var weights = layout == Layout.Nhwc ? kernel : KerasWeightLayouts.Permute(kernel, 3, 2, 0, 1);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax, step => context.Emit(step,
            new ConvTranspose2D(layout, weights, bias, attributes, activation: fused), context.Input))];
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
