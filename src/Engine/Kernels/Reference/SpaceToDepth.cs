namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Kernels.SpaceToDepth"/>: output channel k at (y, x) decodes k into (c, block row,
/// block column) by the mode and reads input pixel (y * b + block row, x * b + block column) of channel c.
/// </summary>
public static class SpaceToDepth
{
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, Layout layout, int block, DepthToSpaceMode mode, Span<T> output)
        where T : unmanaged
    {
        var nchw = layout == Layout.Nchw;
        var (n, c, h, w) = nchw ? (shape[0], shape[1], shape[2], shape[3]) : (shape[0], shape[3], shape[1], shape[2]);
        var b = block;
        var (cOut, ho, wo) = (c * b * b, h / b, w / b);
        for (var bi = 0; bi < n; bi++)
        for (var k = 0; k < cOut; k++)
        for (var y = 0; y < ho; y++)
        for (var x = 0; x < wo; x++)
        {
            var (ci, offset) = mode == DepthToSpaceMode.Dcr ? (k % c, k / c) : (k / (b * b), k % (b * b));
            var (iy, ix) = (y * b + offset / b, x * b + offset % b);
            var src = nchw ? ((bi * c + ci) * h + iy) * w + ix : ((bi * h + iy) * w + ix) * c + ci;
            var dst = nchw ? ((bi * cOut + k) * ho + y) * wo + x : ((bi * ho + y) * wo + x) * cOut + k;
            output[dst] = input[src];
        }
    }
}
