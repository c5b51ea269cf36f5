using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Folds the per-tap products of a 3-D transposed convolution back into the output volume, adding each product to the
/// voxel (i*stride - pad + k*dilation per axis) it lands on. Each call owns whole output channels, so workers never collide.
/// </summary>
internal static class Col2Vol
{
    /// <summary>
    /// <paramref name="columns"/> is [Cout/groups*KD*KH*KW, slices*H*W] (row order co, kd, kh, kw) for the input depth slices
    /// [izStart, izStart + slices); adds into the volumes of group channels [channelStart, channelEnd) of the
    /// [Cout, Dout, Hout, Wout] <paramref name="image"/>.
    /// </summary>
    public static void Channels(in ConvTranspose3DParameters p, ReadOnlySpan<float> columns, int izStart, int slices, int group, Span<float> image,
        int channelStart, int channelEnd)
    {
        int kd = p.KernelDepth, kh = p.KernelHeight, kw = p.KernelWidth, outW = p.OutWidth, outPlane = p.OutHeight * outW;
        int inPlane = p.InHeight * p.InWidth, inVoxels = slices * inPlane, outVoxels = p.OutDepth * outPlane;
        for (var j = channelStart; j < channelEnd; j++)
        {
            var volume = image.Slice((group * p.OutChannelsPerGroup + j) * outVoxels, outVoxels);
            for (var tz = 0; tz < kd; tz++)
            for (var ty = 0; ty < kh; ty++)
            for (var tx = 0; tx < kw; tx++)
            {
                var tapRow = columns.Slice((((j * kd + tz) * kh + ty) * kw + tx) * inVoxels, inVoxels);
                var offset = tx * p.DilationWidth - p.PadLeft;
                var (ixLow, ixHigh) = ConvGeometry.ValidTaps(offset, p.StrideWidth, outW, p.InWidth);
                if (ixLow == ixHigh) continue;
                var (izLow, izHigh) = ConvGeometry.ValidTaps(tz * p.DilationDepth - p.PadFront, p.StrideDepth, p.OutDepth, p.InDepth);
                (izLow, izHigh) = (Math.Max(izLow, izStart), Math.Min(izHigh, izStart + slices));
                var (iyLow, iyHigh) = ConvGeometry.ValidTaps(ty * p.DilationHeight - p.PadTop, p.StrideHeight, p.OutHeight, p.InHeight);
                for (var iz = izLow; iz < izHigh; iz++)
                for (var iy = iyLow; iy < iyHigh; iy++)
                {
                    var oz = iz * p.StrideDepth + tz * p.DilationDepth - p.PadFront;
                    var oy = iy * p.StrideHeight + ty * p.DilationHeight - p.PadTop;
                    var src = tapRow.Slice((iz - izStart) * inPlane + iy * p.InWidth + ixLow, ixHigh - ixLow);
                    var rowStart = oz * outPlane + oy * outW + offset;
                    if (p.StrideWidth == 1)
                    {
                        var dst = volume.Slice(rowStart + ixLow, ixHigh - ixLow);
                        TensorPrimitives.Add(dst, src, dst);
                        continue;
                    }
                    for (var i = 0; i < src.Length; i++) volume[rowStart + (ixLow + i) * p.StrideWidth] += src[i];
                }
            }
        }
    }
}
