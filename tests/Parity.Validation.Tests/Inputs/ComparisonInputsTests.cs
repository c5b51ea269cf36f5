using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Inputs;
using Parity.Validation.Metrics;
using Parity.Validation.Tests.Comparison;

namespace Parity.Validation.Tests.Inputs;

public class ComparisonInputsTests
{
    [Fact]
    public void A_given_input_replaces_the_seeded_one_on_both_sides()
    {
        // Both models are identities over the same image (B channels first, A channels last): A's output is exactly the
        // given values rearranged, whose largest magnitude is 11 (seeded pixels would reach near 255).
        var values = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        using var given = Tensor.FromSpan<float>(values, new Shape(1, 3, 2, 2));
        var options = new ComparisonOptions
        {
            Tolerance = Tolerance.Exact,
            GivenInputs = new Dictionary<string, Tensor> { ["data"] = given },
            Preprocessing = new Dictionary<string, InputPreprocessing> { ["data"] = new(0, 255, 1, [], false, "as is") },
        };

        var report = ModelComparison.Compare(TestModels.Image(channelsFirst: false), TestModels.Image(channelsFirst: true), options);

        Assert.Equal(ComparisonVerdict.Agree, report.Verdict);
        Assert.Equal(11, report.Pairs[0].Metrics.ExpectedMaxAbs);
        Assert.Contains(report.Notes, n => n.Contains("'data' from the given file(s)", StringComparison.Ordinal));
        Assert.False(given.Floats.IsEmpty); // the caller's tensor is left alive
    }

    [Fact]
    public void A_chosen_shape_is_what_seeded_inputs_are_drawn_in()
    {
        var model = TestModels.Image(channelsFirst: true);
        var options = new ComparisonOptions { InputShapes = new Dictionary<string, Shape> { ["data"] = new Shape(1, 3, 4, 5) } };

        var feed = ComparisonInputs.ForB(model, options, 0);

        Assert.Equal(new Shape(1, 3, 4, 5), feed["data"].Shape);
        foreach (var t in feed.Values) t.Dispose();
        Assert.Throws<ArgumentException>(() => ComparisonInputs.Effective(model, options with { InputShapes = new Dictionary<string, Shape> { ["nope"] = new Shape(1) } }));
    }

    [Fact]
    public void A_fully_convolutional_source_takes_the_converted_spatial_size_in_its_own_layout()
    {
        GraphInput In(params int[] dims) => new("x", new TensorType(DType.Float32, new Shape(dims)));

        // Keras [1, 224, 224, 3] against Core ML [1, 3, 256, 320]: channels stay last, H and W come from the conversion.
        Assert.Equal(new Shape(1, 256, 320, 3), SourceInputShapes.ToFit([In(1, 224, 224, 3)], [In(1, 3, 256, 320)])["x"]);
        // Same layout on both sides.
        Assert.Equal(new Shape(1, 9, 7, 5), SourceInputShapes.ToFit([In(1, 5, 5, 5)], [In(1, 9, 7, 5)])["x"]);
        // Shapes a layout transform already joins need nothing.
        Assert.Empty(SourceInputShapes.ToFit([In(1, 224, 224, 3)], [In(1, 3, 224, 224)]));
    }
}
