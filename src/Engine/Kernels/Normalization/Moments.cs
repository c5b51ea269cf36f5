using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Normalization;

/// <summary>
/// Mean and population variance (divide by n) in float32, two passes: the mean first, then Σ(x - mean)², which
/// avoids the cancellation of E[x²] - E[x]².
/// </summary>
internal static class Moments
{
    private const int Chunk = 512;

    /// <summary>Moments of one contiguous run.</summary>
    public static (float Mean, float Variance) OfRow(ReadOnlySpan<float> row)
    {
        var mean = TensorPrimitives.Sum(row) / row.Length;
        Span<float> centered = stackalloc float[Math.Min(row.Length, Chunk)];
        var squares = 0f;
        for (var i = 0; i < row.Length; i += Chunk)
        {
            var part = row.Slice(i, Math.Min(Chunk, row.Length - i));
            var c = centered[..part.Length];
            TensorPrimitives.Subtract(part, mean, c);
            squares += TensorPrimitives.SumOfSquares(c);
        }
        return (mean, squares / row.Length);
    }

    /// <summary>
    /// Moments of each column of a [reduced, mean.Length] block whose rows are <paramref name="stride"/> floats apart;
    /// <paramref name="scratch"/> holds mean.Length floats.
    /// </summary>
    public static unsafe void OfColumns(float* block, int reduced, int stride, Span<float> mean, Span<float> variance, Span<float> scratch)
    {
        var n = mean.Length;
        new ReadOnlySpan<float>(block, n).CopyTo(mean);
        for (var r = 1; r < reduced; r++) TensorPrimitives.Add(mean, new ReadOnlySpan<float>(block + (long)r * stride, n), mean);
        TensorPrimitives.Divide(mean, reduced, mean);
        variance.Clear();
        for (var r = 0; r < reduced; r++)
        {
            TensorPrimitives.Subtract(new ReadOnlySpan<float>(block + (long)r * stride, n), mean, scratch);
            TensorPrimitives.MultiplyAdd(scratch, scratch, variance, variance);
        }
        TensorPrimitives.Divide(variance, reduced, variance);
    }
}
