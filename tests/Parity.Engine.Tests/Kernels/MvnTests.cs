using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Tests.Kernels;

/// <summary>An MVN problem: a [..., C, H, W] shape, the two Core ML flags, the epsilon placement and the seed.</summary>
public sealed record MvnProblem(int[] Shape, bool AcrossChannels, bool NormalizeVariance, EpsilonPlacement Placement, int Seed)
{
    public override string ToString() => $"shape [{string.Join(", ", Shape)}] across {AcrossChannels} variance {NormalizeVariance} {Placement} seed {Seed}";
}

public class MvnTests
{
    private static Gen<MvnProblem> Problems =>
        from rank in Gen.Choose(3, 4)
        from dims in Gen.ArrayOf(Gen.Choose(1, 7), rank)
        from across in Gen.Elements(true, false)
        from variance in Gen.Elements(true, false)
        from placement in Gen.Elements(EpsilonPlacement.AddToVariance, EpsilonPlacement.AddToStandardDeviation)
        from seed in Gen.Choose(0, int.MaxValue)
        select new MvnProblem(dims, across, variance, placement, seed);

    [Property(MaxTest = 80)]
    public Property Optimized_matches_reference() => Prop.ForAll(Arb.From(Problems), p =>
    {
        var x = NormalizationData.Uniform(new Random(p.Seed), p.Shape.Aggregate(1, (a, b) => a * b), 2);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        Mvn.Run(x, p.Shape, p.AcrossChannels, p.NormalizeVariance, 1e-3f, p.Placement, actual);
        Engine.Kernels.Reference.Mvn.Run(x, p.Shape, p.AcrossChannels, p.NormalizeVariance, 1e-3f, p.Placement, expected);
        var r = p.Shape.Length;
        int[] axes = p.AcrossChannels ? [r - 3, r - 2, r - 1] : [r - 2, r - 1];
        // Without variance normalization the spread is 1, which the bound's conditioning term covers with ε = 1e-3 (spread ≥ that).
        NormalizationData.AssertWithinBound(p.ToString(), x, p.Shape, axes, 1e-3f, p.Placement, 1, actual, expected);
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Problems_large_enough_to_split_across_threads_match_reference(bool normalizeVariance)
    {
        int[] shape = [4, 16, 32, 32];
        var x = NormalizationData.Uniform(new Random(2), shape.Aggregate(1, (a, b) => a * b), 2);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        Mvn.Run(x, shape, false, normalizeVariance, 1e-3f, EpsilonPlacement.AddToVariance, actual);
        Engine.Kernels.Reference.Mvn.Run(x, shape, false, normalizeVariance, 1e-3f, EpsilonPlacement.AddToVariance, expected);
        NormalizationData.AssertWithinBound("mvn", x, shape, [2, 3], 1e-3f, EpsilonPlacement.AddToVariance, 1, actual, expected);
    }

    [Fact]
    public void Mean_subtraction_and_variance_by_hand()
    {
        // [C=2, H=1, W=2] = [[1, 3], [10, 30]]. Per plane: means 2 and 20 -> [-1, 1, -10, 10]; with variance
        // (var 1 and 100, ε 0, either placement): [-1, 1, -1, 1]. Across channels: mean 11 -> [-10, -8, -1, 19].
        float[] x = [1, 3, 10, 30];
        var y = new float[4];
        Mvn.Run(x, [2, 1, 2], false, false, 0, EpsilonPlacement.AddToVariance, y);
        Assert.Equal([-1f, 1f, -10f, 10f], y);
        Mvn.Run(x, [2, 1, 2], false, true, 0, EpsilonPlacement.AddToStandardDeviation, y);
        Assert.Equal([-1f, 1f, -1f, 1f], y);
        Mvn.Run(x, [2, 1, 2], true, false, 0, EpsilonPlacement.AddToVariance, y);
        Assert.Equal([-10f, -8f, -1f, 19f], y);
    }
}
