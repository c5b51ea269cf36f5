namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.StridedSlice"/>: output index k along each axis reads input index start + k * step.</summary>
public static class StridedSlice
{
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ResolvedSlice slice, Span<T> output) where T : unmanaged
    {
        var inStrides = RowMajorIndex.Strides(shape);
        for (var o = 0; o < output.Length; o++)
        {
            var index = RowMajorIndex.Unravel(o, slice.Count);
            var i = 0;
            for (var a = 0; a < shape.Length; a++) i += (slice.Start[a] + index[a] * slice.Step[a]) * inStrides[a];
            output[o] = input[i];
        }
    }
}
