using Parity.Engine.Graph;
using Parity.Engine.Ops.Linear;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Linear;

public class MatMulTests
{
    [Fact]
    public void Broadcasts_a_single_right_matrix_over_the_batch()
    {
        var op = new MatMul();
        using var a = Tensor.FromArray([1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0], 2, 2, 3);
        using var b = Tensor.FromArray([7, 8, 9, 10, 11, 12], 3, 2);
        var type = Assert.Single(op.InferOutputTypes([a.Type, b.Type]));
        Assert.Equal(new Shape(2, 2, 2), type.Shape);
        using var c = Tensor.Zeros(2, 2, 2);
        op.Execute([a, b], [c]);
        // Entry 0: [1 2 3; 4 5 6] x [7 8; 9 10; 11 12] = [58 64; 139 154].
        // Entry 1: [1 0 0; 0 1 0] picks rows 0 and 1 of B: [7 8; 9 10].
        Assert.Equal([58f, 64, 139, 154, 7, 8, 9, 10], c.Floats.ToArray());
    }

    [Fact]
    public void Broadcasts_batch_axes_of_both_operands()
    {
        var op = new MatMul();
        // a: [2, 1, 1, 2] (two row vectors), b: [1, 3, 2, 1] (three column vectors) -> [2, 3, 1, 1].
        using var a = Tensor.FromArray([1, 2, 3, 4], 2, 1, 1, 2);
        using var b = Tensor.FromArray([1, 1, 1, -1, 2, 0], 1, 3, 2, 1);
        var type = Assert.Single(op.InferOutputTypes([a.Type, b.Type]));
        Assert.Equal(new Shape(2, 3, 1, 1), type.Shape);
        using var c = Tensor.Zeros(2, 3, 1, 1);
        op.Execute([a, b], [c]);
        // [1 2]·[1 1] = 3, [1 2]·[1 -1] = -1, [1 2]·[2 0] = 2; [3 4]· the same = 7, -1, 6.
        Assert.Equal([3f, -1, 2, 7, -1, 6], c.Floats.ToArray());
    }

    [Fact]
    public void Vector_operands_drop_their_axis_and_transposes_apply_to_matrices()
    {
        var op = new MatMul(transposeA: true);
        // a stored [3, 2] and transposed to [2, 3]; b is a vector of length 3 -> result [2].
        using var a = Tensor.FromArray([1, 4, 2, 5, 3, 6], 3, 2);
        using var b = Tensor.FromArray([1, 0, -1], 3);
        var type = Assert.Single(op.InferOutputTypes([a.Type, b.Type]));
        Assert.Equal(new Shape(2), type.Shape);
        using var c = Tensor.Zeros(2);
        op.Execute([a, b], [c]);
        // [1 2 3; 4 5 6] x [1 0 -1] = [1 - 3, 4 - 6] = [-2, -2].
        Assert.Equal([-2f, -2], c.Floats.ToArray());
    }

    [Fact]
    public void Rejects_mismatched_inner_and_batch_dimensions()
    {
        var op = new MatMul();
        var inner = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes(
            [new TensorType(DType.Float32, new Shape(2, 3)), new TensorType(DType.Float32, new Shape(4, 2))]));
        Assert.Contains("[2, 3]", inner.Message);
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes(
            [new TensorType(DType.Float32, new Shape(2, 2, 3)), new TensorType(DType.Float32, new Shape(3, 3, 2))]));
    }
}
