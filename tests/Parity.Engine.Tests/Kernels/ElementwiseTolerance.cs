namespace Parity.Engine.Tests.Kernels;

/// <summary>
/// Ulp-based comparison of float kernels with their double-precision reference twins. An ulp is the spacing of
/// floats at the expected value. Results that are both below 2^-100 (7.9e-31) count as equal: there exp-based kernels
/// meet subnormal intermediates (exp(-90) is subnormal) that carry fewer significant bits, and no model's tolerance
/// reaches that scale. NaN must match NaN, and infinities must match exactly.
/// </summary>
internal static class ElementwiseTolerance
{
    private const float Negligible = 7.888609e-31f;

    /// <summary>|actual - expected| in ulps of expected; 0 when both are NaN or both negligible, infinity on a NaN or inf mismatch.</summary>
    public static double Ulps(float actual, float expected)
    {
        if (float.IsNaN(actual) || float.IsNaN(expected)) return float.IsNaN(actual) == float.IsNaN(expected) ? 0 : double.PositiveInfinity;
        if (actual == expected) return 0;
        if (float.IsInfinity(actual) || float.IsInfinity(expected)) return double.PositiveInfinity;
        if (Math.Abs(actual) < Negligible && Math.Abs(expected) < Negligible) return 0;
        var e = Math.Abs(expected);
        return Math.Abs((double)actual - expected) / (MathF.BitIncrement(e) - e);
    }

    /// <summary>Asserts every element is within its allowed ulps, naming the first offending input.</summary>
    public static void AssertWithin(ReadOnlySpan<float> input, ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, Func<float, double> allowedUlps, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            var ulps = Ulps(actual[i], expected[i]);
            var allowed = allowedUlps(input[i]);
            if (ulps > allowed)
            {
                Assert.Fail($"{what}: at index {i} of {actual.Length}, input {input[i]:R}: got {actual[i]:R}, reference {expected[i]:R} ({ulps:F1} ulp > {allowed:F1} allowed).");
            }
        }
    }

    /// <summary>The largest ulp error over all elements (for reporting bounds in failure messages).</summary>
    public static double MaxUlps(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        var worst = 0.0;
        for (var i = 0; i < actual.Length; i++) worst = Math.Max(worst, Ulps(actual[i], expected[i]));
        return worst;
    }

    /// <summary>Fixed-seed values: mostly uniform in [-range, range], with some magnitudes spread over many decades.</summary>
    public static float[] RandomValues(Random rng, int n, float range = 10f)
    {
        var x = new float[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = rng.Next(8) == 0
                ? (float)(Math.Pow(10, rng.NextDouble() * 12 - 8) * (rng.Next(2) * 2 - 1))
                : (float)((rng.NextDouble() * 2 - 1) * range);
        }
        return x;
    }

    /// <summary>Every length 0..64 (every tail of every vector width) plus a few long ones.</summary>
    public static IEnumerable<int> SweepLengths() => Enumerable.Range(0, 65).Concat([255, 256, 257, 1000]);
}
