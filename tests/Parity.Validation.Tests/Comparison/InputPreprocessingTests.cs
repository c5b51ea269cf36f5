using Parity.Validation.Comparison;
using Parity.Validation.Metrics;

namespace Parity.Validation.Tests.Comparison;

public class InputPreprocessingTests
{
    [Fact]
    public void Scale_bias_and_channel_reversal_follow_the_channel_axis()
    {
        // [1,3,1,2]: channel 0 = (0,3), channel 1 = (1,4), channel 2 = (2,5). Reversed, channel c reads channel 2-c:
        // c0: 2*(2,5)+10 = (14,20); c1: 2*(1,4)+20 = (22,28); c2: 2*(0,3)+30 = (30,36).
        var prep = new InputPreprocessing(0, 255, 2, [10, 20, 30], ReverseChannels: true, "test");
        Assert.Equal([14, 20, 22, 28, 30, 36], prep.ApplyForA([0, 3, 1, 4, 2, 5], [1, 3, 1, 2]));
        Assert.Throws<ArgumentException>(() => prep.ApplyForA([0, 1], [1, 2, 1, 1]));
    }

    [Fact]
    public void Raw_pixels_are_drawn_in_the_given_range_and_a_wrong_channel_order_is_caught()
    {
        // Both models are identities, so A's output is A's preprocessed input: the same data only when no channels move.
        var plain = new InputPreprocessing(0, 255, 1, [], ReverseChannels: false, "as is");
        var same = ModelComparison.Compare(TestModels.Image(channelsFirst: false), TestModels.Image(channelsFirst: true),
            new ComparisonOptions { Tolerance = Tolerance.Exact, Preprocessing = new Dictionary<string, InputPreprocessing> { ["data"] = plain } });
        Assert.Equal(ComparisonVerdict.Agree, same.Verdict);
        Assert.InRange(same.Pairs[0].Metrics.ExpectedMaxAbs, 1, 255); // pixels, not unit-range values
        Assert.Contains(same.Notes, n => n.Contains("values in [0, 255)", StringComparison.Ordinal));

        var swapped = ModelComparison.Compare(TestModels.Image(channelsFirst: false), TestModels.Image(channelsFirst: true),
            new ComparisonOptions { Preprocessing = new Dictionary<string, InputPreprocessing> { ["data"] = plain with { ReverseChannels = true } } });
        Assert.Equal(ComparisonVerdict.Disagree, swapped.Verdict);
        Assert.Equal("copy", swapped.DivergencePoint);
    }
}
