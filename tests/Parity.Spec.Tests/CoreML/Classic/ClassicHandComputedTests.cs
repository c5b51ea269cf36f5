using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.ClassicModelFiles;
using Logit = Parity.Spec.CoreML.Format.GLMClassifier.Types.PostEvaluationTransform;
using Encoding = Parity.Spec.CoreML.Format.GLMClassifier.Types.ClassEncoding;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Scaler, GLMRegressor and GLMClassifier models worked out by hand from the format's definitions (Scaler.proto, GLMRegressor.proto, GLMClassifier.proto).</summary>
public class ClassicHandComputedTests
{
    private const float Tolerance = 1e-6f;

    [Fact]
    public void Scaler_adds_the_shift_then_multiplies_by_the_scale_of_each_element_on_every_row()
    {
        var model = Scaler(2, shift: [1, -2], scale: [2, 0.5]);
        // Row 0: (3 + 1) * 2 = 8, (4 - 2) * 0.5 = 1. Row 1: (0 + 1) * 2 = 2, (0 - 2) * 0.5 = -1.
        var (values, shape, _) = Run(model, [3, 4, 0, 0], [2, 2], "y");
        Assert.Equal([8f, 1f, 2f, -1f], values);
        Assert.Equal(new Shape(2, 2), shape);
    }

    [Fact]
    public void Scaler_applies_a_single_shift_and_scale_to_every_element()
    {
        // (1 + 1) * 3 = 6, (2 + 1) * 3 = 9, (3 + 1) * 3 = 12.
        var (values, _, _) = Run(Scaler(3, shift: [1], scale: [3]), [1, 2, 3], [3], "y");
        Assert.Equal([6f, 9f, 12f], values);
    }

    [Fact]
    public void Scaler_without_a_scale_only_shifts()
    {
        var (values, _, _) = Run(Scaler(2, shift: [0.5, -0.5], scale: []), [1, 1], [2], "y");
        Assert.Equal([1.5f, 0.5f], values);
    }

    [Fact]
    public void Regressor_without_transform_is_the_dot_product_plus_offset()
    {
        var model = Regressor(GLMRegressor.Types.PostEvaluationTransform.NoTransform, [0.5], [1, 2, 3]);
        // 1*1 + 2*1 + 3*2 + 0.5 = 9.5; second row 1*0 + 2*(-1) + 3*0 + 0.5 = -1.5.
        var (values, shape, _) = Run(model, [1, 1, 2, 0, -1, 0], [2, 3], "y");
        Assert.Equal([9.5f, -1.5f], values);
        Assert.Equal(new Shape(2, 1), shape);
    }

    [Theory]
    // Logit: score 0 -> 1/2; score ln 3 -> 1 / (1 + 1/3) = 3/4.
    [InlineData(GLMRegressor.Types.PostEvaluationTransform.Logit, 0.5f, 0.75f)]
    // Probit: Phi(0) = 1/2; score ln 3 = 1.0986123 -> Phi = (1 + erf(1.0986123 / sqrt 2)) / 2 = 0.8640313 (Python math.erf).
    [InlineData(GLMRegressor.Types.PostEvaluationTransform.Probit, 0.5f, 0.8640313f)]
    public void Regressor_applies_its_link_to_the_score(GLMRegressor.Types.PostEvaluationTransform transform, float atZero, float atLn3)
    {
        var model = Regressor(transform, [0], [1, -1]);
        var (values, _, _) = Run(model, [2, 2, MathF.Log(3), 0], [2, 2], "y");
        Assert.Equal(atZero, values[0], Tolerance);
        Assert.Equal(atLn3, values[1], Tolerance);
    }

    [Fact]
    public void Binary_classifier_gives_the_second_label_the_logistic_of_the_score()
    {
        var model = Classifier(Logit.Logit, Encoding.ReferenceClass, ["no", "yes"], [0], [1, 0]);
        // score = ln 3 -> P(yes) = 3/4, P(no) = 1/4.
        var (values, shape, executable) = Run(model, [MathF.Log(3), 5], [2], "probabilities");
        Assert.Equal(new Shape(1, 2), shape);
        Assert.Equal(0.25f, values[0], Tolerance);
        Assert.Equal(0.75f, values[1], Tolerance);

        var classifier = Assert.IsType<ClassifierOutput>(executable.Classifier);
        Assert.Equal(["no", "yes"], classifier.Labels);
        Assert.False(classifier.Int64Labels);
        Assert.Equal("label", classifier.LabelOutputName);
        Assert.Equal("probabilities", classifier.ProbabilityOutputName);
        Assert.Equal("yes", Assert.Single(classifier.Predict(values)).Label);
    }

    [Fact]
    public void Binary_probit_classifier_uses_the_normal_cdf()
    {
        var model = Classifier(Logit.Probit, Encoding.ReferenceClass, [0L, 1L], [-1], [1]);
        // score = 2 - 1 = 1 -> P(1) = Phi(1) = 0.8413447, P(0) = 0.1586553.
        var (values, _, _) = Run(model, [2], [1], "probabilities");
        Assert.Equal(0.1586553f, values[0], Tolerance);
        Assert.Equal(0.8413447f, values[1], Tolerance);
    }

    [Fact]
    public void One_vs_rest_normalizes_each_class_logistic_to_sum_one()
    {
        var model = Classifier(Logit.Logit, Encoding.OneVsRest, [10L, 20L, 30L], [0, 0, 0], [1], [0], [-1]);
        // Scores ln 3, 0, -ln 3 -> logistics 3/4, 1/2, 1/4, sum 3/2 -> 1/2, 1/3, 1/6.
        var (values, _, executable) = Run(model, [MathF.Log(3)], [1], "probabilities");
        Assert.Equal(0.5f, values[0], Tolerance);
        Assert.Equal(1f / 3, values[1], Tolerance);
        Assert.Equal(1f / 6, values[2], Tolerance);

        var classifier = executable.Classifier!;
        Assert.True(classifier.Int64Labels);
        Assert.Equal(["10", "20", "30"], classifier.Labels);
        Assert.Equal("10", classifier.Predict(values)[0].Label);
    }

    [Fact]
    public void Multi_class_probit_and_reference_class_encodings_are_refused_by_name()
    {
        var probit = Classifier(Logit.Probit, Encoding.OneVsRest, [0L, 1L, 2L], [0, 0, 0], [1], [0], [-1]);
        var e = Assert.Throws<UnsupportedLayerException>(() => Run(probit, [1], [1], "probabilities"));
        Assert.Equal("glmClassifier", e.Layer.Type);
        Assert.Contains("Probit", e.Message);

        var reference = Classifier(Logit.Logit, Encoding.ReferenceClass, [0L, 1L, 2L], [0, 0], [1], [0]);
        Assert.Contains("ReferenceClass", Assert.Throws<UnsupportedLayerException>(() => Run(reference, [1], [1], "probabilities")).Message);
    }

    [Fact]
    public void Offsets_that_do_not_match_the_weight_rows_are_a_format_error()
    {
        var model = Regressor(GLMRegressor.Types.PostEvaluationTransform.NoTransform, [1, 2], [1, 2]);
        var e = Assert.Throws<ModelFormatException>(() => Run(model, [1, 1], [2], "y"));
        Assert.Contains("offset", e.Message);
    }

    [Fact]
    public void An_input_that_is_not_whole_rows_is_a_format_error()
    {
        var model = Regressor(GLMRegressor.Types.PostEvaluationTransform.NoTransform, [0], [1, 2, 3]);
        var e = Assert.Throws<ModelFormatException>(() => Run(model, [1, 2, 3, 4], [4], "y"));
        Assert.Contains("3 numbers per prediction", e.Message);
    }
}
