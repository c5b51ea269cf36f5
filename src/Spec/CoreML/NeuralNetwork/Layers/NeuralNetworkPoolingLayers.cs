using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Ops.Pooling;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>Max, average and L2 pooling on NCHW blobs with Core ML's valid, same and includeLastPixel paddings.</summary>
internal static class NeuralNetworkPoolingLayers
{
    public static IReadOnlyList<string> Pooling(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Pooling;
        var input = context.Input;
        var shape = context.ShapeOf(input);
        if (shape.Rank != 4) throw context.Error("input", $"has shape {shape}; pooling needs a [Batch, C, H, W] blob.");
        var kind = p.Type switch
        {
            PoolingLayerParams.Types.PoolingType.Max => PoolKind.Max,
            PoolingLayerParams.Types.PoolingType.Average => PoolKind.Average,
            PoolingLayerParams.Types.PoolingType.L2 => PoolKind.L2,
            var other => throw context.Error("pooling.type", $"is {other}; expected MAX, AVERAGE or L2."),
        };
        if (p.GlobalPooling) return [context.Emit("", new GlobalPooling(Layout.Nchw, kind, keepDims: true), input)];

        var (kh, kw) = NeuralNetworkConvolutionLayers.Pair(context, p.KernelSize, 3, "pooling.kernelSize");
        var (sh, sw) = NeuralNetworkConvolutionLayers.Pair(context, p.Stride, 1, "pooling.stride");
        (int Start, int End) padH, padW;
        switch (p.PoolingPaddingTypeCase)
        {
            case PoolingLayerParams.PoolingPaddingTypeOneofCase.Same:
                padH = NeuralNetworkPadding.Same(p.Same, shape[2], sh, kh);
                padW = NeuralNetworkPadding.Same(p.Same, shape[3], sw, kw);
                break;
            case PoolingLayerParams.PoolingPaddingTypeOneofCase.IncludeLastPixel:
                var amounts = p.IncludeLastPixel.PaddingAmounts;
                if (amounts.Count is not (0 or 2)) throw context.Error("pooling.includeLastPixel.paddingAmounts", $"has {amounts.Count} values; expected 2 (height, width).");
                var (ph, pw) = amounts.Count == 0 ? (0, 0) : (context.Size(amounts[0], "pooling.includeLastPixel.paddingAmounts"), context.Size(amounts[1], "pooling.includeLastPixel.paddingAmounts"));
                padH = IncludeLastPixel(shape[2], kh, sh, ph);
                padW = IncludeLastPixel(shape[3], kw, sw, pw);
                break;
            default:
                padH = NeuralNetworkPadding.Valid(context, p.Valid, 0, "pooling.valid");
                padW = NeuralNetworkPadding.Valid(context, p.Valid, 1, "pooling.valid");
                break;
        }
        var parameters = new Pool2DParameters(kind, kh, kw, sh, sw, padH.Start, padH.End, padW.Start, padW.End, CountPadding: !p.AvgPoolExcludePadding);
        return [context.Emit("", new Pooling2D(Layout.Nchw, parameters), input)];
    }

    // Caffe-style ceil rounding (NeuralNetwork.proto ValidCompletePadding): out = ceil((size + 2 pad - kernel) / stride) + 1,
    // minus one when the last window would start inside the end padding; the extra cover becomes end padding.
    private static (int Start, int End) IncludeLastPixel(int size, int kernel, int stride, int pad)
    {
        var output = (size + 2 * pad - kernel + stride - 1) / stride + 1;
        if (pad > 0 && (output - 1) * stride >= size + pad) output--;
        return (pad, Math.Max((output - 1) * stride + kernel - size - pad, pad));
    }
}
