namespace Parity.Engine.Kernels.Reference;

/// <summary>Row-major multi-index arithmetic used by the data-movement reference twins.</summary>
internal static class RowMajorIndex
{
    public static int Count(ReadOnlySpan<int> shape)
    {
        var n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }

    /// <summary>Offsets of one step along each axis (last axis fastest).</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var s = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /// <summary>The multi-index of element <paramref name="linear"/> of a tensor of <paramref name="shape"/>.</summary>
    public static int[] Unravel(int linear, ReadOnlySpan<int> shape)
    {
        var index = new int[shape.Length];
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            index[i] = linear % shape[i];
            linear /= shape[i];
        }
        return index;
    }

    public static int Offset(ReadOnlySpan<int> index, ReadOnlySpan<int> strides)
    {
        var o = 0;
        for (var i = 0; i < index.Length; i++) o += index[i] * strides[i];
        return o;
    }
}
