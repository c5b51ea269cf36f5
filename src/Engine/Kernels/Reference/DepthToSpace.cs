namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Kernels.DepthToSpace"/>: output pixel (y, x) of channel c reads pixel (y / b, x / b)
/// of the channel the mode assigns to block offset (y mod b, x mod b).
/// </summary>
public static class DepthToSpace
{
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, Layout layout, int block, DepthToSpaceMode mode, Span<T> output)
        where T : unmanaged
    {
        var nchw = layout == Layout.Nchw;
        var (n, c, h, w) = nchw ? (shape[0], shape[1], shape[2], shape[3]) : (shape[0], shape[3], shape[1], shape[2]);
        var b = block;
        var cOut = c / (b * b);
        for (var bi = 0; bi < n; bi++)
        for (var co = 0; co < cOut; co++)
        for (var y = 0; y < h * b; y++)
        for (var x = 0; x < w * b; x++)
        {
            var (by, bx) = (y % b, x % b);
            var ci = mode == DepthToSpaceMode.Dcr ? (by * b + bx) * cOut + co : co * b * b + by * b + bx;
            var src = nchw ? ((bi * c + ci) * h + y / b) * w + x / b : ((bi * h + y / b) * w + x / b) * c + ci;
            var dst = nchw ? ((bi * cOut + co) * h * b + y) * w * b + x : ((bi * h * b + y) * w * b + x) * cOut + co;
            output[dst] = input[src];
        }
    }
}
