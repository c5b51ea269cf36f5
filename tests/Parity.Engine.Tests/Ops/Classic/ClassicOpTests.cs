using Parity.Engine.Graph;
using Parity.Engine.Kernels.Classic;
using Parity.Engine.Ops.Classic;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Classic;

/// <summary>The tree ensemble and SVM ops: output types, refusals, and one small hand-worked run each.</summary>
public class ClassicOpTests
{
    [Fact]
    public void Tree_ensemble_writes_one_row_of_dimensions_per_input_row()
    {
        // x1 > 0 ? +[1, 0] : +[0, 1] over base [0.5, 0.5]. Rows [9, 1] -> [1.5, 0.5]; [9, -1] -> [0.5, 1.5].
        List<TreeNode> nodes =
        [
            new(0, 0, TreeBranch.GreaterThan, 1, 0, 1, 2, false, []),
            new(0, 1, TreeBranch.Leaf, 0, 0, 0, 0, false, [new LeafValue(0, 1)]),
            new(0, 2, TreeBranch.Leaf, 0, 0, 0, 0, false, [new LeafValue(1, 1)]),
        ];
        var op = new TreeEnsembleOp(nodes, [0.5, 0.5]);
        using var x = Tensor.FromArray([9, 1, 9, -1], 2, 2);
        var type = Assert.Single(op.InferOutputTypes([x.Type]));
        Assert.Equal(new Shape(2, 2), type.Shape);
        using var y = Tensor.Uninitialized(DType.Float32, type.Shape);
        op.Execute([x], [y]);
        Assert.Equal([1.5f, 0.5f, 0.5f, 1.5f], y.Floats.ToArray());

        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(4))]));
        Assert.Contains("feature 1", Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(3, 1))])).Message);
    }

    [Fact]
    public void Svm_classifier_writes_votes_or_probabilities_per_class()
    {
        // Linear, v0 = [1, 0] (class 0), v1 = [0, 1] (class 1), sv_coef [1, -1], rho 0: d = x0 - x1.
        var vectors = new SupportVectors(new SvmKernel(SvmKernelKind.Linear), [1, 0, 0, 1], 2);
        using var x = Tensor.FromArray([2, 1, 1, 2], 2, 2);

        var votes = new SupportVectorClassifierOp(vectors, [1, 1], [1, -1], [0]);
        var type = Assert.Single(votes.InferOutputTypes([x.Type]));
        Assert.Equal(new Shape(2, 2), type.Shape);
        using var v = Tensor.Uninitialized(DType.Float32, type.Shape);
        votes.Execute([x], [v]);
        // d = 1 -> class 0 gets the vote; d = -1 -> class 1.
        Assert.Equal([1f, 0, 0, 1], v.Floats.ToArray());

        // probA -2, probB 0: P(0) = 1 / (1 + e^(-2 d)): d = 1 -> 0.8807971, d = -1 -> 0.1192029.
        var platt = new SupportVectorClassifierOp(vectors, [1, 1], [1, -1], [0], [-2], [0]);
        using var p = Tensor.Uninitialized(DType.Float32, type.Shape);
        platt.Execute([x], [p]);
        Assert.Equal([0.8807971f, 0.1192029f, 0.1192029f, 0.8807971f], p.Floats.ToArray(), (e, a) => Math.Abs(e - a) <= 1e-6f);

        Assert.Throws<ShapeMismatchException>(() => votes.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 3))]));
        Assert.Throws<ArgumentException>(() => new SupportVectorClassifierOp(vectors, [1, 1], [1, -1], [0, 0]));
        Assert.Throws<ArgumentException>(() => new SupportVectorClassifierOp(vectors, [2, 1], [1, -1], [0]));
    }

    [Fact]
    public void Svm_regressor_is_the_weighted_kernel_sum_minus_rho()
    {
        // Polynomial (1 * x.v + 1)^2 with v = [1, 1], alpha 0.5, rho 1: x = [1, 2] -> 0.5 * 16 - 1 = 7.
        var op = new SupportVectorRegressorOp(new SupportVectors(new SvmKernel(SvmKernelKind.Polynomial, 1, 1, 2), [1, 1], 2), [0.5], 1);
        using var x = Tensor.FromArray([1, 2], 1, 2);
        var type = Assert.Single(op.InferOutputTypes([x.Type]));
        Assert.Equal(new Shape(1, 1), type.Shape);
        using var y = Tensor.Uninitialized(DType.Float32, type.Shape);
        op.Execute([x], [y]);
        Assert.Equal(7f, y.Floats[0]);
    }
}
