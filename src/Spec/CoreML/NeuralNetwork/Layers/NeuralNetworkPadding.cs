using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>Core ML's padding rules for sliding windows: explicit valid border amounts and 'same' with its asymmetry mode.</summary>
internal static class NeuralNetworkPadding
{
    /// <summary>(start, end) pads of axis <paramref name="axis"/> (0 = height, 1 = width) from ValidPadding.paddingAmounts.</summary>
    public static (int Start, int End) Valid(NeuralNetworkLayerContext context, ValidPadding? valid, int axis, string field)
    {
        var amounts = valid?.PaddingAmounts?.BorderAmounts_;
        if (amounts is null || amounts.Count == 0) return (0, 0);
        if (amounts.Count != 2) throw context.Error($"{field}.paddingAmounts", $"has {amounts.Count} border amounts; expected 2 (height, width).");
        return (context.Size(amounts[axis].StartEdgeSize, $"{field}.paddingAmounts"), context.Size(amounts[axis].EndEdgeSize, $"{field}.paddingAmounts"));
    }

    /// <summary>
    /// 'same' pads: output ceil(size / stride), total pad max((out - 1) * stride + effectiveKernel - size, 0), split
    /// with the odd row at the end (BOTTOM_RIGHT_HEAVY, the default) or at the start (TOP_LEFT_HEAVY).
    /// </summary>
    public static (int Start, int End) Same(SamePadding same, int size, int stride, int effectiveKernel)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + effectiveKernel - size, 0);
        var small = total / 2;
        return same.AsymmetryMode == SamePadding.Types.SamePaddingMode.TopLeftHeavy ? (total - small, small) : (small, total - small);
    }
}
