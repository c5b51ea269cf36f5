using Parity.Engine.Graph;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.DataMovement;

public class GatherAlongAxisOpTests
{
    [Fact]
    public void Takes_along_the_axis_with_negative_indices_counting_from_the_end()
    {
        // x = [[1, 2, 3], [4, 5, 6]]; axis 0 indices [[1, 0, -1]] -> [[x10, x01, x12]] = [[4, 2, 6]].
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        using var indices = Tensor.FromSpan<int>([1, 0, -1], new Shape(1, 3));
        var op = new GatherAlongAxisOp(0);
        var type = op.InferOutputTypes([x.Type, indices.Type]).Single();
        Assert.Equal(new Shape(1, 3), type.Shape);
        using var y = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([x, indices], [y]);
        Assert.Equal([4f, 2, 6], y.Floats.ToArray());
    }

    [Fact]
    public void Rejects_indices_whose_other_axes_differ_and_out_of_range_indices()
    {
        var op = new GatherAlongAxisOp(1);
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(2, 3)), new TensorType(DType.Int32, new Shape(3, 3))]));
        using var x = Tensor.FromArray([1, 2], 1, 2);
        using var indices = Tensor.FromSpan<int>([2], new Shape(1, 1));
        using var y = Tensor.Uninitialized(DType.Float32, new Shape(1, 1));
        Assert.Throws<ArgumentException>(() => op.Execute([x, indices], [y]));
    }
}
