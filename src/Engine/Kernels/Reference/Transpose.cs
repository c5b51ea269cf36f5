namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Transpose"/>: output[i0..] = input at index (i with axis perm[k] = i_k).</summary>
public static class Transpose
{
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> perm, Span<T> output)
        where T : unmanaged
    {
        var rank = shape.Length;
        var outShape = new int[rank];
        for (var i = 0; i < rank; i++) outShape[i] = shape[perm[i]];
        var inStrides = RowMajorIndex.Strides(shape);
        for (var o = 0; o < output.Length; o++)
        {
            var outIndex = RowMajorIndex.Unravel(o, outShape);
            var inOffset = 0;
            for (var i = 0; i < rank; i++) inOffset += outIndex[i] * inStrides[perm[i]];
            output[o] = input[inOffset];
        }
    }
}
