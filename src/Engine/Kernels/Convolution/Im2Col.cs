namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Unfolds one image's receptive fields into a [terms, Hout*Wout] matrix so a convolution becomes one GEMM per group
/// with the output pixels as its wide dimension. Taps that fall into the padding become zeros. Both layouts unfold
/// from channel planes [Cin, H, W] (NHWC images are transposed to planes first), so every copy is a run along a row.
/// </summary>
internal static class Im2Col
{
    /// <summary>
    /// Writes rows [rowStart, rowEnd) in row order (ci, ky, kx), matching Core ML weights [Cout, Cin/groups, KH, KW]
    /// read as a [Cout, Cin/groups*KH*KW] matrix.
    /// </summary>
    public static void ChannelMajor(in Conv2DParameters p, ReadOnlySpan<float> planes, int group, Span<float> columns, int rowStart, int rowEnd)
    {
        int kh = p.KernelHeight, kw = p.KernelWidth;
        for (var r = rowStart; r < rowEnd; r++) Row(p, planes, group, r / (kh * kw), r / kw % kh, r % kw, columns, r);
    }

    /// <summary>
    /// Writes rows [rowStart, rowEnd) in row order (ky, kx, ci), matching Keras weights [KH, KW, Cin/groups, Cout]
    /// read as a [KH*KW*Cin/groups, Cout] matrix (the GEMM reads it transposed).
    /// </summary>
    public static void TapMajor(in Conv2DParameters p, ReadOnlySpan<float> planes, int group, Span<float> columns, int rowStart, int rowEnd)
    {
        int cinG = p.InChannelsPerGroup, kw = p.KernelWidth;
        for (var r = rowStart; r < rowEnd; r++) Row(p, planes, group, r % cinG, r / (kw * cinG), r / cinG % kw, columns, r);
    }

    // Row r holds input channel ci (within the group) seen through tap (ky, kx) at every output pixel.
    private static void Row(in Conv2DParameters p, ReadOnlySpan<float> planes, int group, int ci, int ky, int kx, Span<float> columns, int r)
    {
        int outH = p.OutHeight, outW = p.OutWidth, plane = p.InHeight * p.InWidth;
        var channel = planes.Slice((group * p.InChannelsPerGroup + ci) * plane, plane);
        var dst = columns.Slice(r * outH * outW, outH * outW);
        var offset = kx * p.DilationWidth - p.PadLeft;
        var (oxLow, oxHigh) = ConvGeometry.ValidTaps(offset, p.StrideWidth, p.InWidth, outW);
        for (var oy = 0; oy < outH; oy++)
        {
            var d = dst.Slice(oy * outW, outW);
            var iy = oy * p.StrideHeight - p.PadTop + ky * p.DilationHeight;
            if (iy < 0 || iy >= p.InHeight || oxLow == oxHigh)
            {
                d.Clear();
                continue;
            }
            d[..oxLow].Clear();
            d[oxHigh..].Clear();
            var src = channel.Slice(iy * p.InWidth, p.InWidth);
            if (p.StrideWidth == 1)
            {
                src.Slice(oxLow + offset, oxHigh - oxLow).CopyTo(d[oxLow..]);
                continue;
            }
            for (var ox = oxLow; ox < oxHigh; ox++) d[ox] = src[ox * p.StrideWidth + offset];
        }
    }
}
