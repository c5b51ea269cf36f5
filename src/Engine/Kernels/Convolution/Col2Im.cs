using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Folds the per-tap products of a transposed convolution back into one image, adding each product to the output
/// pixel (iy*stride - pad + k*dilation) it lands on. Each call owns a disjoint slice of the output, so workers never collide.
/// </summary>
internal static class Col2Im
{
    /// <summary>
    /// NHWC: <paramref name="columns"/> is [H*W, KH*KW*Cout/groups] (column order ky, kx, co); adds into output rows
    /// [oyStart, oyEnd) of the [Hout, Wout, Cout] <paramref name="image"/>, channels of <paramref name="group"/>.
    /// </summary>
    public static void Nhwc(in ConvTranspose2DParameters p, ReadOnlySpan<float> columns, int group, Span<float> image, int oyStart, int oyEnd)
    {
        int coutG = p.OutChannelsPerGroup, kw = p.KernelWidth, outW = p.OutWidth;
        var taps = p.KernelHeight * kw * coutG;
        for (var oy = oyStart; oy < oyEnd; oy++)
        {
            for (var ky = 0; ky < p.KernelHeight; ky++)
            {
                var iy = SourceIndex(oy, ky, p.PadTop, p.DilationHeight, p.StrideHeight, p.InHeight);
                if (iy < 0) continue;
                for (var kx = 0; kx < kw; kx++)
                {
                    // Output columns reached from tap kx: ox = ix*stride + offset for ix in [ixLow, ixHigh).
                    var offset = kx * p.DilationWidth - p.PadLeft;
                    var (ixLow, ixHigh) = ConvGeometry.ValidTaps(offset, p.StrideWidth, outW, p.InWidth);
                    for (var ix = ixLow; ix < ixHigh; ix++)
                    {
                        var ox = ix * p.StrideWidth + offset;
                        var src = columns.Slice((iy * p.InWidth + ix) * taps + (ky * kw + kx) * coutG, coutG);
                        var dst = image.Slice((oy * outW + ox) * p.OutChannels + group * coutG, coutG);
                        TensorPrimitives.Add(dst, src, dst);
                    }
                }
            }
        }
    }

    /// <summary>
    /// NCHW: <paramref name="columns"/> is [Cout/groups*KH*KW, H*W] (row order co, ky, kx); adds into the planes of group
    /// channels [channelStart, channelEnd) of the [Cout, Hout, Wout] <paramref name="image"/>.
    /// </summary>
    public static void Nchw(in ConvTranspose2DParameters p, ReadOnlySpan<float> columns, int group, Span<float> image, int channelStart, int channelEnd)
    {
        int kh = p.KernelHeight, kw = p.KernelWidth, outW = p.OutWidth, inPixels = p.InHeight * p.InWidth;
        var outPixels = p.OutHeight * outW;
        for (var j = channelStart; j < channelEnd; j++)
        {
            var plane = image.Slice((group * p.OutChannelsPerGroup + j) * outPixels, outPixels);
            for (var ky = 0; ky < kh; ky++)
            for (var kx = 0; kx < kw; kx++)
            {
                var tapRow = columns.Slice(((j * kh + ky) * kw + kx) * inPixels, inPixels);
                var offset = kx * p.DilationWidth - p.PadLeft;
                var (ixLow, ixHigh) = ConvGeometry.ValidTaps(offset, p.StrideWidth, outW, p.InWidth);
                if (ixLow == ixHigh) continue;
                var (iyLow, iyHigh) = ConvGeometry.ValidTaps(ky * p.DilationHeight - p.PadTop, p.StrideHeight, p.OutHeight, p.InHeight);
                for (var iy = iyLow; iy < iyHigh; iy++)
                {
                    var oy = iy * p.StrideHeight + ky * p.DilationHeight - p.PadTop;
                    var src = tapRow.Slice(iy * p.InWidth + ixLow, ixHigh - ixLow);
                    if (p.StrideWidth == 1)
                    {
                        var dst = plane.Slice(oy * outW + ixLow + offset, ixHigh - ixLow);
                        TensorPrimitives.Add(dst, src, dst);
                        continue;
                    }
                    var rowStart = oy * outW + offset;
                    for (var i = 0; i < src.Length; i++) plane[rowStart + (ixLow + i) * p.StrideWidth] += src[i];
                }
            }
        }
    }

    // The input row iy with iy*stride - pad + k*dilation == o, or -1 when none exists.
    private static int SourceIndex(int o, int k, int pad, int dilation, int stride, int size)
    {
        var t = o + pad - k * dilation;
        if (t < 0 || t % stride != 0) return -1;
        var i = t / stride;
        return i < size ? i : -1;
    }
}
