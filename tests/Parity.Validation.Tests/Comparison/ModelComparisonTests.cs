using Parity.Validation.Comparison;
using Parity.Validation.Metrics;

namespace Parity.Validation.Tests.Comparison;

public class ModelComparisonTests
{
    private static readonly ComparisonOptions Options = new() { RoleA = "source", RoleB = "converted", Samples = 2 };

    [Fact]
    public void A_faithful_conversion_agrees_with_every_layer_matched_by_name()
    {
        var report = ModelComparison.Compare(TestModels.Source(), TestModels.Converted(), Options);

        Assert.Equal(ComparisonVerdict.Agree, report.Verdict);
        Assert.Null(report.DivergencePoint);
        Assert.Equal(["d1~d1__activation__", "d2~d2_output", "d3~d3", "probs~classLabelProbs"], report.Pairs.Select(p => $"{p.A}~{p.B}"));
        Assert.All(report.Pairs, p => Assert.Equal(0, p.Metrics.MaxAbsError));
        Assert.Equal(["d1"], report.UnmatchedB.Select(u => u.Name)); // the converter's pre-activation value has no Keras counterpart
        Assert.Equal(("x", "input", MatchKind.Order), (report.Inputs[0].A, report.Inputs[0].B, report.Inputs[0].MatchedBy));
        var classifier = report.Pairs[^1].Classifier;
        Assert.NotNull(classifier);
        Assert.Equal((2, 1.0), (classifier.Classes, classifier.Top1Agreement));
    }

    [Fact]
    public void A_shifted_bias_is_named_as_the_divergence_point_and_later_layers_inherit()
    {
        // d2's first unit is shifted by 0.5: d2 breaks fp32 tolerance on agreeing inputs; d3 = d2 · W3 moves by
        // 0.5 * (1, -1), and the softmax after it moves with it.
        var report = ModelComparison.Compare(TestModels.Source(), TestModels.Converted(d2BiasShift: 0.5f), Options);

        Assert.Equal(ComparisonVerdict.Disagree, report.Verdict);
        Assert.Equal("d2", report.DivergencePoint);
        Assert.Equal([PairVerdict.Agrees, PairVerdict.Diverges, PairVerdict.Inherited, PairVerdict.Inherited], report.Pairs.Select(p => p.Verdict));
        Assert.Equal(0.5, report.Pairs[1].Metrics.MaxAbsError, 6);
        Assert.Equal(0, report.Pairs[1].Metrics.WorstIndex);
        Assert.Equal(["d2"], report.Pairs[2].InheritedFrom);
        Assert.Equal(0.5, report.Pairs[2].Metrics.MaxAbsError, 6);
    }

    [Fact]
    public void Channels_first_and_channels_last_declarations_get_the_same_data()
    {
        var report = ModelComparison.Compare(TestModels.Image(channelsFirst: false), TestModels.Image(channelsFirst: true),
            new ComparisonOptions { Tolerance = Tolerance.Exact });

        Assert.Equal(ComparisonVerdict.Agree, report.Verdict);
        Assert.Equal(LayoutTransform.ChannelsFirstToLast, report.Inputs[0].Layout);
        Assert.Equal(LayoutTransform.ChannelsFirstToLast, report.Pairs.Single().Layout);
        Assert.Equal(0, report.Pairs.Single().Metrics.MaxAbsError);
        Assert.Contains(report.Notes, n => n.Contains("Layout transform applied", StringComparison.Ordinal));
    }

    [Fact]
    public void Unsupported_layers_leave_a_partial_report_with_an_unsupported_verdict()
    {
        var partial = TestModels.Source() with { Unsupported = [new Spec.UnsupportedLayer("lambda_1", "Lambda", "custom Python code")] };
        var report = ModelComparison.Compare(partial, TestModels.Converted(), Options);

        Assert.Equal(ComparisonVerdict.Unsupported, report.Verdict);
        Assert.Equal(4, report.Pairs.Count); // everything else is still checked
        Assert.Contains(report.UncheckedA, u => u.Contains("lambda_1", StringComparison.Ordinal));

        // A disagreement found in the checked part outranks what could not be checked.
        var broken = ModelComparison.Compare(partial, TestModels.Converted(d2BiasShift: 0.5f), Options);
        Assert.Equal(ComparisonVerdict.Disagree, broken.Verdict);
    }

    [Fact]
    public void Samples_must_be_positive()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelComparison.Compare(TestModels.Source(), TestModels.Converted(), new ComparisonOptions { Samples = 0 }));
        Assert.Contains("--samples", error.Message);
    }
}
