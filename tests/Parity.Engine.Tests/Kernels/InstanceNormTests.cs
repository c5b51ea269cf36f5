using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Tests.Kernels;

/// <summary>An instance-norm problem: shape (batch, channels and 1-2 spatial axes in the given layout), options, seed.</summary>
public sealed record InstanceNormProblem(int[] Shape, Layout Layout, bool WithAffine, EpsilonPlacement Placement, int Seed)
{
    public override string ToString() => $"shape [{string.Join(", ", Shape)}] {Layout} affine {WithAffine} {Placement} seed {Seed}";
}

public class InstanceNormTests
{
    private static Gen<InstanceNormProblem> Problems =>
        from spatialRank in Gen.Choose(1, 2)
        from dims in Gen.ArrayOf(Gen.Choose(1, 9), spatialRank + 2)
        from layout in Gen.Elements(Layout.Nhwc, Layout.Nchw)
        from affine in Gen.Elements(true, false)
        from placement in Gen.Elements(EpsilonPlacement.AddToVariance, EpsilonPlacement.AddToStandardDeviation)
        from seed in Gen.Choose(0, int.MaxValue)
        select new InstanceNormProblem(dims, layout, affine, placement, seed);

    [Property(MaxTest = 100)]
    public Property Optimized_matches_reference() => Prop.ForAll(Arb.From(Problems), p =>
    {
        var rng = new Random(p.Seed);
        var channels = p.Layout == Layout.Nchw ? p.Shape[1] : p.Shape[^1];
        var x = NormalizationData.Uniform(rng, p.Shape.Aggregate(1, (a, b) => a * b), 2);
        var gamma = p.WithAffine ? NormalizationData.Uniform(rng, channels, 2) : [];
        var beta = p.WithAffine ? NormalizationData.Uniform(rng, channels, 1) : [];
        var epsilon = 1e-3f;
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        InstanceNorm.Run(x, p.Shape, p.Layout, gamma, beta, epsilon, p.Placement, actual);
        Engine.Kernels.Reference.InstanceNorm.Run(x, p.Shape, p.Layout, gamma, beta, epsilon, p.Placement, expected);
        var spatialAxes = p.Layout == Layout.Nchw
            ? Enumerable.Range(2, p.Shape.Length - 2).ToArray()
            : Enumerable.Range(1, p.Shape.Length - 2).ToArray();
        NormalizationData.AssertWithinBound(p.ToString(), x, p.Shape, spatialAxes, epsilon, p.Placement, p.WithAffine ? 2 : 1, actual, expected);
    });

    [Theory]
    [InlineData(Layout.Nchw)]
    [InlineData(Layout.Nhwc)]
    public void Problems_large_enough_to_split_across_threads_match_reference(Layout layout)
    {
        int[] shape = layout == Layout.Nchw ? [2, 8, 32, 32] : [2, 32, 32, 128];
        var channels = layout == Layout.Nchw ? shape[1] : shape[^1];
        var rng = new Random(9);
        var x = NormalizationData.Uniform(rng, shape.Aggregate(1, (a, b) => a * b), 2);
        var gamma = NormalizationData.Uniform(rng, channels, 2);
        var beta = NormalizationData.Uniform(rng, channels, 1);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        InstanceNorm.Run(x, shape, layout, gamma, beta, 1e-3f, EpsilonPlacement.AddToStandardDeviation, actual);
        Engine.Kernels.Reference.InstanceNorm.Run(x, shape, layout, gamma, beta, 1e-3f, EpsilonPlacement.AddToStandardDeviation, expected);
        int[] spatial = layout == Layout.Nchw ? [2, 3] : [1, 2];
        NormalizationData.AssertWithinBound(layout.ToString(), x, shape, spatial, 1e-3f, EpsilonPlacement.AddToStandardDeviation, 2, actual, expected);
    }

    [Theory]
    [InlineData(Layout.Nchw)]
    [InlineData(Layout.Nhwc)]
    public void Epsilon_placement_by_hand(Layout layout)
    {
        // One channel holding [0, 2] over two pixels: mean 1, var 1, ε 0.5.
        // Core ML / PyTorch: (x - 1)/sqrt(1 + 0.5) = ∓0.8165; keras_contrib: (x - 1)/(1 + 0.5) = ∓0.6667.
        // A second channel [5, 5] has var 0 and normalizes to 0 either way.
        float[] x = layout == Layout.Nchw ? [0, 2, 5, 5] : [0, 5, 2, 5];
        int[] shape = layout == Layout.Nchw ? [1, 2, 2] : [1, 2, 2];
        var y = new float[4];
        InstanceNorm.Run(x, shape, layout, [], [], 0.5f, EpsilonPlacement.AddToVariance, y);
        var a = (float)(1 / Math.Sqrt(1.5));
        float[] expectedVariance = layout == Layout.Nchw ? [-a, a, 0, 0] : [-a, 0, a, 0];
        Assert.Equal(expectedVariance, y, (e, v) => Math.Abs(e - v) < 1e-6);
        InstanceNorm.Run(x, shape, layout, [], [], 0.5f, EpsilonPlacement.AddToStandardDeviation, y);
        var b = 1 / 1.5f;
        float[] expectedStd = layout == Layout.Nchw ? [-b, b, 0, 0] : [-b, 0, b, 0];
        Assert.Equal(expectedStd, y, (e, v) => Math.Abs(e - v) < 1e-6);
    }
}
