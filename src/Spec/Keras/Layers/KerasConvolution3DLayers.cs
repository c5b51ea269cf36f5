using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras.Layers;

/// <summary>
/// Conv3D and Conv3DTranspose on the engine's channels-first 3-D convolutions; channels_last layers run between two
/// transposes (<see cref="KerasChannelsFirst"/>). Kernels are stored as Keras writes them: Conv3D [KD, KH, KW, C_in/groups,
/// C_out], Conv3DTranspose [KD, KH, KW, C_out, C_in] (keras conv3d.py / conv3d_transpose.py build()).
/// </summary>
internal static class KerasConvolution3DLayers
{
    public static IReadOnlyList<string> Conv3D(KerasLayerContext context)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var kernel = ChannelsLastKernel(context, context.Weight(0));
        var size = KerasChannelsFirst.Spatial(context, layout, 3);
        var strides = args.Ints(3, [1, 1, 1], "strides", "subsample");
        var dilation = args.Ints(3, [1, 1, 1], "dilation_rate");
        var mode = KerasPadding.Mode(context);
        var pads = Enumerable.Range(0, 3).Select(a => KerasPadding.Pads(context, mode, size[a], kernel.Shape[a], strides[a], dilation[a])).ToArray();
        var attributes = new Conv3DAttributes(strides[0], strides[1], strides[2], dilation[0], dilation[1], dilation[2], args.Int(1, "groups"),
            pads[0].Before, pads[0].After, pads[1].Before, pads[1].After, pads[2].Before, pads[2].After);
        var filters = kernel.Shape[4];
        var bias = args.Bool(true, "use_bias", "bias") ? context.Weight(1, new Shape(filters)) : null;
        var weights = KerasWeightLayouts.Permute(kernel, 4, 3, 0, 1, 2);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax, step =>
            KerasChannelsFirst.Emit(context, layout, step, new Engine.Ops.Convolution.Conv3D(weights, bias, attributes, fused), context.Input))];
    }

    /// <summary>
    /// Conv3DTranspose: each axis as TensorFlow's conv3d_transpose computes it for the output length Keras asks for
    /// (<see cref="TensorFlowPadding.Transposed"/>). Keras 2 ignores dilation_rate here (its get_config drops it); Keras 3 passes it.
    /// </summary>
    public static IReadOnlyList<string> Conv3DTranspose(KerasLayerContext context)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var kernel = context.Weight(0);
        if (kernel.Rank != 5) throw args.Error($"kernel has shape {kernel.Shape}; expected [KD, KH, KW, filters, C_in].");
        var size = KerasChannelsFirst.Spatial(context, layout, 3);
        var strides = args.Ints(3, [1, 1, 1], "strides");
        var dilation = context.KerasMajorVersion >= 3 ? args.Ints(3, [1, 1, 1], "dilation_rate") : [1, 1, 1];
        int[]? outputPadding = args.IsSet("output_padding") ? args.Ints(3, null, "output_padding") : null;
        var mode = KerasPadding.Mode(context);
        var axes = Enumerable.Range(0, 3).Select(a => KerasConvolutionLayers.TransposedAxis(context, mode, size[a], kernel.Shape[a], strides[a], dilation[a], outputPadding?[a])).ToArray();
        var attributes = new Conv3DAttributes(strides[0], strides[1], strides[2], dilation[0], dilation[1], dilation[2], 1,
            axes[0].CropBefore, axes[0].CropAfter, axes[1].CropBefore, axes[1].CropAfter, axes[2].CropBefore, axes[2].CropAfter);
        var filters = kernel.Shape[3];
        var bias = args.Bool(true, "use_bias") ? context.Weight(1, new Shape(filters)) : null;
        var weights = KerasWeightLayouts.Permute(kernel, 4, 3, 0, 1, 2);
        var (fused, softmax) = KerasActivationNodes.Read(context);
        return [KerasActivationNodes.Finish(context, softmax, step => KerasChannelsFirst.Emit(context, layout, step,
            new ConvTranspose3D(weights, bias, attributes, axes[0].Extra, axes[1].Extra, axes[2].Extra, fused), context.Input))];
    }

    /// <summary>
    /// The kernel as [KD, KH, KW, C_in, C_out]: Keras 1 Convolution3D with dim_ordering "th" stored [C_out, C_in, KD, KH, KW],
    /// and Theano-trained kernels run flipped (Theano convolves where TensorFlow correlates).
    /// </summary>
    private static Tensor ChannelsLastKernel(KerasLayerContext context, Tensor stored)
    {
        if (stored.Rank != 5) throw context.Args.Error($"kernel has shape {stored.Shape}; expected [KD, KH, KW, C_in, filters].");
        var kernel = stored;
        if (context.KerasMajorVersion == 1 && context.Args.String("default", "dim_ordering") is var ordering
            && (ordering == "th" || ordering == "default" && context.File.IsTheano))
        {
            kernel = KerasWeightLayouts.Permute(kernel, 2, 3, 4, 1, 0);
        }
        return context.File.IsTheano ? KerasWeightLayouts.FlipSpatial(kernel, 3) : kernel;
    }
}
