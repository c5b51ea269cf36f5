using Google.Protobuf;
using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.ClassicEnsembleModelFiles;
using static Parity.Spec.Tests.CoreML.ClassicModelFiles;
using Behavior = Parity.Spec.CoreML.Format.TreeEnsembleParameters.Types.TreeNode.Types.TreeNodeBehavior;
using Transform = Parity.Spec.CoreML.Format.TreeEnsemblePostEvaluationTransform;

namespace Parity.Spec.Tests.CoreML;

/// <summary>`parity inspect` counts the stored numbers of tree ensembles and SVMs, as it does for networks and GLMs.</summary>
public class ClassicParameterCountTests
{
    private static long Parameters(Model model)
    {
        using var temp = new TemporaryDirectory();
        return ModelFiles.Summarize(temp.WriteFile("model.mlmodel", model.ToByteArray())).Layers.Single().Parameters;
    }

    [Fact]
    public void A_tree_counts_its_thresholds_leaf_values_and_base()
    {
        // One branch threshold, two leaves of one value each, one base value: 4.
        var trees = Ensemble([0.5], Branch(0, 0, Behavior.BranchOnValueLessThan, 0, 1, 1, 2), Leaf(0, 1, (0, 10)), Leaf(0, 2, (0, 20)));
        Assert.Equal(4, Parameters(TreeRegressor(trees, Transform.NoTransform, DoubleArray("x", 1))));
    }

    [Fact]
    public void An_svm_counts_its_vector_entries_coefficients_and_offset()
    {
        // Two dense vectors of three values, two coefficients, rho: 6 + 2 + 1 = 9.
        var svm = SvmRegressor(new Kernel { LinearKernel = new LinearKernel() }, [[1, 2, 3], [4, 5, 6]], [0.5, -0.5], 0.25);
        Assert.Equal(9, Parameters(Regressor(svm, 3)));
    }
}
