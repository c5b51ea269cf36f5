using Parity.Validation.Comparison;
using Parity.Validation.Diagnosis;

namespace Parity.Validation.Tests.Diagnosis;

public class DiagnoserTests
{
    private static readonly ErrorSnapshot Before = new(ComparisonVerdict.Disagree, 2.0, 1.0, false, 0.4, 0.9, false);

    [Fact]
    public void A_flip_that_makes_the_comparison_agree_explains()
    {
        Assert.True(Diagnoser.Explains(Before, new ErrorSnapshot(ComparisonVerdict.Agree, 0, 0, true, 0, 0, true)));
    }

    [Fact]
    public void A_flip_that_fixes_the_layer_and_brings_the_outputs_ten_times_closer_explains()
    {
        // 0.4 / 10 = 0.04: an output error of 0.039 is close enough, 0.05 is not.
        Assert.True(Diagnoser.Explains(Before, new ErrorSnapshot(ComparisonVerdict.Disagree, 1e-7, 1e-7, true, 0.039, 0.1, false)));
        Assert.False(Diagnoser.Explains(Before, new ErrorSnapshot(ComparisonVerdict.Disagree, 1e-7, 1e-7, true, 0.05, 0.1, false)));
    }

    [Fact]
    public void A_flip_that_leaves_the_diverging_layer_wrong_does_not_explain()
    {
        Assert.False(Diagnoser.Explains(Before, new ErrorSnapshot(ComparisonVerdict.Disagree, 0.5, 0.5, false, 0, 0, true)));
    }
}
