using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.Convolution;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Convolution;

public class ConvOpTests
{
    private static float[] Run(IOperator op, Tensor input)
    {
        var type = Assert.Single(op.InferOutputTypes([input.Type]));
        using var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([input], [output]);
        return output.Floats.ToArray();
    }

    [Fact]
    public void Conv2D_NHWC_infers_shape_and_applies_bias_then_activation()
    {
        // 3x3 input 1..9. Channel 0 kernel [[1, 0], [0, -1]]: x(oy, ox) - x(oy+1, ox+1) = -4 everywhere, + bias 5 = 1, kept by ReLU.
        // Channel 1 kernel is its negation: 4, + bias -5 = -1, clipped to 0 by ReLU. Weights [KH, KW, Cin, Cout] interleave the two.
        using var weights = Tensor.FromArray([1, -1, 0, 0, 0, 0, -1, 1], 2, 2, 1, 2);
        using var bias = Tensor.FromArray([5, -5], 2);
        var op = new Conv2D(Layout.Nhwc, weights, bias, Conv2DAttributes.Default, new Activation(ActivationKind.Relu));
        using var input = Tensor.FromArray(Enumerable.Range(1, 9).Select(v => (float)v).ToArray(), 1, 3, 3, 1);
        Assert.Equal(new Shape(1, 2, 2, 2), op.InferOutputTypes([input.Type])[0].Shape);
        Assert.Equal([1f, 0, 1, 0, 1, 0, 1, 0], Run(op, input));
    }

    [Fact]
    public void Conv2D_NCHW_stride_and_pads_give_the_floor_formula_shape()
    {
        using var weights = Tensor.Zeros(8, 3, 3, 3);
        var op = new Conv2D(Layout.Nchw, weights, null, new Conv2DAttributes(2, 2, 1, 1, 1, 0, 1, 0, 1));
        // floor((224 + 0 + 1 - 3) / 2) + 1 = 112.
        Assert.Equal(new Shape(1, 8, 112, 112), op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 3, 224, 224))])[0].Shape);
    }

    [Fact]
    public void Conv2D_with_wrong_channel_count_names_both_shapes()
    {
        using var weights = Tensor.Zeros(3, 3, 4, 16);
        var op = new Conv2D(Layout.Nhwc, weights, null, Conv2DAttributes.Default);
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 8, 8, 3))]));
        Assert.Contains("[1, 8, 8, 3]", error.Message);
        Assert.Contains("[3, 3, 4, 16]", error.Message);
    }

    [Fact]
    public void Conv2D_depthwise_NCHW_infers_multiplied_channels()
    {
        using var weights = Tensor.Zeros(6, 1, 3, 3);
        var op = new Conv2D(Layout.Nchw, weights, null, Conv2DAttributes.Default with { Groups = 3, PadTop = 1, PadBottom = 1, PadLeft = 1, PadRight = 1 });
        Assert.Equal(new Shape(2, 6, 5, 7), op.InferOutputTypes([new TensorType(DType.Float32, new Shape(2, 3, 5, 7))])[0].Shape);
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(2, 4, 5, 7))]));
        Assert.Contains("[2, 4, 5, 7]", error.Message);
    }

    [Fact]
    public void Conv2D_rejects_inputs_of_the_wrong_rank_and_a_kernel_larger_than_the_input()
    {
        using var weights = Tensor.Zeros(5, 5, 1, 1);
        var op = new Conv2D(Layout.Nhwc, weights, null, Conv2DAttributes.Default);
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(4, 4, 1))]));
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 4, 4, 1))]));
        Assert.Contains("[5, 5, 1, 1]", error.Message);
    }

    [Fact]
    public void Constructors_reject_bad_attributes_and_bias()
    {
        using var weights = Tensor.Zeros(3, 3, 2, 4);
        using var bias = Tensor.Zeros(3);
        Assert.Throws<ArgumentException>(() => new Conv2D(Layout.Nhwc, weights, bias, Conv2DAttributes.Default));
        Assert.Throws<ArgumentException>(() => new Conv2D(Layout.Nhwc, weights, null, default));
        Assert.Throws<ArgumentException>(() => new ConvTranspose2D(Layout.Nhwc, weights, null, Conv2DAttributes.Default, outputPaddingHeight: -1));
    }

    [Fact]
    public void ConvTranspose2D_NCHW_doubles_the_size_with_stride_2()
    {
        // x = [[1, 2], [3, 4]], w = [[1, 10], [100, 1000]], stride 2: each pixel writes x * w into its own 2x2 block.
        using var weights = Tensor.FromArray([1, 10, 100, 1000], 1, 1, 2, 2);
        var op = new ConvTranspose2D(Layout.Nchw, weights, null, Conv2DAttributes.Default with { StrideHeight = 2, StrideWidth = 2 });
        using var input = Tensor.FromArray([1, 2, 3, 4], 1, 1, 2, 2);
        Assert.Equal(new Shape(1, 1, 4, 4), op.InferOutputTypes([input.Type])[0].Shape);
        Assert.Equal([1f, 10, 2, 20, 100, 1000, 200, 2000, 3, 30, 4, 40, 300, 3000, 400, 4000], Run(op, input));
    }

    [Fact]
    public void ConvTranspose2D_NHWC_output_channels_come_from_weights_and_groups()
    {
        // Keras Conv2DTranspose weights [KH, KW, Cout/groups, Cin] = [3, 3, 5, 4], 2 groups: Cout = 10.
        using var weights = Tensor.Zeros(3, 3, 5, 4);
        var op = new ConvTranspose2D(Layout.Nhwc, weights, null, Conv2DAttributes.Default with { Groups = 2, StrideHeight = 2, StrideWidth = 2 }, 1, 1);
        // (6-1)*2 + 2 + 1 + 1 = 14.
        Assert.Equal(new Shape(1, 14, 14, 10), op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 6, 6, 4))])[0].Shape);
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 6, 6, 3))]));
        Assert.Contains("[1, 6, 6, 3]", error.Message);
        Assert.Contains("[3, 3, 5, 4]", error.Message);
    }

    [Fact]
    public void Conv1D_NWC_runs_a_moving_sum()
    {
        // Width 4 input 1..4, one channel, kernel [1, 1] with left pad 1: (0+1), (1+2), (2+3), (3+4).
        using var weights = Tensor.FromArray([1, 1], 2, 1, 1);
        var op = new Conv1D(Layout.Nhwc, weights, null, padLeft: 1);
        using var input = Tensor.FromArray([1, 2, 3, 4], 1, 4, 1);
        Assert.Equal([1f, 3, 5, 7], Run(op, input));
        var error = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 4, 2))]));
        Assert.Contains("[1, 4, 2]", error.Message);
        Assert.Contains("[2, 1, 1]", error.Message);
    }
}
