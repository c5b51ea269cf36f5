using System.Numerics;
using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Gather"/>: each output multi-index is split into (before axis, index position, after axis).</summary>
public static class Gather
{
    public static void Run<T, TIndex>(ReadOnlySpan<T> data, ReadOnlySpan<int> dataShape, int axis, ReadOnlySpan<TIndex> indices, Span<T> output)
        where T : unmanaged
        where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        var rank = dataShape.Length;
        var a = axis < 0 ? axis + rank : axis;
        var n = dataShape[a];
        // Treat indices as a flat list: output is [data before axis, indices count, data after axis].
        int[] outShape = [.. dataShape[..a], indices.Length, .. dataShape[(a + 1)..]];
        var inStrides = RowMajorIndex.Strides(dataShape);
        for (var o = 0; o < output.Length; o++)
        {
            var index = RowMajorIndex.Unravel(o, outShape);
            var raw = long.CreateTruncating(indices[index[a]]);
            var i = raw < 0 ? raw + n : raw;
            if (i < 0 || i >= n) throw new ArgumentException($"Gather index {raw} at position {index[a]} is out of range for axis {a} of {new Shape(dataShape)}.");
            index[a] = (int)i;
            output[o] = data[RowMajorIndex.Offset(index, inStrides)];
        }
    }
}
