using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Validation.Metrics;

namespace Parity.Validation.Tests.Metrics;

/// <summary>The vectorized metrics against their element-by-element definition (<see cref="Validation.Metrics.Reference.ErrorMetrics"/>).</summary>
public class ErrorMetricsVectorizedTests
{
    [Property(MaxTest = 100)]
    public Property Vectorized_metrics_equal_the_element_wise_definition() => Prop.ForAll(Pairs(), pair =>
    {
        var (expected, actual, tolerance) = pair;
        var fast = ErrorMetrics.Compute(expected, actual, tolerance);
        var plain = Validation.Metrics.Reference.ErrorMetrics.Compute(expected, actual, tolerance);
        // Counts, extremes and the worst element's index are exact; sums differ only by summation order.
        Assert.Equal((plain.Count, plain.ExpectedNaN, plain.ActualNaN, plain.ExpectedInf, plain.ActualInf, plain.WorstIndex),
            (fast.Count, fast.ExpectedNaN, fast.ActualNaN, fast.ExpectedInf, fast.ActualInf, fast.WorstIndex));
        Assert.Equal(plain.WithinTolerance, fast.WithinTolerance);
        Assert.Equal(plain.MaxAbsError, fast.MaxAbsError);
        Assert.Equal(plain.MaxRelError, fast.MaxRelError);
        Assert.Equal(plain.ExpectedMaxAbs, fast.ExpectedMaxAbs);
        Close(plain.MeanAbsError, fast.MeanAbsError);
        Close(plain.Rmse, fast.Rmse);
        Close(plain.CosineSimilarity, fast.CosineSimilarity);
        Close(plain.SnrDb, fast.SnrDb);
    });

    [Fact]
    public void Worst_index_is_the_first_element_reaching_the_largest_error_across_blocks_and_chunks()
    {
        // Errors of 2 at elements 1500 and 3000 (second and third blocks of 1024) and 1 elsewhere: the first 2 wins.
        var expected = new float[4000];
        var actual = Enumerable.Repeat(1f, 4000).ToArray();
        actual[1500] = actual[3000] = 2;
        var m = ErrorMetrics.Compute(expected, actual, Tolerance.Fp32);
        Assert.Equal(1500, m.WorstIndex);
        Assert.Equal(2, m.MaxAbsError);
        Assert.Equal(4002.0 / 4000, m.MeanAbsError, 12);

        // Across chunks of 65536 elements computed on different cores: errors of 3 at 70000 and 140000, a NaN at 200000.
        expected = new float[200_001];
        actual = new float[200_001];
        actual[140_000] = actual[70_000] = 3;
        actual[200_000] = float.NaN;
        m = ErrorMetrics.Compute(expected, actual, Tolerance.Fp32);
        Assert.Equal(200_000, m.WorstIndex); // a non-finite mismatch is reported before any finite error
        Assert.Equal(3, m.MaxAbsError);
        Assert.Equal(1, m.ActualNaN);
        Assert.Equal(6.0 / 200_000, m.MeanAbsError, 15);
        actual[200_000] = 0;
        Assert.Equal(70_000, ErrorMetrics.Compute(expected, actual, Tolerance.Fp32).WorstIndex);
    }

    [Fact]
    public void A_relative_error_one_float_step_above_the_running_maximum_still_raises_it_blocks_later()
    {
        // Element 0: |1.5 - 1| / 1 = 0.5. Element 2500 (third block): |4.5 + one float step - 3| / 3, just above 0.5:
        // a later block's lanes must still raise a maximum an earlier block set.
        var expected = Enumerable.Repeat(1f, 3000).ToArray();
        var actual = Enumerable.Repeat(1f, 3000).ToArray();
        actual[0] = 1.5f;
        expected[2500] = 3f;
        actual[2500] = MathF.BitIncrement(4.5f);
        var m = ErrorMetrics.Compute(expected, actual, Tolerance.Fp32);
        Assert.Equal(((double)MathF.BitIncrement(4.5f) - 3) / 3, m.MaxRelError);
        Assert.True(m.MaxRelError > 0.5);
    }

    private static void Close(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected)) Assert.Equal(expected, actual);
        else Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{actual} vs {expected}");
    }

    /// <summary>
    /// Lengths across several blocks and vector tails; either all-finite data (the vectorized path) or data where some
    /// elements are NaN, infinite, zero or exactly equal on both sides (blocks that fall back to the element-wise path).
    /// </summary>
    private static Arbitrary<(float[] Expected, float[] Actual, Tolerance Tolerance)> Pairs()
    {
        var gen =
            from length in Gen.Frequency((3, Gen.Choose(0, 40)), (2, Gen.Choose(1000, 3100)), (1, Gen.Choose(2 * 65536, 3 * 65536 + 5)))
            from finiteOnly in Gen.Elements(true, false)
            from seed in Gen.Choose(0, int.MaxValue)
            from atol in Gen.Elements(0.0, 1e-5, 1e-3)
            select Build(length, finiteOnly, seed, atol);
        return gen.ToArbitrary();
    }

    private static (float[], float[], Tolerance) Build(int length, bool finiteOnly, int seed, double atol)
    {
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f];
        var random = new Random(seed);
        var expected = new float[length];
        var actual = new float[length];
        for (var i = 0; i < length; i++)
        {
            var e = (float)(random.NextDouble() * 20 - 10);
            var a = random.Next(3) == 0 ? (float)(random.NextDouble() * 20 - 10) : e + (float)(random.NextDouble() - 0.5) * 1e-3f;
            if (!finiteOnly && random.Next(50) == 0)
            {
                switch (random.Next(3))
                {
                    case 0: e = special[random.Next(4)]; break;
                    case 1: a = special[random.Next(4)]; break;
                    default: e = a = special[random.Next(4)]; break;
                }
            }
            (expected[i], actual[i]) = (e, a);
        }
        return (expected, actual, new Tolerance("t", atol, 1e-3));
    }
}
