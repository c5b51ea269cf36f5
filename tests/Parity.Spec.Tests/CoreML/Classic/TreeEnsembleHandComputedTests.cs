using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.ClassicEnsembleModelFiles;
using static Parity.Spec.Tests.CoreML.ClassicModelFiles;
using Behavior = Parity.Spec.CoreML.Format.TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior;
using Transform = Parity.Spec.CoreML.Format.TreeEnsemblePostEvaluationTransform;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Core ML tree ensembles worked out by hand from TreeEnsemble.proto's definitions, read and run through <see cref="ModelFiles"/>.</summary>
public class TreeEnsembleHandComputedTests
{
    private const float Tolerance = 1e-6f;

    // Root: feature 0 against 1.0, true -> leaf +10, false -> leaf +20; rows x = 0.5, 1, 1.5.
    [Theory]
    [InlineData(Behavior.BranchOnValueLessThanEqual, 10f, 10f, 20f)]
    [InlineData(Behavior.BranchOnValueLessThan, 10f, 20f, 20f)]
    [InlineData(Behavior.BranchOnValueGreaterThanEqual, 20f, 10f, 10f)]
    [InlineData(Behavior.BranchOnValueGreaterThan, 20f, 20f, 10f)]
    [InlineData(Behavior.BranchOnValueEqual, 20f, 10f, 20f)]
    [InlineData(Behavior.BranchOnValueNotEqual, 10f, 20f, 10f)]
    public void Each_branch_mode_sends_rows_to_the_leaf_its_comparison_picks(Behavior behavior, float below, float at, float above)
    {
        var model = TreeRegressor(Stump(behavior, missingTrue: false), Transform.NoTransform, DoubleArray("x", 1));
        var (values, _) = RunInputs(model, new() { ["x"] = [0.5f, 1f, 1.5f] });
        Assert.Equal([below, at, above], values.Values.Single());
    }

    [Theory]
    [InlineData(true, 10f)]
    [InlineData(false, 20f)]
    public void A_missing_value_goes_where_missingValueTracksTrueChild_says(bool missingTrue, float expected)
    {
        // NaN compares false with everything: only the flag decides, here for a <= branch whose true leaf is +10.
        var model = TreeRegressor(Stump(Behavior.BranchOnValueLessThanEqual, missingTrue), Transform.NoTransform, DoubleArray("x", 1));
        var (values, _) = RunInputs(model, new() { ["x"] = [float.NaN] });
        Assert.Equal(expected, values.Values.Single()[0]);
    }

    [Fact]
    public void Scalar_features_form_one_vector_in_declared_order_and_trees_add_to_the_base()
    {
        // Features [a, b]. Tree 0: b < 0 ? +1 : +2. Tree 1: a >= 5 ? +10 : +20. Base 100.
        // Row 0 (a = 5, b = -1): 100 + 1 + 10 = 111. Row 1 (a = 0, b = 3): 100 + 2 + 20 = 122.
        var parameters = Ensemble([100],
            Branch(0, 0, Behavior.BranchOnValueLessThan, 1, 0, 1, 2), Leaf(0, 1, (0, 1)), Leaf(0, 2, (0, 2)),
            Branch(1, 0, Behavior.BranchOnValueGreaterThanEqual, 0, 5, 1, 2), Leaf(1, 1, (0, 10)), Leaf(1, 2, (0, 20)));
        var a = new FeatureDescription { Name = "a", Type = new FeatureType { DoubleType = new DoubleFeatureType() } };
        var b = new FeatureDescription { Name = "b", Type = new FeatureType { DoubleType = new DoubleFeatureType() } };
        var (values, _) = RunInputs(TreeRegressor(parameters, Transform.NoTransform, a, b), new() { ["a"] = [5, 0], ["b"] = [-1, 3] });
        Assert.Equal([111f, 122f], values.Values.Single());
    }

    [Fact]
    public void Regression_logistic_applies_the_logistic_to_the_sum()
    {
        // Base ln 3 and an empty leaf: 1 / (1 + 1/3) = 3/4.
        var model = TreeRegressor(Ensemble([Math.Log(3)], Leaf(0, 0)), Transform.RegressionLogistic, DoubleArray("x", 1));
        var (values, _) = RunInputs(model, new() { ["x"] = [0] });
        Assert.Equal(0.75f, values.Values.Single()[0], Tolerance);
    }

    [Fact]
    public void Binary_classifier_gives_the_second_label_the_logistic_of_its_single_dimension()
    {
        // One tree: x <= 0 ? -ln 3 : +ln 3. x = 1: P(1) = 3/4, P(0) = 1/4 -> label 1. x = -1: P(1) = 1/4 -> label 0.
        var parameters = Ensemble([0], Branch(0, 0, Behavior.BranchOnValueLessThanEqual, 0, 0, 1, 2), Leaf(0, 1, (0, -Math.Log(3))), Leaf(0, 2, (0, Math.Log(3))));
        var (values, model) = RunInputs(TreeClassifier(parameters, Transform.RegressionLogistic, [0, 1], 1), new() { ["x"] = [1, -1] });
        var classifier = model.Classifier!;
        var probabilities = values[classifier.ProbabilityValue];
        Assert.Equal([0.25f, 0.75f, 0.75f, 0.25f], probabilities, (e, a) => Math.Abs(e - a) <= Tolerance);
        Assert.Equal(["1", "0"], classifier.Predict(probabilities).Select(p => p.Label));
        Assert.Equal("probabilities", classifier.ProbabilityOutputName);
    }

    [Fact]
    public void Softmax_classifier_takes_the_softmax_of_the_per_class_sums()
    {
        // Base [0, 0, 0]; the single leaf adds ln 2 to class 20: softmax of [0, ln 2, 0] = [1, 2, 1] / 4.
        var model = TreeClassifier(Ensemble([0, 0, 0], Leaf(0, 0, (1, Math.Log(2)))), Transform.ClassificationSoftMax, [10, 20, 30], 1);
        var (values, executable) = RunInputs(model, new() { ["x"] = [0] });
        var classifier = executable.Classifier!;
        Assert.Equal([0.25f, 0.5f, 0.25f], values[classifier.ProbabilityValue], (e, a) => Math.Abs(e - a) <= Tolerance);
        Assert.Equal("20", classifier.Predict(values[classifier.ProbabilityValue])[0].Label);
    }

    [Fact]
    public void Untransformed_classifier_reports_the_raw_sums_as_probabilities()
    {
        // Two forest trees of class fractions, NoTransform: [0.5 + 0.25, 0.5 + 0.75] = [0.75, 1.25] (Core ML does not
        // divide by the tree count; apple/coremltools#1541) -> label 1.
        var model = TreeClassifier(Ensemble([0, 0], Leaf(0, 0, (0, 0.5), (1, 0.5)), Leaf(1, 0, (0, 0.25), (1, 0.75))), Transform.NoTransform, [0, 1], 1);
        var (values, executable) = RunInputs(model, new() { ["x"] = [0] });
        Assert.Equal([0.75f, 1.25f], values[executable.Classifier!.ProbabilityValue]);
        Assert.Equal("1", executable.Classifier.Predict(values[executable.Classifier.ProbabilityValue])[0].Label);
    }

    [Fact]
    public void A_tree_ensemble_runs_as_a_pipeline_stage_on_an_earlier_stages_output()
    {
        // Scaler y = 2 (x + 1), then y <= 3 ? 7 : 9. x = 0 -> 2 -> 7; x = 1 -> 4 -> 9.
        var scaler = Scaler(1, shift: [1], scale: [2]);
        var tree = TreeRegressor(Stump(Behavior.BranchOnValueLessThanEqual, false, 3, 7, 9), Transform.NoTransform, DoubleArray("y", 1));
        tree.Description.Output[0].Name = "z";
        tree.Description.PredictedFeatureName = "z";
        var pipeline = new Model { SpecificationVersion = 1, Description = new ModelDescription(), Pipeline = new Pipeline() };
        pipeline.Pipeline.Models.Add(scaler);
        pipeline.Pipeline.Models.Add(tree);
        pipeline.Description.Input.Add(DoubleArray("x", 1));
        pipeline.Description.Output.Add(new FeatureDescription { Name = "z", Type = new FeatureType { DoubleType = new DoubleFeatureType() } });
        var (values, model) = RunInputs(pipeline, new() { ["x"] = [0, 1] });
        Assert.Equal([7f, 9f], values.Values.Single());
        Assert.Contains(model.Layers, l => l.Name == "z" && l.Type == "treeEnsembleRegressor");
    }

    [Fact]
    public void Undefined_or_broken_ensembles_are_refused_by_name()
    {
        var zeroReference = TreeClassifier(Ensemble([0, 0], Leaf(0, 0)), Transform.ClassificationSoftMaxWithZeroClassReference, [0, 1], 1);
        var unsupported = Assert.Throws<UnsupportedLayerException>(() => RunInputs(zeroReference, new() { ["x"] = [0] }));
        Assert.Equal("treeEnsembleClassifier", unsupported.Layer.Type);
        Assert.Contains("SoftMaxWithZeroClassReference", unsupported.Message);

        var tooWide = TreeRegressor(Ensemble([0], Branch(0, 0, Behavior.BranchOnValueLessThan, 4, 0, 1, 2), Leaf(0, 1), Leaf(0, 2)), Transform.NoTransform, DoubleArray("x", 2));
        Assert.Contains("feature 4", Assert.Throws<ModelFormatException>(() => RunInputs(tooWide, new() { ["x"] = [0, 0] })).Message);

        var dangling = TreeRegressor(Ensemble([0], Branch(0, 0, Behavior.BranchOnValueLessThan, 0, 0, 1, 5), Leaf(0, 1)), Transform.NoTransform, DoubleArray("x", 1));
        Assert.Contains("node 5", Assert.Throws<ModelFormatException>(() => RunInputs(dangling, new() { ["x"] = [0] })).Message);

        var wrongBase = TreeRegressor(Ensemble([0], Leaf(0, 0)), Transform.NoTransform, DoubleArray("x", 1));
        wrongBase.TreeEnsembleRegressor.TreeEnsemble.NumPredictionDimensions = 2;
        Assert.Contains("basePredictionValue", Assert.Throws<ModelFormatException>(() => RunInputs(wrongBase, new() { ["x"] = [0] })).Message);
    }

    private static TreeEnsembleParameters Stump(Behavior behavior, bool missingTrue, double threshold = 1, double trueValue = 10, double falseValue = 20) =>
        Ensemble([0], Branch(0, 0, behavior, 0, threshold, 1, 2, missingTrue), Leaf(0, 1, (0, trueValue)), Leaf(0, 2, (0, falseValue)));
}
