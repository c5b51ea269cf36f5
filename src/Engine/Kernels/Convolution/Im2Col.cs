namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Unfolds one image's receptive fields into a matrix so a convolution becomes one GEMM per group.
/// Taps that fall into the padding become zeros.
/// </summary>
internal static class Im2Col
{
    /// <summary>
    /// NHWC: <paramref name="image"/> is [H, W, Cin]; writes output rows [oyStart, oyEnd) of the [Hout*Wout, KH*KW*Cin/groups]
    /// matrix, column order (ky, kx, ci) to match Keras weights [KH, KW, Cin/groups, Cout] read as a [KH*KW*Cin/groups, Cout] matrix.
    /// </summary>
    public static void Nhwc(in Conv2DParameters p, ReadOnlySpan<float> image, int group, Span<float> columns, int oyStart, int oyEnd)
    {
        int cinG = p.InChannelsPerGroup, outW = p.OutWidth, kw = p.KernelWidth;
        var rowLength = p.TermsPerOutput;
        var tapLength = kw * cinG;
        // With one group and no dilation the kx taps of a kernel row are adjacent pixels: one contiguous copy.
        var contiguousTaps = p.DilationWidth == 1 && cinG == p.InChannels;
        for (var oy = oyStart; oy < oyEnd; oy++)
        {
            var iy0 = oy * p.StrideHeight - p.PadTop;
            for (var ox = 0; ox < outW; ox++)
            {
                var row = columns.Slice((oy * outW + ox) * rowLength, rowLength);
                var ix0 = ox * p.StrideWidth - p.PadLeft;
                var (kxLow, kxHigh) = ConvGeometry.ValidTaps(ix0, p.DilationWidth, p.InWidth, kw);
                for (var ky = 0; ky < p.KernelHeight; ky++)
                {
                    var dst = row.Slice(ky * tapLength, tapLength);
                    var iy = iy0 + ky * p.DilationHeight;
                    if (iy < 0 || iy >= p.InHeight || kxLow == kxHigh)
                    {
                        dst.Clear();
                        continue;
                    }
                    dst[..(kxLow * cinG)].Clear();
                    dst[(kxHigh * cinG)..].Clear();
                    var pixelRow = image.Slice(iy * p.InWidth * p.InChannels, p.InWidth * p.InChannels);
                    if (contiguousTaps)
                    {
                        pixelRow.Slice((ix0 + kxLow) * cinG, (kxHigh - kxLow) * cinG).CopyTo(dst[(kxLow * cinG)..]);
                        continue;
                    }
                    for (var kx = kxLow; kx < kxHigh; kx++)
                    {
                        var ix = ix0 + kx * p.DilationWidth;
                        pixelRow.Slice(ix * p.InChannels + group * cinG, cinG).CopyTo(dst.Slice(kx * cinG, cinG));
                    }
                }
            }
        }
    }

    /// <summary>
    /// NCHW: <paramref name="image"/> is [Cin, H, W]; writes rows [rowStart, rowEnd) of the [Cin/groups*KH*KW, Hout*Wout]
    /// matrix, row order (ci, ky, kx) to match Core ML weights [Cout, Cin/groups, KH, KW] read as a [Cout, Cin/groups*KH*KW] matrix.
    /// </summary>
    public static void Nchw(in Conv2DParameters p, ReadOnlySpan<float> image, int group, Span<float> columns, int rowStart, int rowEnd)
    {
        int outH = p.OutHeight, outW = p.OutWidth, kh = p.KernelHeight, kw = p.KernelWidth, plane = p.InHeight * p.InWidth;
        for (var r = rowStart; r < rowEnd; r++)
        {
            int ci = r / (kh * kw), ky = r / kw % kh, kx = r % kw;
            var channel = image.Slice((group * p.InChannelsPerGroup + ci) * plane, plane);
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
}
