using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// scikit-learn models converted by coremltools, run on their held-out rows (one prediction per row, all rows as one
/// batch) against scikit-learn's own predict / predict_proba. Core ML computes classic models in double; Parity reads
/// the double parameters and inputs as float32 and computes in float32, so values agree to float32 rounding of
/// scores built from a few products (measured: 1.5e-7 relative for the regression, 3.2e-7 absolute for probabilities)
/// rather than to the 1e-9 double precision allows.
/// </summary>
public class SklearnGoldenTests
{
    [Fact]
    public void Linear_regression_predicts_what_scikit_learn_predicts()
    {
        var folder = RepositoryPaths.GeneratedCase("sklearn_linear_regression");
        var (outputs, model) = Run(Path.Combine(folder, "model.mlmodel"), Path.Combine(folder, "input.npy"));
        using var expected = Npy.Read(Path.Combine(folder, "ref_predict.npy"));
        var reference = expected.Span<double>().ToArray();
        var predicted = outputs[model.Graph.Outputs.Single()];
        Assert.Equal(new Shape(reference.Length, 1), predicted.Shape);
        // Predictions are O(100) from ten terms of up to O(50): 1e-6 of the prediction covers float32 rounding.
        for (var k = 0; k < reference.Length; k++) Assert.Equal(reference[k], predicted.Floats[k], Math.Abs(reference[k]) * 1e-6);
        Dispose(outputs);
    }

    [Theory]
    [InlineData("sklearn_logistic_regression", "model.mlmodel")]
    [InlineData("sklearn_scaler_logreg_pipeline", "model.mlmodel")]
    [InlineData("sklearn_scaler_logreg_pipeline", "model.mlpackage")]
    public void Logistic_regression_gives_scikit_learns_labels_and_probabilities(string caseFolder, string file)
    {
        var folder = RepositoryPaths.GeneratedCase(caseFolder);
        var (outputs, model) = Run(Path.Combine(folder, file), Path.Combine(folder, "input.npy"));
        using var expectedProbabilities = Npy.Read(Path.Combine(folder, "ref_predict_proba.npy"));
        using var expectedLabels = Npy.Read(Path.Combine(folder, "ref_predict.npy"));
        var classifier = Assert.IsType<ClassifierOutput>(model.Classifier);
        Assert.Equal(["0", "1", "2"], classifier.Labels);
        Assert.True(classifier.Int64Labels);
        Assert.Equal("classLabel", classifier.LabelOutputName);
        Assert.Equal("classProbability", classifier.ProbabilityOutputName);

        var probabilities = outputs[classifier.ProbabilityValue];
        Assert.Equal(expectedProbabilities.Shape, probabilities.Shape);
        var reference = expectedProbabilities.Span<double>();
        // Probabilities are at most 1 and come from scores of four float32 products: case.json's own 1e-6 absolute holds.
        for (var k = 0; k < reference.Length; k++) Assert.Equal(reference[k], probabilities.Floats[k], 1e-6);
        Assert.Equal(expectedLabels.Span<long>().ToArray().Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            classifier.Predict(probabilities.Floats).Select(p => p.Label));
        Dispose(outputs);
    }

    [Fact]
    public void The_pipeline_scaler_output_is_visible_by_its_feature_name()
    {
        var folder = RepositoryPaths.GeneratedCase("sklearn_scaler_logreg_pipeline");
        var model = ModelFiles.Load(Path.Combine(folder, "model.mlmodel"));
        Assert.Contains(model.Layers, l => l.Name == "__feature_vector__" && l.Type == "scaler");
        Assert.Contains(model.Layers, l => l.Name == "classProbability" && l.Type == "glmClassifier");
        Assert.Equal(new Shape(4), model.Graph.Inputs.Single().Type.Shape);
    }

    private static (Dictionary<string, Tensor> Outputs, ExecutableModel Model) Run(string modelPath, string inputPath)
    {
        using var raw = Npy.Read(inputPath);
        using var input = raw.ToFloat32();
        var model = ModelFiles.Load(modelPath, new ModelLoadOptions { InputShapes = new Dictionary<string, Shape> { ["input"] = input.Shape } });
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["input"] = input });
        return (model.Graph.Outputs.ToDictionary(o => o, o => result[o].ToFloat32()), model);
    }

    private static void Dispose(Dictionary<string, Tensor> outputs)
    {
        foreach (var tensor in outputs.Values) tensor.Dispose();
    }
}
