namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Kernels.Pad"/>: each out-of-range coordinate is folded back step by step, the way one
/// would mirror by hand (numpy.pad applies reflection repeatedly for pads wider than the axis).
/// </summary>
public static class Pad
{
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> before, ReadOnlySpan<int> after, PadMode mode, T value, Span<T> output)
        where T : unmanaged
    {
        var rank = shape.Length;
        var outShape = new int[rank];
        for (var a = 0; a < rank; a++) outShape[a] = shape[a] + before[a] + after[a];
        var inStrides = RowMajorIndex.Strides(shape);
        for (var o = 0; o < output.Length; o++)
        {
            var index = RowMajorIndex.Unravel(o, outShape);
            var inside = true;
            var offset = 0;
            for (var a = 0; a < rank; a++)
            {
                var i = Fold(index[a] - before[a], shape[a], mode);
                if (i is not { } found)
                {
                    inside = false;
                    break;
                }
                offset += found * inStrides[a];
            }
            output[o] = inside ? input[offset] : value;
        }
    }

    private static int? Fold(int i, int n, PadMode mode)
    {
        if (mode == PadMode.Constant) return i >= 0 && i < n ? i : null;
        if (mode == PadMode.Edge) return Math.Min(Math.Max(i, 0), n - 1);
        if (n == 1) return 0;
        while (i < 0 || i >= n)
        {
            if (mode == PadMode.Reflect) i = i < 0 ? -i : 2 * (n - 1) - i;
            else i = i < 0 ? -i - 1 : 2 * n - 1 - i;
        }
        return i;
    }
}
