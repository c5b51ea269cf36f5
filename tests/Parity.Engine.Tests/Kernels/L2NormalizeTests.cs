using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Tests.Kernels;

/// <summary>An L2-normalize problem: shape, a run of adjacent axes, the epsilon rule and the seed.</summary>
public sealed record L2NormalizeProblem(int[] Shape, int First, int Count, L2NormEpsilon Rule, int Seed)
{
    public int[] Axes => Enumerable.Range(First, Count).ToArray();

    public override string ToString() => $"shape [{string.Join(", ", Shape)}] axes [{string.Join(", ", Axes)}] {Rule} seed {Seed}";
}

public class L2NormalizeTests
{
    private const double U = 1.0 / (1 << 24);

    private static Gen<L2NormalizeProblem> Problems =>
        from rank in Gen.Choose(1, 5)
        from dims in Gen.ArrayOf(Gen.Choose(1, 7), rank)
        from first in Gen.Choose(0, rank - 1)
        from count in Gen.Choose(1, rank - first)
        from rule in Gen.Elements(Enum.GetValues<L2NormEpsilon>())
        from seed in Gen.Choose(0, int.MaxValue)
        select new L2NormalizeProblem(dims, first, count, rule, seed);

    [Property(MaxTest = 100)]
    public Property Optimized_matches_reference() => Prop.ForAll(Arb.From(Problems), p =>
    {
        var rng = new Random(p.Seed);
        var x = NormalizationData.Uniform(rng, p.Shape.Aggregate(1, (a, b) => a * b), 2);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        L2Normalize.Run(x, p.Shape, p.Axes, 1e-4f, p.Rule, actual);
        Engine.Kernels.Reference.L2Normalize.Run(x, p.Shape, p.Axes, 1e-4f, p.Rule, expected);
        var n = p.Axes.Aggregate(1, (a, i) => a * p.Shape[i]);
        for (var i = 0; i < x.Length; i++)
        {
            // Σx² of non-negative terms is off by at most n·u relative; sqrt, reciprocal and product add a few ulp.
            var bound = (n + 8) * U * Math.Abs(expected[i]);
            Assert.True(Math.Abs(actual[i] - (double)expected[i]) <= bound, $"{p}: element {i} is {actual[i]}, reference {expected[i]}, bound {bound}");
        }
    });

    [Theory]
    [InlineData(new[] { 1000, 30 }, new[] { 1 })]
    [InlineData(new[] { 8, 100, 40 }, new[] { 1 })]
    public void Problems_large_enough_to_split_across_threads_match_reference(int[] shape, int[] axes)
    {
        var x = NormalizationData.Uniform(new Random(4), shape.Aggregate(1, (a, b) => a * b), 2);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        L2Normalize.Run(x, shape, axes, 1e-12f, L2NormEpsilon.AddToSumOfSquares, actual);
        Engine.Kernels.Reference.L2Normalize.Run(x, shape, axes, 1e-12f, L2NormEpsilon.AddToSumOfSquares, expected);
        var n = axes.Aggregate(1, (a, i) => a * shape[i]);
        for (var i = 0; i < x.Length; i++) Assert.True(Math.Abs(actual[i] - (double)expected[i]) <= (n + 8) * U * Math.Abs(expected[i]), $"element {i}: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public void Epsilon_rules_by_hand()
    {
        // [3, 4]: Σx² = 25, norm 5 -> [0.6, 0.8] whatever the (tiny) epsilon.
        var y = new float[2];
        L2Normalize.Run([3, 4], [2], [0], 1e-12f, L2NormEpsilon.AddToSumOfSquares, y);
        Assert.Equal([0.6f, 0.8f], y, (e, v) => Math.Abs(e - v) < 1e-6);
        // [0.003, 0.004]: Σx² = 2.5e-5, ε = 1e-4.
        //   Core ML  sqrt(2.5e-5 + 1e-4) = 0.0111803 -> [0.268328, 0.357771]
        //   TF/Keras sqrt(max(2.5e-5, 1e-4)) = 0.01  -> [0.3, 0.4]
        //   PyTorch  max(sqrt(2.5e-5), 1e-4) = 0.005 -> [0.6, 0.8]
        float[] small = [0.003f, 0.004f];
        Engine.Kernels.Reference.L2Normalize.Run(small, [2], [0], 1e-4f, L2NormEpsilon.AddToSumOfSquares, y);
        Assert.Equal([0.268328f, 0.357771f], y, (e, v) => Math.Abs(e - v) < 1e-5);
        Engine.Kernels.Reference.L2Normalize.Run(small, [2], [0], 1e-4f, L2NormEpsilon.FloorSumOfSquares, y);
        Assert.Equal([0.3f, 0.4f], y, (e, v) => Math.Abs(e - v) < 1e-5);
        Engine.Kernels.Reference.L2Normalize.Run(small, [2], [0], 1e-4f, L2NormEpsilon.FloorNorm, y);
        Assert.Equal([0.6f, 0.8f], y, (e, v) => Math.Abs(e - v) < 1e-5);
    }
}
