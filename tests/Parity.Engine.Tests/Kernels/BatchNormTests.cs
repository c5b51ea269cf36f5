using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Tests.Kernels;

/// <summary>A batch-norm problem: shape, channel axis, whether γ/β are given, and the data seed.</summary>
public sealed record BatchNormProblem(int[] Shape, int ChannelAxis, bool WithGamma, bool WithBeta, int Seed)
{
    public override string ToString() => $"shape [{string.Join(", ", Shape)}] axis {ChannelAxis} gamma {WithGamma} beta {WithBeta} seed {Seed}";
}

public class BatchNormTests
{
    private const double U = 1.0 / (1 << 24);

    private static Gen<BatchNormProblem> Problems =>
        from rank in Gen.Choose(1, 5)
        from dims in Gen.ArrayOf(Gen.Choose(1, 7), rank)
        from axis in Gen.Choose(-rank, rank - 1)
        from withGamma in Gen.Elements(true, false)
        from withBeta in Gen.Elements(true, false)
        from seed in Gen.Choose(0, int.MaxValue)
        select new BatchNormProblem(dims, axis, withGamma, withBeta, seed);

    [Property(MaxTest = 100)]
    public Property Optimized_matches_reference() => Prop.ForAll(Arb.From(Problems), p =>
    {
        var rng = new Random(p.Seed);
        float Draw(double lo, double hi) => (float)(lo + rng.NextDouble() * (hi - lo));
        var channels = p.Shape[p.ChannelAxis < 0 ? p.ChannelAxis + p.Shape.Length : p.ChannelAxis];
        var x = Enumerable.Range(0, p.Shape.Aggregate(1, (a, b) => a * b)).Select(_ => Draw(-2, 2)).ToArray();
        var mean = Enumerable.Range(0, channels).Select(_ => Draw(-1, 1)).ToArray();
        var variance = Enumerable.Range(0, channels).Select(_ => Draw(0.05, 2)).ToArray();
        var gamma = p.WithGamma ? Enumerable.Range(0, channels).Select(_ => Draw(-2, 2)).ToArray() : [];
        var beta = p.WithBeta ? Enumerable.Range(0, channels).Select(_ => Draw(-1, 1)).ToArray() : [];
        var epsilon = Draw(1e-5, 1e-2);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        BatchNorm.Run(x, p.Shape, p.ChannelAxis, mean, variance, gamma, beta, epsilon, actual);
        Engine.Kernels.Reference.BatchNorm.Run(x, p.Shape, p.ChannelAxis, mean, variance, gamma, beta, epsilon, expected);

        var inner = p.Shape.Skip((p.ChannelAxis + p.Shape.Length) % p.Shape.Length + 1).Aggregate(1, (a, b) => a * b);
        for (var i = 0; i < x.Length; i++)
        {
            var c = i / inner % channels;
            // Folding rounds scale and shift once each and the multiply-add once more: a few ulp of each term.
            var scale = Math.Abs((p.WithGamma ? gamma[c] : 1.0) / Math.Sqrt(variance[c] + (double)epsilon));
            var bound = 4 * U * (scale * (Math.Abs(x[i]) + Math.Abs(mean[c])) + (p.WithBeta ? Math.Abs(beta[c]) : 0) + Math.Abs(expected[i]));
            Assert.True(Math.Abs(actual[i] - (double)expected[i]) <= bound, $"{p}: element {i} is {actual[i]}, reference {expected[i]}, bound {bound}");
        }
    });

    [Theory]
    [InlineData(new[] { 4, 32, 32, 16 }, -1)]
    [InlineData(new[] { 4, 16, 32, 32 }, 1)]
    public void Problems_large_enough_to_split_across_threads_match_reference(int[] shape, int axis)
    {
        var rng = new Random(5);
        var channels = shape[axis < 0 ? axis + shape.Length : axis];
        var x = NormalizationData.Uniform(rng, shape.Aggregate(1, (a, b) => a * b), 2);
        var mean = NormalizationData.Uniform(rng, channels, 1);
        var variance = NormalizationData.Uniform(rng, channels, 1).Select(v => Math.Abs(v) + 0.05f).ToArray();
        var gamma = NormalizationData.Uniform(rng, channels, 2);
        var beta = NormalizationData.Uniform(rng, channels, 1);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        BatchNorm.Run(x, shape, axis, mean, variance, gamma, beta, 1e-3f, actual);
        Engine.Kernels.Reference.BatchNorm.Run(x, shape, axis, mean, variance, gamma, beta, 1e-3f, expected);
        // |scale| ≤ 2/sqrt(0.05) ≈ 9, |x| ≤ 2, |mean| ≤ 1, |β| ≤ 1: every term is below 30, a few ulp each.
        var error = Engine.Tensors.TensorComparison.MaxAbsDifference(actual, expected);
        Assert.True(error <= 8 * U * 30 * 4, $"max error {error}");
    }

    [Fact]
    public void Reference_normalizes_one_channel_by_hand()
    {
        // mean 2, var 3, ε 1 -> sqrt(3 + 1) = 2; γ 4, β 0.5: y = 4·(x - 2)/2 + 0.5 -> x = 1, 2, 3 give -1.5, 0.5, 2.5.
        float[] x = [1, 2, 3];
        var y = new float[3];
        Engine.Kernels.Reference.BatchNorm.Run(x, [1, 3], 0, [2], [3], [4], [0.5f], 1, y);
        Assert.Equal([-1.5f, 0.5f, 2.5f], y);
        BatchNorm.Run(x, [1, 3], 0, [2], [3], [4], [0.5f], 1, y);
        Assert.Equal([-1.5f, 0.5f, 2.5f], y);
    }

    [Fact]
    public void Channel_axis_selects_which_constants_apply()
    {
        // [2 channels, 2 positions] along axis 0 vs axis 1 of the same data: means 10 and 20, var 1 - ε, no γ/β.
        float[] x = [11, 12, 21, 22];
        var y = new float[4];
        BatchNorm.Run(x, [2, 2], 0, [10, 20], [0.75f, 0.75f], [], [], 0.25f, y);
        Assert.Equal([1f, 2f, 1f, 2f], y);
        BatchNorm.Run(x, [2, 2], -1, [10, 20], [0.75f, 0.75f], [], [], 0.25f, y);
        Assert.Equal([1f, -8f, 11f, 2f], y);
    }

    [Fact]
    public void Wrong_constant_lengths_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => BatchNorm.Run(new float[6], [2, 3], 1, [0, 0], [1, 1, 1], [], [], 1e-3f, new float[6]));
        Assert.Contains("mean holds 2 values, expected 3", ex.Message);
    }
}
