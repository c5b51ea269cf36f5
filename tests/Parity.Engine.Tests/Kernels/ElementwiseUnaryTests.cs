using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Elementwise;
using static Parity.Engine.Tests.Kernels.ElementwiseTolerance;
using Ref = Parity.Engine.Kernels.Reference.Unary;

namespace Parity.Engine.Tests.Kernels;

public class ElementwiseUnaryTests
{
    public static TheoryData<UnaryKind> Kinds => [.. Enum.GetValues<UnaryKind>()];

    /// <summary>
    /// Established bounds in ulps of the double reference: single IEEE operations are exact; rsqrt rounds twice;
    /// exp/log/sin/cos are the BCL's vector versions; erf is this project's fit (ErfApproximation).
    /// </summary>
    private static double AllowedUlps(UnaryKind kind) => kind switch
    {
        UnaryKind.Rsqrt => 1,
        UnaryKind.Exp or UnaryKind.Log or UnaryKind.Sin or UnaryKind.Cos => 2,
        UnaryKind.Erf => 3,
        _ => 0,
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_length_matches_the_reference(UnaryKind kind)
    {
        var rng = new Random(3 + (int)kind);
        foreach (var n in SweepLengths())
        {
            var x = RandomValues(rng, n);
            var expected = new float[n];
            Ref.Apply(kind, x, expected);
            var actual = new float[n];
            Unary.Apply(kind, x, actual);
            AssertWithin(x, actual, expected, _ => AllowedUlps(kind), $"{kind} n={n}");

            var original = x.ToArray();
            Unary.Apply(kind, x, x);
            AssertWithin(original, x, expected, _ => AllowedUlps(kind), $"{kind} in place n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Wide_domain_and_special_values_stay_within_the_bound(UnaryKind kind)
    {
        // 100k inputs over [-100, 100] and magnitudes 1e-30..1e4 (split over threads), then specials.
        var rng = new Random(5);
        var x = new float[100_000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = i % 2 == 0 ? (float)(rng.NextDouble() * 200 - 100) : (float)(Math.Pow(10, rng.NextDouble() * 34 - 30) * (rng.Next(2) * 2 - 1));
        }
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 0.5f, 1.5f, 2.5f, -2.5f, 1e30f, -1e30f, float.Epsilon];
        Array.Copy(specials, x, specials.Length);
        Array.Copy(specials, 0, x, x.Length - specials.Length, specials.Length);
        var expected = new float[x.Length];
        Ref.Apply(kind, x, expected);
        var actual = new float[x.Length];
        Unary.Apply(kind, x, actual);
        AssertWithin(x, actual, expected, _ => AllowedUlps(kind), $"{kind} (max {MaxUlps(actual, expected):F1} ulp)");
    }

    [Property(MaxTest = 200)]
    public Property Generated_inputs_match_the_reference() =>
        // FsCheck's float arrays include NaN, infinities, extremes and subnormals among ordinary values.
        Prop.ForAll(Gen.Elements(Enum.GetValues<UnaryKind>()).ToArbitrary(), ArbMap.Default.ArbFor<float[]>(), (kind, x) =>
        {
            var expected = new float[x.Length];
            Ref.Apply(kind, x, expected);
            var actual = new float[x.Length];
            Unary.Apply(kind, x, actual);
            AssertWithin(x, actual, expected, _ => AllowedUlps(kind), kind.ToString());
        });

    [Fact]
    public void Round_is_half_to_even()
    {
        float[] x = [0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 3.5f, 2.4999998f];
        var y = new float[x.Length];
        Unary.Apply(UnaryKind.Round, x, y);
        Assert.Equal([0f, 2f, 2f, -0f, -2f, 4f, 2f], y);
    }

    [Fact]
    public void Hand_computed_values()
    {
        // erf(0.5) = 0.5204998778 (Abramowitz and Stegun table 7.1); erf(-2) = -0.9953222650; rsqrt(4) = 1/2.
        // Within 2 ulp (1.2e-7 at these magnitudes).
        Assert.Equal(0.5204998778f, One(UnaryKind.Erf, 0.5f), 1.2e-7f);
        Assert.Equal(-0.995322265f, One(UnaryKind.Erf, -2f), 1.2e-7f);
        Assert.Equal(0.5f, One(UnaryKind.Rsqrt, 4f));
        Assert.Equal(-1f, One(UnaryKind.Sign, -3f));
        Assert.True(float.IsNaN(One(UnaryKind.Sign, float.NaN)));
        Assert.True(float.IsNaN(One(UnaryKind.Log, -1f)));
        Assert.Equal(1f, One(UnaryKind.Erf, float.PositiveInfinity));
    }

    [Fact]
    public void Clip_and_affine_match_the_reference_at_every_length()
    {
        var rng = new Random(9);
        foreach (var n in SweepLengths())
        {
            var x = RandomValues(rng, n);
            x[..Math.Min(1, n)].AsSpan().Fill(float.NaN);
            var expected = new float[n];
            var actual = new float[n];
            Ref.Clip(x, expected, -2f, 3f);
            Unary.Clip(x, actual, -2f, 3f);
            AssertWithin(x, actual, expected, _ => 0, $"clip n={n}");
            // FMA rounds once; the double reference rounds to double and then to float, so 1 ulp.
            Ref.Affine(x, expected, 1.7f, -0.3f);
            Unary.Affine(x, actual, 1.7f, -0.3f);
            AssertWithin(x, actual, expected, _ => 1, $"affine n={n}");
        }
    }

    [Fact]
    public void Clip_rejects_min_above_max()
    {
        var e = Assert.Throws<ArgumentException>(() => Unary.Clip(new float[2], new float[2], 3f, 1f));
        Assert.Contains("min 3", e.Message);
    }

    private static float One(UnaryKind kind, float x)
    {
        var y = new float[1];
        Unary.Apply(kind, [x], y);
        return y[0];
    }
}
