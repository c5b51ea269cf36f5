using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Convolution;

public class Conv3DOpTests
{
    private static float[] Run(IOperator op, Tensor input)
    {
        var type = Assert.Single(op.InferOutputTypes([input.Type]));
        using var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([input], [output]);
        return output.Floats.ToArray();
    }

    [Fact]
    public void Conv3D_applies_bias_then_activation()
    {
        // x = 1..8 in a 2x2x2 cube. Channel 0: ones kernel, 36 - 40 = -4, clipped to 0 by ReLU; channel 1: its negation, -36 + 40 = 4.
        using var weights = Tensor.FromArray([.. Enumerable.Repeat(1f, 8), .. Enumerable.Repeat(-1f, 8)], 2, 1, 2, 2, 2);
        using var bias = Tensor.FromArray([-40, 40], 2);
        var op = new Conv3D(weights, bias, Conv3DAttributes.Default, new Activation(ActivationKind.Relu));
        using var input = Tensor.FromArray(Enumerable.Range(1, 8).Select(v => (float)v).ToArray(), 1, 1, 2, 2, 2);
        Assert.Equal(new Shape(1, 2, 1, 1, 1), op.InferOutputTypes([input.Type])[0].Shape);
        Assert.Equal([0f, 4f], Run(op, input));
    }

    [Fact]
    public void Conv3D_strides_and_asymmetric_pads_give_the_floor_formula_shape()
    {
        using var weights = Tensor.Zeros(4, 3, 3, 3, 3);
        var op = new Conv3D(weights, null, new Conv3DAttributes(2, 2, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0));
        // depth floor((16 + 0 + 1 - 3) / 2) + 1 = 8, height floor((15 + 2 - 3) / 2) + 1 = 8, width 15 + 1 - 3 + 1 = 14.
        Assert.Equal(new Shape(1, 4, 8, 8, 14), op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 3, 16, 15, 15))])[0].Shape);
    }

    [Fact]
    public void Conv3D_with_wrong_channel_count_or_rank_names_the_shapes()
    {
        using var weights = Tensor.Zeros(8, 2, 3, 3, 3);
        var op = new Conv3D(weights, null, Conv3DAttributes.Default with { Groups = 2 });
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 3, 4, 4, 4))]));
        Assert.Contains("[1, 3, 4, 4, 4]", error.Message);
        Assert.Contains("[8, 2, 3, 3, 3]", error.Message);
        var rank = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 4, 4, 4))]));
        Assert.Contains("rank-5", rank.Message);
    }

    [Fact]
    public void Conv3D_kernel_deeper_than_the_volume_is_a_shape_error()
    {
        using var weights = Tensor.Zeros(1, 1, 3, 1, 1);
        var op = new Conv3D(weights, null, Conv3DAttributes.Default);
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 1, 2, 4, 4))]));
        Assert.Contains("[1, 1, 2, 4, 4]", error.Message);
    }

    [Fact]
    public void ConvTranspose3D_infers_the_transposed_size_and_runs()
    {
        // x = [1, 2] along depth, kernel [1, 10] (weights [Cin, Cout, 2, 1, 1]), stride 2: [1, 10, 2, 20], plus output padding 1: a 0.
        using var weights = Tensor.FromArray([1, 10], 1, 1, 2, 1, 1);
        var op = new ConvTranspose3D(weights, null, Conv3DAttributes.Default with { StrideDepth = 2 }, outputPaddingDepth: 1);
        using var input = Tensor.FromArray([1, 2], 1, 1, 2, 1, 1);
        Assert.Equal(new Shape(1, 1, 5, 1, 1), op.InferOutputTypes([input.Type])[0].Shape);
        Assert.Equal([1f, 10f, 2f, 20f, 0f], Run(op, input));
    }

    [Fact]
    public void ConvTranspose3D_channel_mismatch_names_both_shapes()
    {
        using var weights = Tensor.Zeros(4, 2, 2, 2, 2);
        var op = new ConvTranspose3D(weights, null, Conv3DAttributes.Default);
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 3, 4, 4, 4))]));
        Assert.Contains("[1, 3, 4, 4, 4]", error.Message);
        Assert.Contains("[4, 2, 2, 2, 2]", error.Message);
    }
}
