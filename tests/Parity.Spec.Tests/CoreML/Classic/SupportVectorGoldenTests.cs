namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Support vector machines converted by coremltools 6.3 from libsvm 3.24 and scikit-learn 1.2.1 (whose SVC is libsvm),
/// run on their 30 held-out rows against the framework's own predictions. The input rows (iris, diabetes) are not all
/// float32-representable and Parity reads multi-arrays as float32, so kernel values carry the input's float32 rounding
/// (about 1e-7 relative). Measured: at most 1.4e-7 from libsvm and scikit-learn on every output, inside case.json's 1e-6.
/// </summary>
public class SupportVectorGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Libsvm_c_svc_gives_libsvms_probabilities_and_labels()
    {
        using var run = ClassicGoldenCase.Run("libsvm_c_svc");
        var classifier = Assert.IsType<ClassifierOutput>(run.Model.Classifier);
        // libsvm keeps its labels in first-seen training order; the model and ref_probabilities.npy share it.
        Assert.Equal(["2", "0", "1"], classifier.Labels);
        var probabilities = run.Output(classifier.ProbabilityValue);
        var worst = ClassicGoldenCase.AssertClose(run.Reference("ref_probabilities.npy"), probabilities.Floats, 1e-6);
        output.WriteLine($"libsvm_c_svc: max |probability - libsvm -b 1| = {worst:G3}");
        Assert.Equal(run.Reference("ref_predict.npy").Select(l => ((long)l).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            classifier.Predict(probabilities.Floats).Select(p => p.Label));
    }

    [Fact]
    public void Libsvm_epsilon_svr_predicts_what_libsvm_predicts()
    {
        using var run = ClassicGoldenCase.Run("libsvm_epsilon_svr");
        var prediction = run.Output(run.Model.Graph.Outputs.Single());
        Assert.Equal(new Parity.Engine.Tensors.Shape(30, 1), prediction.Shape);
        var worst = ClassicGoldenCase.AssertClose(run.Reference("ref_predict.npy"), prediction.Floats, 1e-6, 1e-6);
        output.WriteLine($"libsvm_epsilon_svr: max |prediction - libsvm| = {worst:G3}");
    }

    [Fact]
    public void Scikit_learn_svc_gives_predict_proba_and_its_labels()
    {
        using var run = ClassicGoldenCase.Run("sklearn_svc_rbf");
        var classifier = Assert.IsType<ClassifierOutput>(run.Model.Classifier);
        Assert.Equal(["0", "1", "2"], classifier.Labels);
        var probabilities = run.Output(classifier.ProbabilityValue);
        var worst = ClassicGoldenCase.AssertClose(run.Reference("ref_predict_proba.npy"), probabilities.Floats, 1e-6);
        output.WriteLine($"sklearn_svc_rbf: max |probability - predict_proba| = {worst:G3}");
        // Core ML's label is the most probable class; on these rows it is also scikit-learn's vote (case.json spec_check).
        Assert.Equal(run.Reference("ref_predict.npy").Select(l => ((long)l).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            classifier.Predict(probabilities.Floats).Select(p => p.Label));
    }
}
