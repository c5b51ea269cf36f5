namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Tile"/>: output coordinate i reads input coordinate i mod n on every axis.</summary>
public static class Tile
{
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> repeats, Span<T> output) where T : unmanaged
    {
        var outShape = new int[shape.Length];
        for (var a = 0; a < shape.Length; a++) outShape[a] = shape[a] * repeats[a];
        var inStrides = RowMajorIndex.Strides(shape);
        for (var o = 0; o < output.Length; o++)
        {
            var index = RowMajorIndex.Unravel(o, outShape);
            for (var a = 0; a < shape.Length; a++) index[a] %= shape[a];
            output[o] = input[RowMajorIndex.Offset(index, inStrides)];
        }
    }
}
