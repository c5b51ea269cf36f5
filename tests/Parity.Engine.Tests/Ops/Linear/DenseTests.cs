using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.Linear;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Linear;

public class DenseTests
{
    [Fact]
    public void Computes_x_times_W_plus_bias_then_the_activation()
    {
        using var weights = Tensor.FromArray([1, -1, 2, 0, 0, 3], 3, 2);
        using var bias = Tensor.FromArray([0.5f, -10], 2);
        var op = new Dense(weights, bias, new Activation(ActivationKind.Relu));
        using var x = Tensor.FromArray([1, 2, 3, -1, 0, 1], 2, 3);
        var type = Assert.Single(op.InferOutputTypes([x.Type]));
        Assert.Equal(new Shape(2, 2), type.Shape);
        using var y = Tensor.Uninitialized(DType.Float32, type.Shape);
        op.Execute([x], [y]);
        // Row [1 2 3]: [1*1 + 2*2 + 3*0, 1*-1 + 2*0 + 3*3] + [0.5, -10] = [5.5, -2] -> relu [5.5, 0].
        // Row [-1 0 1]: [-1 + 0 + 0, 1 + 0 + 3] + [0.5, -10] = [-0.5, -6] -> relu [0, 0].
        Assert.Equal([5.5f, 0, 0, 0], y.Floats.ToArray());
    }

    [Fact]
    public void Keeps_leading_axes_and_works_without_bias()
    {
        using var weights = Tensor.FromArray([2, 3], 2, 1);
        var op = new Dense(weights);
        using var x = Tensor.FromArray([1, 1, 2, 0, 0, 1], 1, 3, 2);
        var type = Assert.Single(op.InferOutputTypes([x.Type]));
        Assert.Equal(new Shape(1, 3, 1), type.Shape);
        using var y = Tensor.Uninitialized(DType.Float32, type.Shape);
        op.Execute([x], [y]);
        // [1 1]·[2 3] = 5, [2 0]·[2 3] = 4, [0 1]·[2 3] = 3.
        Assert.Equal([5f, 4, 3], y.Floats.ToArray());
    }

    [Fact]
    public void Rejects_inputs_whose_last_axis_is_not_the_input_units()
    {
        using var weights = Tensor.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        var op = new Dense(weights);
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(4, 2))]));
        Assert.Contains("[..., 3]", error.Message);
    }
}
