namespace Parity.Validation.Metrics.Reference;

/// <summary>The element-by-element definition of <see cref="Metrics.ErrorMetrics"/>, kept plain to check the vectorized one against.</summary>
public static class ErrorMetrics
{
    /// <summary>
    /// Compares <paramref name="actual"/> with <paramref name="expected"/> element by element. Relative error is
    /// |a - e| / max(|e|, tiny) so zeros in the expected tensor do not divide by zero; SNR is
    /// 10 log10(sum e^2 / sum (a - e)^2), +inf when identical.
    /// </summary>
    public static Metrics.ErrorMetrics Compute(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"Cannot compare {expected.Length} expected values with {actual.Length} actual values.");
        }
        const double tiny = 1e-30;
        double maxAbs = 0, maxRel = 0, sumAbs = 0, sumSq = 0, dot = 0, normE = 0, normA = 0, expectedMax = 0;
        int eNaN = 0, aNaN = 0, eInf = 0, aInf = 0, within = 0, finite = 0, worstFinite = -1, firstNonFiniteMismatch = -1;
        var worstDiff = -1.0;
        for (var i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e)) eNaN++;
            if (double.IsNaN(a)) aNaN++;
            if (double.IsInfinity(e)) eInf++;
            if (double.IsInfinity(a)) aInf++;
            var accepted = tolerance.Accepts(e, a);
            if (accepted) within++;

            if (!double.IsFinite(e) || !double.IsFinite(a))
            {
                if (!accepted && firstNonFiniteMismatch < 0) firstNonFiniteMismatch = i;
                continue;
            }
            finite++;
            var diff = Math.Abs(a - e);
            if (diff > worstDiff)
            {
                worstDiff = diff;
                worstFinite = i;
            }
            maxAbs = Math.Max(maxAbs, diff);
            maxRel = Math.Max(maxRel, diff / Math.Max(Math.Abs(e), tiny));
            sumAbs += diff;
            sumSq += diff * diff;
            dot += a * e;
            normE += e * e;
            normA += a * a;
            expectedMax = Math.Max(expectedMax, Math.Abs(e));
        }
        var cosine = normE == 0 && normA == 0 ? 1 : normE == 0 || normA == 0 ? 0 : dot / Math.Sqrt(normE * normA);
        var snr = sumSq == 0 ? double.PositiveInfinity : normE == 0 ? double.NegativeInfinity : 10 * Math.Log10(normE / sumSq);
        return new Metrics.ErrorMetrics(
            expected.Length,
            maxAbs,
            maxRel,
            finite == 0 ? 0 : sumAbs / finite,
            finite == 0 ? 0 : Math.Sqrt(sumSq / finite),
            cosine,
            snr,
            expected.Length == 0 ? 1 : (double)within / expected.Length,
            eNaN, aNaN, eInf, aInf,
            firstNonFiniteMismatch >= 0 ? firstNonFiniteMismatch : worstFinite,
            expectedMax);
    }

}
