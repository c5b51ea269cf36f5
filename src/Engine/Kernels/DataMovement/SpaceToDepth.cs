using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Moves each b x b spatial block into channels: [N, C, H, W] to [N, b*b*C, H/b, W/b] (or NHWC); the inverse of
/// <see cref="DepthToSpace"/> with the same channel order (<see cref="DepthToSpaceMode.Crd"/> is PyTorch pixel_unshuffle).
/// </summary>
public static class SpaceToDepth
{
    public static Shape OutputShape(Shape input, Layout layout, int block)
    {
        var (n, c, h, w) = Dims(input, layout, block, "SpaceToDepth");
        if (h % block != 0 || w % block != 0)
        {
            throw new ArgumentException($"SpaceToDepth with block {block} needs height and width divisible by it; shape {input} has {h} x {w}.");
        }
        return Compose(layout, n, c * block * block, h / block, w / block);
    }

    /// <summary>Rearranges a rank-4 <paramref name="layout"/> tensor of <paramref name="shape"/>; channels are written in the order of <paramref name="mode"/>.</summary>
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, Layout layout, int block, DepthToSpaceMode mode, Span<T> output)
        where T : unmanaged
    {
        var s = new Shape(shape);
        OutputShape(s, layout, block);
        var (n, c, h, w) = Dims(s, layout, block, "SpaceToDepth");
        var b = block;
        var (ho, wo) = (h / b, w / b);
        // Axis names of the rank-6 view of the input: n, c, h, by, w, bx (NCHW) or n, h, by, w, bx, c (NHWC).
        (int[] view, int[] perm) = (layout, mode) switch
        {
            (Layout.Nchw, DepthToSpaceMode.Dcr) => (new[] { n, c, ho, b, wo, b }, new[] { 0, 3, 5, 1, 2, 4 }),
            (Layout.Nchw, DepthToSpaceMode.Crd) => (new[] { n, c, ho, b, wo, b }, new[] { 0, 1, 3, 5, 2, 4 }),
            (Layout.Nhwc, DepthToSpaceMode.Dcr) => (new[] { n, ho, b, wo, b, c }, new[] { 0, 1, 3, 2, 4, 5 }),
            (Layout.Nhwc, DepthToSpaceMode.Crd) => (new[] { n, ho, b, wo, b, c }, new[] { 0, 1, 3, 5, 2, 4 }),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown layout or mode."),
        };
        Transpose.Run(input, view, perm, output);
    }

    internal static (int N, int C, int H, int W) Dims(Shape input, Layout layout, int block, string op)
    {
        if (input.Rank != 4) throw new ArgumentException($"{op} needs a rank-4 {layout} tensor; got shape {input}.");
        if (block < 1) throw new ArgumentException($"{op} block size is {block}; expected at least 1.");
        return layout == Layout.Nchw ? (input[0], input[1], input[2], input[3]) : (input[0], input[3], input[1], input[2]);
    }

    internal static Shape Compose(Layout layout, int n, int c, int h, int w) =>
        layout == Layout.Nchw ? new Shape(n, c, h, w) : new Shape(n, h, w, c);
}
