using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using static Parity.Engine.Tests.Kernels.ElementwiseTolerance;
using Ref = Parity.Engine.Kernels.Reference.Activations;

namespace Parity.Engine.Tests.Kernels;

public class ActivationTests
{
    /// <summary>Each kind with the parameters it is tested with.</summary>
    public static TheoryData<ActivationKind> Kinds => [.. Enum.GetValues<ActivationKind>()];

    internal static Activation WithParameters(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => new Activation(kind, 2.5f, -1.25f),
        ActivationKind.LeakyRelu => new Activation(kind, 0.3f),
        ActivationKind.Elu => new Activation(kind, 1.5f),
        ActivationKind.ParametricSoftplus => new Activation(kind, 0.7f, 1.3f),
        ActivationKind.HardSigmoid => new Activation(kind, 0.2f, 0.5f),
        ActivationKind.ScaledTanh => new Activation(kind, 1.7159f, 0.6666667f),
        ActivationKind.ClampedRelu => new Activation(kind, 0.1f, 6f),
        ActivationKind.ThresholdedRelu => new Activation(kind, 1f),
        _ => new Activation(kind),
    };

    /// <summary>
    /// The established bound, in ulps of the double-precision reference, for input x. Piecewise-linear kinds are exact;
    /// FMA-based ones may differ by the reference's own double rounding (1 ulp). Where the function multiplies its input
    /// by a constant before exp (parametric softplus, GELU approximations) the product's rounding (1/2 ulp, plus the
    /// constant's own) grows by the exp argument's magnitude, so the bound has a term in |argument|.
    /// </summary>
    internal static double AllowedUlps(Activation a, float x) => a.Kind switch
    {
        ActivationKind.Relu or ActivationKind.Relu6 or ActivationKind.LeakyRelu or ActivationKind.ThresholdedRelu or ActivationKind.ClampedRelu => 0,
        ActivationKind.Linear or ActivationKind.HardSigmoid or ActivationKind.Softsign => 1,
        ActivationKind.Exponential or ActivationKind.Tanh => 2,
        ActivationKind.Elu or ActivationKind.Selu or ActivationKind.Softplus or ActivationKind.Sigmoid or ActivationKind.ScaledTanh or ActivationKind.Swish => 4,
        ActivationKind.Gelu => 8,
        ActivationKind.ParametricSoftplus => 4 + 1.5 * Math.Abs(a.Beta * x),
        ActivationKind.GeluSigmoid => 4 + 1.5 * Math.Abs(1.702 * x),
        ActivationKind.GeluTanh => 4 + 3 * Math.Abs(1.5957691 * x * (1 + 0.044715 * x * x)),
        _ => throw new ArgumentOutOfRangeException(nameof(a)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_length_matches_the_reference(ActivationKind kind)
    {
        var act = WithParameters(kind);
        var rng = new Random(7 + (int)kind);
        foreach (var n in SweepLengths())
        {
            var x = RandomValues(rng, n);
            var expected = new float[n];
            Ref.Apply(act, x, expected);
            var actual = new float[n];
            Activations.Apply(act, x, actual);
            AssertWithin(x, actual, expected, v => AllowedUlps(act, v), $"{kind} n={n}");

            var original = x.ToArray();
            Activations.Apply(act, x, x);
            AssertWithin(original, x, expected, v => AllowedUlps(act, v), $"{kind} in place n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Wide_domain_stays_within_the_stated_bound(ActivationKind kind)
    {
        // 150k inputs over [-100, 100] and magnitudes 1e-30..1e4: long enough to run split over threads.
        var act = WithParameters(kind);
        var rng = new Random(11);
        var x = new float[150_000];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = i % 2 == 0
                ? (float)(rng.NextDouble() * 200 - 100)
                : (float)(Math.Pow(10, rng.NextDouble() * 34 - 30) * (rng.Next(2) * 2 - 1));
        }
        var expected = new float[x.Length];
        Ref.Apply(act, x, expected);
        var actual = new float[x.Length];
        Activations.Apply(act, x, actual);
        AssertWithin(x, actual, expected, v => AllowedUlps(act, v), $"{kind} (max {MaxUlps(actual, expected):F1} ulp)");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Special_values_follow_the_formula_limits(ActivationKind kind)
    {
        var act = WithParameters(kind);
        // Long enough that the specials land in vector lanes and in the overlapped tail.
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1e30f, -1e30f, 88.8f, -88.8f, 104f, -104f, float.Epsilon, -float.Epsilon];
        var x = specials.Concat(specials).Concat(specials).ToArray();
        var expected = new float[x.Length];
        Ref.Apply(act, x, expected);
        var actual = new float[x.Length];
        Activations.Apply(act, x, actual);
        AssertWithin(x, actual, expected, v => AllowedUlps(act, v), kind.ToString());
    }

    [Property(MaxTest = 200)]
    public Property Generated_inputs_match_the_reference() =>
        // FsCheck's float arrays include NaN, infinities, extremes and subnormals among ordinary values.
        Prop.ForAll(Gen.Elements(Enum.GetValues<ActivationKind>()).ToArbitrary(), ArbMap.Default.ArbFor<float[]>(), (kind, x) =>
        {
            var act = WithParameters(kind);
            var expected = new float[x.Length];
            Ref.Apply(act, x, expected);
            var actual = new float[x.Length];
            Activations.Apply(act, x, actual);
            AssertWithin(x, actual, expected, v => AllowedUlps(act, v), kind.ToString());
        });

    [Fact]
    public void Limits_at_infinity()
    {
        float One(ActivationKind k, float x) => Apply(WithParameters(k), x);
        Assert.Equal(0f, One(ActivationKind.Sigmoid, float.NegativeInfinity));
        Assert.Equal(1f, One(ActivationKind.Sigmoid, float.PositiveInfinity));
        Assert.Equal(0f, One(ActivationKind.Swish, float.NegativeInfinity));
        Assert.Equal(0f, One(ActivationKind.Gelu, float.NegativeInfinity));
        Assert.Equal(float.PositiveInfinity, One(ActivationKind.Gelu, float.PositiveInfinity));
        Assert.Equal(1f, One(ActivationKind.Softsign, float.PositiveInfinity));
        Assert.Equal(-1f, One(ActivationKind.Tanh, float.NegativeInfinity));
        Assert.Equal(1000f, One(ActivationKind.Softplus, 1000f));
        Assert.Equal(float.PositiveInfinity, One(ActivationKind.Exponential, 100f));
        Assert.True(float.IsNaN(One(ActivationKind.Relu, float.NaN)));
        Assert.True(float.IsNaN(One(ActivationKind.Gelu, float.NaN)));
        Assert.True(float.IsNaN(One(ActivationKind.ThresholdedRelu, float.NaN)));
    }

    [Fact]
    public void Hand_computed_values()
    {
        // Phi(1) = (1 + erf(1 / sqrt 2)) / 2 = (1 + 0.6826894921) / 2 = 0.8413447461, so gelu(1) = 0.8413447.
        Assert.Equal(0.8413447f, Apply(new Activation(ActivationKind.Gelu), 1f), 6);
        // Keras 2 hard sigmoid: 0.2 * 1 + 0.5 = 0.7; Keras 3: 1/6 * 1 + 0.5 = 0.6666667.
        Assert.Equal(0.7f, Apply(new Activation(ActivationKind.HardSigmoid, 0.2f, 0.5f), 1f));
        Assert.Equal(0.6666667f, Apply(new Activation(ActivationKind.HardSigmoid, 1f / 6, 0.5f), 1f), 6);
        // sigmoid(0) = 1/2; tanh(0.5) = 0.46211715726; softplus(0) = log 2 = 0.69314718.
        Assert.Equal(0.5f, Apply(new Activation(ActivationKind.Sigmoid), 0f));
        Assert.Equal(0.46211716f, Apply(new Activation(ActivationKind.Tanh), 0.5f), 6);
        Assert.Equal(0.6931472f, Apply(new Activation(ActivationKind.Softplus), 0f), 6);
        // elu(-1) = e^-1 - 1 = -0.63212056; selu(1) = 1.0507009874; swish(1) = 1 / (1 + e^-1) = 0.7310586.
        Assert.Equal(-0.63212056f, Apply(new Activation(ActivationKind.Elu), -1f), 6);
        Assert.Equal(1.050701f, Apply(new Activation(ActivationKind.Selu), 1f), 6);
        Assert.Equal(0.7310586f, Apply(new Activation(ActivationKind.Swish), 1f), 6);
        // gelu tanh approximation at 1: 0.5 * (1 + tanh(0.7978845608 * 1.044715)) = 0.5 * (1 + tanh(0.8335620)) = 0.5 * 1.6823840 = 0.8411920.
        Assert.Equal(0.8411920f, Apply(new Activation(ActivationKind.GeluTanh), 1f), 6);
        // relu6(7) = 6, leaky(-2, 0.3) = -0.6, thresholded relu(1, theta 1) = 0, clamped relu(-10, 0.1, 6) = -1.
        Assert.Equal(6f, Apply(new Activation(ActivationKind.Relu6), 7f));
        Assert.Equal(-0.6f, Apply(new Activation(ActivationKind.LeakyRelu, 0.3f), -2f), 6);
        Assert.Equal(0f, Apply(new Activation(ActivationKind.ThresholdedRelu, 1f), 1f));
        Assert.Equal(-1f, Apply(new Activation(ActivationKind.ClampedRelu, 0.1f, 6f), -10f), 6);
    }

    [Fact]
    public void Reference_matches_known_numbers()
    {
        // erf(0.5) = 0.5204998778130465, erf(2) = 0.9953222650189527 (Abramowitz and Stegun, table 7.1).
        Assert.Equal(0.5204998778130465, Ref.Erf(0.5), 12);
        Assert.Equal(0.9953222650189527, Ref.Erf(2), 12);
        // erfc(5) = 1.5374597944280349e-12 (A&S 7.1), relative accuracy where 1 - erf would lose it all.
        Assert.Equal(1.5374597944280349e-12, Ref.Erfc(5), 1e-24);
        // softplus(-40) = log(1 + e^-40) = 4.248354255291589e-18: below double's epsilon, kept by log1p.
        Assert.Equal(4.248354255291589e-18f, Ref.Apply(new Activation(ActivationKind.Softplus), -40f));
        Assert.Equal(0.8413447f, Ref.Apply(new Activation(ActivationKind.Gelu), 1f), 6);
    }

    [Fact]
    public void Rejects_mismatched_lengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Activations.Apply(new Activation(ActivationKind.Relu), new float[3], new float[4]));
        Assert.Contains("3", e.Message);
    }

    private static float Apply(Activation a, float x)
    {
        var y = new float[1];
        Activations.Apply(a, [x], y);
        return y[0];
    }
}
