using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.ClassicEnsembleModelFiles;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Core ML support vector machines worked out by hand from SVM.proto and libsvm's svm.cpp, read and run through <see cref="ModelFiles"/>.</summary>
public class SupportVectorHandComputedTests
{
    private const float Tolerance = 1e-6f;

    // One support vector v = [1, 2], alpha 2, rho 0.5, x = [3, 1]: x.v = 5, |x - v|^2 = 5; y = 2 K - 0.5.
    public static TheoryData<Kernel, float> OneVectorKernels => new()
    {
        // 2 * 5 - 0.5
        { new Kernel { LinearKernel = new LinearKernel() }, 9.5f },
        // 2 exp(-0.1 * 5) - 0.5 = 2 * 0.60653066 - 0.5
        { new Kernel { RbfKernel = new RBFKernel { Gamma = 0.1 } }, 0.71306132f },
        // 2 (0.5 * 5 + 1)^2 - 0.5 = 2 * 12.25 - 0.5
        { new Kernel { PolyKernel = new PolyKernel { Gamma = 0.5, C = 1, Degree = 2 } }, 24f },
        // 2 tanh(0.1 * 5 + 0) - 0.5 = 2 * 0.46211716 - 0.5
        { new Kernel { SigmoidKernel = new SigmoidKernel { Gamma = 0.1, C = 0 } }, 0.42423431f },
    };

    [Theory]
    [MemberData(nameof(OneVectorKernels))]
    public void Regressor_with_one_support_vector_is_alpha_times_the_kernel_minus_rho(Kernel kernel, float expected)
    {
        var model = Regressor(SvmRegressor(kernel, [[1, 2]], [2], 0.5), 2);
        var (values, _) = RunInputs(model, new() { ["x"] = [3, 1] });
        Assert.Equal(expected, values.Values.Single()[0], Tolerance);
    }

    [Fact]
    public void Classifier_without_probabilities_predicts_the_one_vs_one_vote()
    {
        // Linear, class "a" has v0 = [1, 0], class "b" has v1 = [0, 1]; sv_coef row 0 = [1, -1], rho 0:
        // d = 1 * x.v0 + (-1) * x.v1 = x0 - x1. x = [2, 1]: d = 1 > 0 -> "a". x = [1, 2]: d = -1 -> "b".
        var (values, model) = RunInputs(Classifier(TwoClasses(), ["a", "b"], 2), new() { ["x"] = [2, 1, 1, 2] });
        var classifier = model.Classifier!;
        Assert.Null(classifier.ProbabilityOutputName);
        Assert.Equal(["a", "b"], classifier.Predict(values[classifier.ProbabilityValue]).Select(p => p.Label));
    }

    [Fact]
    public void Classifier_with_probA_probB_reports_libsvms_platt_probabilities()
    {
        // As above with probA -2, probB 0: x = [2, 1], d = 1: P(a) = 1 / (1 + exp(-2 * 1)) = 0.88079708, P(b) = 0.11920292.
        var svm = TwoClasses();
        svm.ProbA.Add(-2);
        svm.ProbB.Add(0);
        var (values, model) = RunInputs(Classifier(svm, ["a", "b"], 2), new() { ["x"] = [2, 1] });
        var classifier = model.Classifier!;
        Assert.Equal("probabilities", classifier.ProbabilityOutputName);
        Assert.Equal([0.88079708f, 0.11920292f], values[classifier.ProbabilityValue], (e, a) => Math.Abs(e - a) <= Tolerance);
        Assert.Equal("a", classifier.Predict(values[classifier.ProbabilityValue])[0].Label);
    }

    [Fact]
    public void Sparse_support_vectors_use_libsvms_one_based_indices_and_read_features_past_the_input_as_zero()
    {
        // One rbf vector {1: 1, 3: 2} = [1, 0, 2] against a two-feature x = [2, 5] (read as [2, 5, 0]):
        // |x - v|^2 = 1 + 25 + 4 = 30; y = 1 * exp(-0.1 * 30) - 0 = exp(-3) = 0.049787068.
        var vector = new SparseVector();
        vector.Nodes.Add(new SparseNode { Index = 1, Value = 1 });
        vector.Nodes.Add(new SparseNode { Index = 3, Value = 2 });
        var svm = new SupportVectorRegressor { Kernel = new Kernel { RbfKernel = new RBFKernel { Gamma = 0.1 } }, Coefficients = new Coefficients(), SparseSupportVectors = new SparseSupportVectors() };
        svm.SparseSupportVectors.Vectors.Add(vector);
        svm.Coefficients.Alpha.Add(1);
        var (values, _) = RunInputs(Regressor(svm, 2), new() { ["x"] = [2, 5] });
        Assert.Equal(0.049787068f, values.Values.Single()[0], Tolerance);
    }

    [Fact]
    public void Inconsistent_svm_parameters_are_format_errors()
    {
        var svm = TwoClasses();
        svm.Rho.Add(1);
        Assert.Contains("rho", Assert.Throws<ModelFormatException>(() => RunInputs(Classifier(svm, ["a", "b"], 2), new() { ["x"] = [0, 0] })).Message);

        var narrow = Regressor(SvmRegressor(new Kernel { LinearKernel = new LinearKernel() }, [[1, 2, 3]], [1], 0), 2);
        Assert.Contains("denseSupportVectors[0]", Assert.Throws<ModelFormatException>(() => RunInputs(narrow, new() { ["x"] = [0, 0] })).Message);
    }

    private static SupportVectorClassifier TwoClasses()
    {
        var svm = new SupportVectorClassifier { Kernel = new Kernel { LinearKernel = new LinearKernel() }, DenseSupportVectors = Dense([[1, 0], [0, 1]]) };
        svm.NumberOfSupportVectorsPerClass.AddRange([1, 1]);
        var coefficients = new Coefficients();
        coefficients.Alpha.AddRange([1, -1]);
        svm.Coefficients.Add(coefficients);
        svm.Rho.Add(0);
        return svm;
    }
}
