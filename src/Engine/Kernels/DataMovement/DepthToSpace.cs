using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Moves channel data into b x b spatial blocks: [N, b*b*C, H, W] to [N, C, H*b, W*b] (or the NHWC equivalent).
/// Viewed as a rank-6 tensor this is a pure axis permutation, so it runs on <see cref="Transpose"/>.
/// </summary>
public static class DepthToSpace
{
    public static Shape OutputShape(Shape input, Layout layout, int block)
    {
        var (n, c, h, w) = SpaceToDepth.Dims(input, layout, block, "DepthToSpace");
        if (c % (block * block) != 0)
        {
            throw new ArgumentException($"DepthToSpace with block {block} needs channels divisible by {block * block}; shape {input} has {c}.");
        }
        return SpaceToDepth.Compose(layout, n, c / (block * block), h * block, w * block);
    }

    /// <summary>Rearranges a rank-4 <paramref name="layout"/> tensor of <paramref name="shape"/>; channels are read in the order of <paramref name="mode"/>.</summary>
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, Layout layout, int block, DepthToSpaceMode mode, Span<T> output)
        where T : unmanaged
    {
        var s = new Shape(shape);
        OutputShape(s, layout, block);
        var (n, c, h, w) = SpaceToDepth.Dims(s, layout, block, "DepthToSpace");
        var cOut = c / (block * block);
        var b = block;
        // Axis names of the rank-6 view: n, by (block row), bx (block column), c, h, w.
        (int[] view, int[] perm) = (layout, mode) switch
        {
            (Layout.Nchw, DepthToSpaceMode.Dcr) => (new[] { n, b, b, cOut, h, w }, new[] { 0, 3, 4, 1, 5, 2 }),
            (Layout.Nchw, DepthToSpaceMode.Crd) => (new[] { n, cOut, b, b, h, w }, new[] { 0, 1, 4, 2, 5, 3 }),
            (Layout.Nhwc, DepthToSpaceMode.Dcr) => (new[] { n, h, w, b, b, cOut }, new[] { 0, 1, 3, 2, 4, 5 }),
            (Layout.Nhwc, DepthToSpaceMode.Crd) => (new[] { n, h, w, cOut, b, b }, new[] { 0, 1, 4, 2, 5, 3 }),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown layout or mode."),
        };
        Transpose.Run(input, view, perm, output);
    }
}
