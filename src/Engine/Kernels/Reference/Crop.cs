namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Crop"/>: output coordinate i reads input coordinate i + cropBegin on every axis.</summary>
public static class Crop
{
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> cropBegin, ReadOnlySpan<int> cropEnd, Span<T> output)
        where T : unmanaged
    {
        var outShape = new int[shape.Length];
        for (var a = 0; a < shape.Length; a++) outShape[a] = shape[a] - cropBegin[a] - cropEnd[a];
        var inStrides = RowMajorIndex.Strides(shape);
        for (var o = 0; o < output.Length; o++)
        {
            var index = RowMajorIndex.Unravel(o, outShape);
            for (var a = 0; a < shape.Length; a++) index[a] += cropBegin[a];
            output[o] = input[RowMajorIndex.Offset(index, inStrides)];
        }
    }
}
