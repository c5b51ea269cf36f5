using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Tests.Kernels;

/// <summary>An LRN problem: shape, channel axis, window and constants, and the seed.</summary>
public sealed record LrnProblem(int[] Shape, int ChannelAxis, LrnParameters Parameters, int Seed)
{
    public override string ToString() => $"shape [{string.Join(", ", Shape)}] axis {ChannelAxis} {Parameters} seed {Seed}";
}

public class LrnTests
{
    private const double U = 1.0 / (1 << 24);

    private static Gen<LrnProblem> Problems =>
        from rank in Gen.Choose(2, 4)
        from dims in Gen.ArrayOf(Gen.Choose(1, 9), rank)
        from axis in Gen.Elements(1, -1)
        from before in Gen.Choose(0, 3)
        from after in Gen.Choose(0, 3)
        from alphaThousandths in Gen.Choose(1, 2000)
        from betaHundredths in Gen.Choose(10, 100)
        from biasTenths in Gen.Choose(5, 30)
        from seed in Gen.Choose(0, int.MaxValue)
        select new LrnProblem(dims, axis, new LrnParameters(before, after, alphaThousandths / 1000f, betaHundredths / 100f, biasTenths / 10f), seed);

    [Property(MaxTest = 100)]
    public Property Optimized_matches_reference() => Prop.ForAll(Arb.From(Problems), p =>
    {
        var x = NormalizationData.Uniform(new Random(p.Seed), p.Shape.Aggregate(1, (a, b) => a * b), 2);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        Lrn.Run(x, p.Shape, p.ChannelAxis, p.Parameters, actual);
        Engine.Kernels.Reference.Lrn.Run(x, p.Shape, p.ChannelAxis, p.Parameters, expected);
        var window = p.Parameters.Before + p.Parameters.After + 1;
        for (var i = 0; i < x.Length; i++)
        {
            // The window sum is off by window·u relative; pow scales that by beta and adds a few ulp of its own.
            var bound = 4 * (window + 8) * U * Math.Abs(expected[i]);
            Assert.True(Math.Abs(actual[i] - (double)expected[i]) <= bound, $"{p}: element {i} is {actual[i]}, reference {expected[i]}, bound {bound}");
        }
    });

    [Theory]
    [InlineData(new[] { 1, 64, 64, 16 }, -1)]
    [InlineData(new[] { 2, 16, 32, 32 }, 1)]
    public void Problems_large_enough_to_split_across_threads_match_reference(int[] shape, int axis)
    {
        var x = NormalizationData.Uniform(new Random(6), shape.Aggregate(1, (a, b) => a * b), 2);
        var p = LrnParameters.CoreML(5, 1e-2f, 0.75f, 2f);
        var actual = new float[x.Length];
        var expected = new float[x.Length];
        Lrn.Run(x, shape, axis, p, actual);
        Engine.Kernels.Reference.Lrn.Run(x, shape, axis, p, expected);
        for (var i = 0; i < x.Length; i++) Assert.True(Math.Abs(actual[i] - (double)expected[i]) <= 4 * (5 + 8) * U * Math.Abs(expected[i]), $"element {i}: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public void Three_channels_by_hand()
    {
        // One pixel, channels [1, 2, 3], window of 3, beta 1, bias 1, alpha per element 1 (Core ML alpha 3 / size 3).
        // c0 sums 1² + 2² = 5 -> 1/6; c1 sums 1 + 4 + 9 = 14 -> 2/15; c2 sums 4 + 9 = 13 -> 3/14.
        float[] expected = [1 / 6f, 2 / 15f, 3 / 14f];
        var y = new float[3];
        Engine.Kernels.Reference.Lrn.Run([1, 2, 3], [1, 3], -1, LrnParameters.CoreML(3, 3f, 1f, 1f), y);
        Assert.Equal(expected, y, (e, v) => Math.Abs(e - v) < 1e-6);
        // The same through TensorFlow's parameters (depth_radius 1, alpha 1) and the channels-first path.
        Lrn.Run([1, 2, 3], [1, 3, 1], 1, LrnParameters.TensorFlow(1, 1f, 1f, 1f), y);
        Assert.Equal(expected, y, (e, v) => Math.Abs(e - v) < 1e-6);
        Lrn.Run([1, 2, 3], [1, 3], 1, LrnParameters.CoreML(3, 3f, 1f, 1f), y);
        Assert.Equal(expected, y, (e, v) => Math.Abs(e - v) < 1e-6);
    }

    [Fact]
    public void CoreML_window_for_an_even_size_follows_Caffe()
    {
        var p = LrnParameters.CoreML(4, 1f, 0.75f, 2f);
        Assert.Equal((1, 2, 0.25f), (p.Before, p.After, p.Alpha));
    }
}
