using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>Convolution and deconvolution on NCHW blobs, with Core ML's weight layouts and padding rules.</summary>
internal static class NeuralNetworkConvolutionLayers
{
    public static IReadOnlyList<string> Convolution(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Convolution;
        var input = context.Input;
        var shape = context.ShapeOf(input);
        if (shape.Rank != 4) throw context.Error("input", $"has shape {shape}; convolution needs a [Batch, C, H, W] blob.");
        var outChannels = context.Size(p.OutputChannels, "convolution.outputChannels", 1);
        var kernelChannels = context.Size(p.KernelChannels, "convolution.kernelChannels", 1);
        var groups = context.Size(p.NGroups == 0 ? 1 : p.NGroups, "convolution.nGroups", 1);
        var (kh, kw) = Pair(context, p.KernelSize, 3, "convolution.kernelSize");
        var (sh, sw) = Pair(context, p.Stride, 1, "convolution.stride");
        var (dh, dw) = Pair(context, p.DilationFactor, 1, "convolution.dilationFactor");
        var (effH, effW) = ((kh - 1) * dh + 1, (kw - 1) * dw + 1);

        (int Start, int End) padH, padW;
        if (p.ConvolutionPaddingTypeCase == ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Same)
        {
            // Deconvolution 'same' produces size * stride: the pads remove effectiveKernel - stride in total.
            padH = p.IsDeconvolution ? SplitDeconvolution(p.Same, effH - sh) : NeuralNetworkPadding.Same(p.Same, shape[2], sh, effH);
            padW = p.IsDeconvolution ? SplitDeconvolution(p.Same, effW - sw) : NeuralNetworkPadding.Same(p.Same, shape[3], sw, effW);
        }
        else
        {
            padH = NeuralNetworkPadding.Valid(context, p.Valid, 0, "convolution.valid");
            padW = NeuralNetworkPadding.Valid(context, p.Valid, 1, "convolution.valid");
        }
        var bias = p.HasBias ? context.Weights(p.Bias, [outChannels], "convolution.bias") : null;

        if (!p.IsDeconvolution)
        {
            var weights = context.Weights(p.Weights, [outChannels, kernelChannels, kh, kw], "convolution.weights");
            var attributes = new Conv2DAttributes(sh, sw, dh, dw, groups, padH.Start, padH.End, padW.Start, padW.End);
            return [context.Emit("", new Conv2D(Layout.Nchw, weights, bias, attributes), input)];
        }

        if (outChannels % groups != 0) throw context.Error("convolution.nGroups", $"is {groups}, which does not divide outputChannels {outChannels}.");
        var deconvWeights = context.Weights(p.Weights, [kernelChannels, outChannels / groups, kh, kw], "convolution.weights");
        var outputPadH = 0;
        var outputPadW = 0;
        if (p.OutputShape.Count > 0)
        {
            // An explicit output shape larger than the natural size adds rows at the bottom/right; smaller crops there.
            if (p.OutputShape.Count != 2) throw context.Error("convolution.outputShape", $"has {p.OutputShape.Count} values; expected 2 (height, width).");
            var naturalH = (shape[2] - 1) * sh + effH - padH.Start - padH.End;
            var naturalW = (shape[3] - 1) * sw + effW - padW.Start - padW.End;
            var wantedH = context.Size(p.OutputShape[0], "convolution.outputShape", 1);
            var wantedW = context.Size(p.OutputShape[1], "convolution.outputShape", 1);
            if (wantedH >= naturalH) outputPadH = wantedH - naturalH; else padH.End += naturalH - wantedH;
            if (wantedW >= naturalW) outputPadW = wantedW - naturalW; else padW.End += naturalW - wantedW;
        }
        var deconvAttributes = new Conv2DAttributes(sh, sw, dh, dw, groups, padH.Start, padH.End, padW.Start, padW.End);
        return [context.Emit("", new ConvTranspose2D(Layout.Nchw, deconvWeights, bias, deconvAttributes, outputPadH, outputPadW), input)];
    }

    private static (int Start, int End) SplitDeconvolution(SamePadding same, int total)
    {
        total = Math.Max(total, 0);
        var small = total / 2;
        return same.AsymmetryMode == SamePadding.Types.SamePaddingMode.TopLeftHeavy ? (total - small, small) : (small, total - small);
    }

    /// <summary>A (height, width) pair from a repeated field, or the Core ML default when the field is empty.</summary>
    public static (int Height, int Width) Pair(NeuralNetworkLayerContext context, IReadOnlyList<ulong> values, int fallback, string field)
    {
        if (values.Count == 0) return (fallback, fallback);
        if (values.Count != 2) throw context.Error(field, $"has {values.Count} values; expected 2 (height, width).");
        return (context.Size(values[0], field, 1), context.Size(values[1], field, 1));
    }
}
