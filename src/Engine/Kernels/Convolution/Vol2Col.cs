namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Unfolds one channels-first volume [Cin, D, H, W] into the column matrix of a 3-D convolution: row (ci, kd, kh, kw)
/// holds input channel ci seen through that tap at every output voxel of a run of output depth slices, padding reading
/// as zeros. The row order matches Core ML weights [Cout, Cin/groups, KD, KH, KW] read as a [Cout, Cin/groups*KD*KH*KW] matrix.
/// </summary>
internal static class Vol2Col
{
    /// <summary>
    /// Writes rows [rowStart, rowEnd) of the group's columns for output depth slices [odStart, odStart + odCount);
    /// each row is odCount*Hout*Wout long.
    /// </summary>
    public static void Rows(in Conv3DParameters p, ReadOnlySpan<float> volume, int group, int odStart, int odCount, Span<float> columns, int rowStart, int rowEnd)
    {
        for (var r = rowStart; r < rowEnd; r++) Row(p, volume, group, odStart, odCount, columns, r);
    }

    private static void Row(in Conv3DParameters p, ReadOnlySpan<float> volume, int group, int odStart, int odCount, Span<float> columns, int r)
    {
        int kd = p.KernelDepth, kh = p.KernelHeight, kw = p.KernelWidth;
        int ci = r / (kd * kh * kw), tz = r / (kh * kw) % kd, ty = r / kw % kh, tx = r % kw;
        int outH = p.OutHeight, outW = p.OutWidth, outPlane = outH * outW, inPlane = p.InHeight * p.InWidth;
        var channel = volume.Slice((group * p.InChannelsPerGroup + ci) * p.InDepth * inPlane, p.InDepth * inPlane);
        var row = columns.Slice(r * odCount * outPlane, odCount * outPlane);
        var offset = tx * p.DilationWidth - p.PadLeft;
        var (oxLow, oxHigh) = ConvGeometry.ValidTaps(offset, p.StrideWidth, p.InWidth, outW);
        for (var od = 0; od < odCount; od++)
        {
            var slab = row.Slice(od * outPlane, outPlane);
            var iz = (odStart + od) * p.StrideDepth - p.PadFront + tz * p.DilationDepth;
            if (iz < 0 || iz >= p.InDepth || oxLow == oxHigh)
            {
                slab.Clear();
                continue;
            }
            var slice = channel.Slice(iz * inPlane, inPlane);
            for (var oy = 0; oy < outH; oy++)
            {
                var d = slab.Slice(oy * outW, outW);
                var iy = oy * p.StrideHeight - p.PadTop + ty * p.DilationHeight;
                if (iy < 0 || iy >= p.InHeight)
                {
                    d.Clear();
                    continue;
                }
                d[..oxLow].Clear();
                d[oxHigh..].Clear();
                var src = slice.Slice(iy * p.InWidth, p.InWidth);
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
