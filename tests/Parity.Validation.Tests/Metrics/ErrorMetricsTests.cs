using Parity.Validation.Metrics;

namespace Parity.Validation.Tests.Metrics;

public class ErrorMetricsTests
{
    [Fact]
    public void Hand_computed_metrics()
    {
        float[] expected = [1, -2, 4, 0];
        float[] actual = [1.5f, -2, 3, 0];
        var m = ErrorMetrics.Compute(expected, actual, Tolerance.Parse("atol=0.6"));

        // diffs: 0.5, 0, 1, 0
        Assert.Equal(1.0, m.MaxAbsError, 12);
        Assert.Equal(2, m.WorstIndex);
        Assert.Equal(0.5, m.MaxRelError, 12); // 0.5 / 1 and 1 / 4: the larger is 0.5
        Assert.Equal(0.375, m.MeanAbsError, 12); // 1.5 / 4
        Assert.Equal(Math.Sqrt(1.25 / 4), m.Rmse, 12); // (0.25 + 1) / 4
        // cosine: dot = 1.5 + 4 + 12 = 17.5; |e| = sqrt(21), |a| = sqrt(2.25 + 4 + 9) = sqrt(15.25)
        Assert.Equal(17.5 / Math.Sqrt(21 * 15.25), m.CosineSimilarity, 12);
        Assert.Equal(10 * Math.Log10(21 / 1.25), m.SnrDb, 12);
        Assert.Equal(0.75, m.WithinTolerance, 12); // only the diff of 1 exceeds atol 0.6
        Assert.False(m.Agrees);
        Assert.Equal(4, m.ExpectedMaxAbs);
    }

    [Fact]
    public void Identical_tensors_have_infinite_snr_and_agree_exactly()
    {
        float[] x = [0.25f, -7, 3];
        var m = ErrorMetrics.Compute(x, x, Tolerance.Exact);
        Assert.Equal(0, m.MaxAbsError);
        Assert.Equal(double.PositiveInfinity, m.SnrDb);
        Assert.Equal(1, m.CosineSimilarity, 12);
        Assert.True(m.Agrees);
    }

    [Fact]
    public void Nan_on_one_side_is_a_disagreement_and_is_counted()
    {
        float[] expected = [1, 2, float.NaN];
        float[] actual = [1, float.NaN, float.NaN];
        var m = ErrorMetrics.Compute(expected, actual, Tolerance.Fp32);
        Assert.Equal(1, m.ExpectedNaN);
        Assert.Equal(2, m.ActualNaN);
        Assert.Equal(1, m.WorstIndex);
        Assert.Equal(2.0 / 3, m.WithinTolerance, 12);
    }

    [Theory]
    [InlineData("fp32", 1e-5, 1e-4)]
    [InlineData("atol=1e-3,rtol=0.5", 1e-3, 0.5)]
    [InlineData("rtol=2", 0, 2)]
    public void Tolerances_parse(string text, double atol, double rtol)
    {
        var t = Tolerance.Parse(text);
        Assert.Equal(atol, t.Absolute);
        Assert.Equal(rtol, t.Relative);
    }

    [Theory]
    [InlineData("loose")]
    [InlineData("atol=-1")]
    [InlineData("btol=1")]
    public void Bad_tolerances_are_rejected_with_the_accepted_forms(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => Tolerance.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Isclose_rule_scales_with_the_expected_magnitude()
    {
        var t = new Tolerance("t", 0.1, 0.01);
        Assert.True(t.Accepts(100, 101.1)); // 1.1 <= 0.1 + 1
        Assert.False(t.Accepts(100, 101.2));
        Assert.True(t.Accepts(float.NaN, float.NaN));
        Assert.True(t.Accepts(double.PositiveInfinity, double.PositiveInfinity));
        Assert.False(t.Accepts(double.PositiveInfinity, 1e30));
    }
}
