using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Tests.Kernels;

/// <summary>A layer-norm problem: shape, a run of adjacent axes [First, First + Count), options and the seed.</summary>
public sealed record LayerNormProblem(int[] Shape, int First, int Count, bool WithGamma, bool WithBeta, EpsilonPlacement Placement, int Seed)
{
    public int[] Axes => Enumerable.Range(First, Count).ToArray();

    public override string ToString() =>
        $"shape [{string.Join(", ", Shape)}] axes [{string.Join(", ", Axes)}] gamma {WithGamma} beta {WithBeta} {Placement} seed {Seed}";
}

public class LayerNormTests
{
    private const double U = 1.0 / (1 << 24);

    private static Gen<LayerNormProblem> Problems =>
        from rank in Gen.Choose(1, 4)
        from dims in Gen.ArrayOf(Gen.Choose(1, 7), rank)
        from first in Gen.Choose(0, rank - 1)
        from count in Gen.Choose(1, rank - first)
        from withGamma in Gen.Elements(true, false)
        from withBeta in Gen.Elements(true, false)
        from placement in Gen.Elements(EpsilonPlacement.AddToVariance, EpsilonPlacement.AddToStandardDeviation)
        from seed in Gen.Choose(0, int.MaxValue)
        select new LayerNormProblem(dims, first, count, withGamma, withBeta, placement, seed);

    [Property(MaxTest = 100)]
    public Property Optimized_matches_reference() => Prop.ForAll(Arb.From(Problems), p =>
    {
        var rng = new Random(p.Seed);
        var normalized = p.Axes.Aggregate(1, (a, i) => a * p.Shape[i]);
        var x = NormalizationData.Uniform(rng, p.Shape.Aggregate(1, (a, b) => a * b), 2);
        var gamma = p.WithGamma ? NormalizationData.Uniform(rng, normalized, 2) : [];
        var beta = p.WithBeta ? NormalizationData.Uniform(rng, normalized, 1) : [];
        var epsilon = 1e-3f;
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        LayerNorm.Run(x, p.Shape, p.Axes, gamma, beta, epsilon, p.Placement, actual);
        Engine.Kernels.Reference.LayerNorm.Run(x, p.Shape, p.Axes, gamma, beta, epsilon, p.Placement, expected);
        NormalizationData.AssertWithinBound(p.ToString(), x, p.Shape, p.Axes, epsilon, p.Placement, gamma.Length > 0 ? 2 : 1, actual, expected);
    });

    [Theory]
    [InlineData(new[] { 512, 64 }, new[] { 1 })]
    [InlineData(new[] { 8, 100, 40 }, new[] { 1 })]
    public void Problems_large_enough_to_split_across_threads_match_reference(int[] shape, int[] axes)
    {
        var rng = new Random(3);
        var normalized = axes.Aggregate(1, (a, i) => a * shape[i]);
        var x = NormalizationData.Uniform(rng, shape.Aggregate(1, (a, b) => a * b), 2);
        var gamma = NormalizationData.Uniform(rng, normalized, 2);
        var beta = NormalizationData.Uniform(rng, normalized, 1);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        LayerNorm.Run(x, shape, axes, gamma, beta, 1e-3f, EpsilonPlacement.AddToVariance, actual);
        Engine.Kernels.Reference.LayerNorm.Run(x, shape, axes, gamma, beta, 1e-3f, EpsilonPlacement.AddToVariance, expected);
        NormalizationData.AssertWithinBound($"shape [{string.Join(", ", shape)}]", x, shape, axes, 1e-3f, EpsilonPlacement.AddToVariance, 2, actual, expected);
    }

    [Fact]
    public void Reference_normalizes_a_row_by_hand()
    {
        // [1, 2, 3, 4]: mean 2.5, var (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25, ε 0 -> (x - 2.5)/sqrt(1.25) = ±0.4472, ±1.3416.
        float[] x = [1, 2, 3, 4];
        var y = new float[4];
        var z = 1.5 / Math.Sqrt(1.25);
        var w = 0.5 / Math.Sqrt(1.25);
        Engine.Kernels.Reference.LayerNorm.Run(x, [1, 4], [-1], [], [], 0, EpsilonPlacement.AddToVariance, y);
        Assert.Equal([(float)-z, (float)-w, (float)w, (float)z], y);
        // γ = [1, 1, 1, 2], β = [0, 0, 0, 1]: only the last element changes, to 2·1.3416 + 1.
        LayerNorm.Run(x, [1, 4], [1], [1, 1, 1, 2], [0, 0, 0, 1], 0, EpsilonPlacement.AddToVariance, y);
        Assert.Equal(2 * z + 1, y[3], 5);
    }

    [Fact]
    public void Axes_that_are_not_adjacent_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => LayerNorm.Run(new float[24], [2, 3, 4], [0, 2], [], [], 1e-3f, EpsilonPlacement.AddToVariance, new float[24]));
        Assert.Contains("adjacent", ex.Message);
    }
}

/// <summary>Data and error bounds shared by the normalization property tests.</summary>
internal static class NormalizationData
{
    private const double U = 1.0 / (1 << 24);

    public static float[] Uniform(Random rng, int count, double half) =>
        Enumerable.Range(0, count).Select(_ => (float)((rng.NextDouble() * 2 - 1) * half)).ToArray();

    /// <summary>
    /// Float32 mean and variance over n elements are off by about n·u relative; (x - mean)/spread turns that into
    /// n·u·(|x| + |mean|)/spread absolute, which is large when a slice barely varies. The bound is 8·(n + 8)·u times
    /// that conditioning (computed here in double from the slice) plus |y|, times max|γ|.
    /// </summary>
    public static void AssertWithinBound(
        string problem, float[] x, int[] shape, int[] axes, float epsilon, EpsilonPlacement placement, double maxGamma, float[] actual, float[] expected)
    {
        foreach (var (indices, _) in Engine.Kernels.Reference.NormalizedSlices.Of(shape, axes))
        {
            var n = indices.Length;
            var mean = indices.Average(i => (double)x[i]);
            var variance = indices.Average(i => (x[i] - mean) * (x[i] - mean));
            var spread = Engine.Kernels.Reference.NormalizedSlices.Spread(variance, epsilon, placement);
            foreach (var i in indices)
            {
                var bound = 8 * (n + 8) * U * (maxGamma * (Math.Abs(x[i]) + Math.Abs(mean)) / spread + Math.Abs(expected[i]) + 1);
                Assert.True(Math.Abs(actual[i] - (double)expected[i]) <= bound, $"{problem}: element {i} is {actual[i]}, reference {expected[i]}, bound {bound}");
            }
        }
    }
}
