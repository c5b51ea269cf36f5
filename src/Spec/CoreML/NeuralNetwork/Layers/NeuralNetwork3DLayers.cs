using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Ops.Convolution;
using Parity.Engine.Ops.Pooling;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// convolution3d (and its deconvolution form), pooling3d and globalPooling3d on [Batch, C, D, H, W] blobs, with the
/// padding types of NeuralNetwork.proto's Convolution3DLayerParams and Pooling3DLayerParams.
/// </summary>
internal static class NeuralNetwork3DLayers
{
    private readonly record struct Axis(int Size, int Kernel, int Stride, int Dilation, int CustomBefore, int CustomAfter)
    {
        public int Effective => (Kernel - 1) * Dilation + 1;
    }

    public static IReadOnlyList<string> Convolution3D(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Convolution3D;
        var input = context.Input;
        var shape = RequireVolume(context, "convolution3d");
        var outChannels = AtLeast(context, p.OutputChannels, "convolution3d.outputChannels", 1);
        var inChannels = AtLeast(context, p.InputChannels, "convolution3d.inputChannels", 1);
        if (inChannels != shape[1]) throw context.Error("convolution3d.inputChannels", $"is {inChannels}, but the input blob {shape} has {shape[1]} channels.");
        var groups = p.NGroups == 0 ? 1 : AtLeast(context, p.NGroups, "convolution3d.nGroups", 1);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw context.Error("convolution3d.nGroups", $"is {groups}; it must divide inputChannels {inChannels} and outputChannels {outChannels}.");
        }
        Axis[] axes =
        [
            new(shape[2], AtLeast(context, p.KernelDepth, "convolution3d.kernelDepth", 1), AtLeast(context, p.StrideDepth, "convolution3d.strideDepth", 1),
                AtLeast(context, p.DilationDepth, "convolution3d.dilationDepth", 1),
                AtLeast(context, p.CustomPaddingFront, "convolution3d.customPaddingFront", 0), AtLeast(context, p.CustomPaddingBack, "convolution3d.customPaddingBack", 0)),
            new(shape[3], AtLeast(context, p.KernelHeight, "convolution3d.kernelHeight", 1), AtLeast(context, p.StrideHeight, "convolution3d.strideHeight", 1),
                AtLeast(context, p.DilationHeight, "convolution3d.dilationHeight", 1),
                AtLeast(context, p.CustomPaddingTop, "convolution3d.customPaddingTop", 0), AtLeast(context, p.CustomPaddingBottom, "convolution3d.customPaddingBottom", 0)),
            new(shape[4], AtLeast(context, p.KernelWidth, "convolution3d.kernelWidth", 1), AtLeast(context, p.StrideWidth, "convolution3d.strideWidth", 1),
                AtLeast(context, p.DilationWidth, "convolution3d.dilationWidth", 1),
                AtLeast(context, p.CustomPaddingLeft, "convolution3d.customPaddingLeft", 0), AtLeast(context, p.CustomPaddingRight, "convolution3d.customPaddingRight", 0)),
        ];
        var bias = p.HasBias ? context.Weights(p.Bias, [outChannels], "convolution3d.bias") : null;
        var kernel = axes.Select(a => a.Kernel).ToArray();

        if (!p.IsDeconvolution)
        {
            var pads = axes.Select(a => p.PaddingType switch
            {
                Convolution3DLayerParams.Types.PaddingType.Custom => (a.CustomBefore, a.CustomAfter),
                Convolution3DLayerParams.Types.PaddingType.Same => Same(a.Size, a.Stride, a.Effective),
                _ => (0, 0),
            }).ToArray();
            var weights = context.Weights(p.Weights, [outChannels, inChannels / groups, .. kernel], "convolution3d.weights");
            return [context.Emit("", new Conv3D(weights, bias, Attributes(axes, groups, pads)), input)];
        }

        // Deconvolution 'same' makes each axis size·stride, cropping dilation·(k-1) + 1 - stride with the odd unit at the
        // back/bottom/right (the proto's SAME rule; the MIL conv_transpose 'same' this layer is lowered from follows
        // TensorFlow's conv_transpose); a negative total leaves trailing cells that only the bias reaches.
        var outputPad = new int[3];
        var deconvPads = new (int Before, int After)[3];
        for (var i = 0; i < 3; i++)
        {
            var a = axes[i];
            switch (p.PaddingType)
            {
                case Convolution3DLayerParams.Types.PaddingType.Custom:
                    deconvPads[i] = (a.CustomBefore, a.CustomAfter);
                    break;
                case Convolution3DLayerParams.Types.PaddingType.Same:
                    var total = a.Effective - a.Stride;
                    if (total >= 0) deconvPads[i] = (total / 2, total - total / 2);
                    else outputPad[i] = -total;
                    break;
            }
        }
        if (p.OutputShape.Count > 0)
        {
            // An explicit output shape larger than the natural size adds cells at the back/bottom/right; smaller crops there.
            if (p.OutputShape.Count != 3) throw context.Error("convolution3d.outputShape", $"has {p.OutputShape.Count} values; expected 3 (depth, height, width).");
            for (var i = 0; i < 3; i++)
            {
                var a = axes[i];
                var natural = (a.Size - 1) * a.Stride + a.Effective - deconvPads[i].Before - deconvPads[i].After + outputPad[i];
                var wanted = context.Size(p.OutputShape[i], "convolution3d.outputShape", 1);
                if (wanted >= natural) outputPad[i] += wanted - natural;
                else
                {
                    var crop = natural - wanted;
                    var fromPadding = Math.Min(crop, outputPad[i]);
                    outputPad[i] -= fromPadding;
                    deconvPads[i].After += crop - fromPadding;
                }
            }
        }
        // Stored as [inputChannels, outputChannels / nGroups, KD, KH, KW], PyTorch's ConvTranspose3d layout: coremltools'
        // add_convolution3d takes [outputChannels / nGroups, inputChannels, ...] (the layout the proto comment names) and
        // transposes its first two axes before writing; its MIL conv_transpose tests check this path against
        // nn.ConvTranspose3d on the neuralnetwork backend.
        var deconvWeights = context.Weights(p.Weights, [inChannels, outChannels / groups, .. kernel], "convolution3d.weights");
        var attributes = Attributes(axes, groups, deconvPads);
        return [context.Emit("", new ConvTranspose3D(deconvWeights, bias, attributes, outputPad[0], outputPad[1], outputPad[2]), input)];
    }

    public static IReadOnlyList<string> Pooling3D(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Pooling3D;
        var input = context.Input;
        var shape = RequireVolume(context, "pooling3d");
        var kind = p.Type switch
        {
            Pooling3DLayerParams.Types.PoolingType3D.Max => PoolKind.Max,
            Pooling3DLayerParams.Types.PoolingType3D.Average => PoolKind.Average,
            var other => throw context.Error("pooling3d.type", $"is {other}; expected MAX or AVERAGE."),
        };
        Axis[] axes =
        [
            new(shape[2], AtLeast(context, p.KernelDepth, "pooling3d.kernelDepth", 1), AtLeast(context, p.StrideDepth, "pooling3d.strideDepth", 1), 1,
                AtLeast(context, p.CustomPaddingFront, "pooling3d.customPaddingFront", 0), AtLeast(context, p.CustomPaddingBack, "pooling3d.customPaddingBack", 0)),
            new(shape[3], AtLeast(context, p.KernelHeight, "pooling3d.kernelHeight", 1), AtLeast(context, p.StrideHeight, "pooling3d.strideHeight", 1), 1,
                AtLeast(context, p.CustomPaddingTop, "pooling3d.customPaddingTop", 0), AtLeast(context, p.CustomPaddingBottom, "pooling3d.customPaddingBottom", 0)),
            new(shape[4], AtLeast(context, p.KernelWidth, "pooling3d.kernelWidth", 1), AtLeast(context, p.StrideWidth, "pooling3d.strideWidth", 1), 1,
                AtLeast(context, p.CustomPaddingLeft, "pooling3d.customPaddingLeft", 0), AtLeast(context, p.CustomPaddingRight, "pooling3d.customPaddingRight", 0)),
        ];
        // SAME: the proto says "the same spatial dimensions as the input" with the odd unit at the back; with a stride that
        // is ceil(size / stride), as coremltools' test_pool3d pads its PyTorch reference (aggregated_pad 'same', floor/ceil split).
        var pads = axes.Select(a => p.PaddingType switch
        {
            Pooling3DLayerParams.Types.Pooling3DPaddingType.Custom => (a.CustomBefore, a.CustomAfter),
            Pooling3DLayerParams.Types.Pooling3DPaddingType.Same => Same(a.Size, a.Stride, a.Kernel),
            _ => (0, 0),
        }).ToArray();
        var parameters = new Pool3DParameters(kind, axes[0].Kernel, axes[1].Kernel, axes[2].Kernel, axes[0].Stride, axes[1].Stride, axes[2].Stride,
            pads[0].Item1, pads[0].Item2, pads[1].Item1, pads[1].Item2, pads[2].Item1, pads[2].Item2, CountPadding: !p.CountExcludePadding);
        return [context.Emit("", new Pooling3D(parameters), input)];
    }

    /// <summary>One value per channel over depth, height and width; the output keeps rank 5 with 1x1x1 spatial axes.</summary>
    public static IReadOnlyList<string> GlobalPooling3D(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.GlobalPooling3D;
        RequireVolume(context, "globalPooling3d");
        var kind = p.Type switch
        {
            GlobalPooling3DLayerParams.Types.GlobalPoolingType3D.Max => PoolKind.Max,
            GlobalPooling3DLayerParams.Types.GlobalPoolingType3D.Average => PoolKind.Average,
            var other => throw context.Error("globalPooling3d.type", $"is {other}; expected MAX or AVERAGE."),
        };
        return [context.Emit("", new GlobalPooling(Layout.Nchw, kind, keepDims: true), context.Input)];
    }

    private static Engine.Tensors.Shape RequireVolume(NeuralNetworkLayerContext context, string layer)
    {
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank != 5) throw context.Error("input", $"has shape {shape}; {layer} needs a [Batch, C, D, H, W] blob.");
        return shape;
    }

    // Output ceil(size / stride); total pad max((out - 1)·stride + effectiveKernel - size, 0), the odd unit at the end
    // (Convolution3DLayerParams.PaddingType SAME and its worked example: [1, 3, 3, 8, 8], kernel 3, stride 2 -> pads 1/1, 0/1, 0/1;
    // coremltools' test_conv3d pads its PyTorch reference the same way, with the dilated kernel).
    private static (int Before, int After) Same(int size, int stride, int effectiveKernel)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + effectiveKernel - size, 0);
        return (total / 2, total - total / 2);
    }

    private static Conv3DAttributes Attributes(Axis[] axes, int groups, (int Before, int After)[] pads) => new(
        axes[0].Stride, axes[1].Stride, axes[2].Stride, axes[0].Dilation, axes[1].Dilation, axes[2].Dilation, groups,
        pads[0].Before, pads[0].After, pads[1].Before, pads[1].After, pads[2].Before, pads[2].After);

    private static int AtLeast(NeuralNetworkLayerContext context, int value, string field, int minimum) =>
        value < minimum ? throw context.Error(field, $"is {value}; expected at least {minimum}.") : context.Size((ulong)value, field, minimum);
}
