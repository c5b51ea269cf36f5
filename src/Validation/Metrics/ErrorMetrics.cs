namespace Parity.Validation.Metrics;

/// <summary>
/// How far an actual tensor is from an expected one. Errors are computed in double; NaN and infinite elements
/// are counted separately and left out of the magnitude metrics (a NaN on one side only counts as a disagreement).
/// </summary>
public sealed record ErrorMetrics(
    int Count,
    double MaxAbsError,
    double MaxRelError,
    double MeanAbsError,
    double Rmse,
    double CosineSimilarity,
    double SnrDb,
    double WithinTolerance,
    int ExpectedNaN,
    int ActualNaN,
    int ExpectedInf,
    int ActualInf,
    int WorstIndex,
    double ExpectedMaxAbs)
{
    /// <summary>
    /// Compares <paramref name="actual"/> with <paramref name="expected"/> element by element. Relative error is
    /// |a - e| / max(|e|, tiny) so zeros in the expected tensor do not divide by zero; SNR is
    /// 10 log10(sum e^2 / sum (a - e)^2), +inf when identical. The definition is <see cref="Reference.ErrorMetrics"/>;
    /// this one runs it vectorized (see <see cref="ErrorSums"/>) over fixed-size chunks spread over the cores and
    /// merged in element order, so the figures do not depend on the number of cores.
    /// </summary>
    public static unsafe ErrorMetrics Compute(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"Cannot compare {expected.Length} expected values with {actual.Length} actual values.");
        }
        var count = expected.Length;
        var chunks = new ErrorSums[Math.Max(1, (count + ChunkLength - 1) / ChunkLength)];
        fixed (float* e = expected, a = actual)
        {
            var (ePointer, aPointer) = ((nint)e, (nint)a);
            Engine.Kernels.Parallelism.For(chunks.Length, 2, (first, end) =>
            {
                for (var c = first; c < end; c++)
                {
                    var start = c * ChunkLength;
                    var length = Math.Min(ChunkLength, count - start);
                    chunks[c] = ErrorSums.Of(
                        new ReadOnlySpan<float>((float*)ePointer + start, length),
                        new ReadOnlySpan<float>((float*)aPointer + start, length), start, tolerance);
                }
            });
        }
        var total = chunks[0];
        for (var c = 1; c < chunks.Length; c++) total.Append(chunks[c]);
        return total.ToMetrics(count);
    }

    /// <summary>Elements per unit of parallel work.</summary>
    private const int ChunkLength = 1 << 16;

    /// <summary>True when every element is within tolerance.</summary>
    public bool Agrees => WithinTolerance >= 1;
}
