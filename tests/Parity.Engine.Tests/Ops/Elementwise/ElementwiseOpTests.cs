using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Elementwise;

public class ElementwiseOpTests
{
    /// <summary>Infers the output types, allocates them, executes, and returns the outputs.</summary>
    private static Tensor[] Run(IOperator op, params Tensor[] inputs)
    {
        var types = op.InferOutputTypes([.. inputs.Select(t => t.Type)]);
        var outputs = types.Select(t => Tensor.Uninitialized(t.DType, t.Shape)).ToArray();
        op.Execute(inputs, outputs);
        return outputs;
    }

    [Fact]
    public void Binary_broadcasts_and_infers_the_result_shape()
    {
        // [[1, 2, 3], [4, 5, 6]] - [1, 1, 1] (a [3] row broadcast over both rows) = [[0, 1, 2], [3, 4, 5]].
        using var a = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        using var b = Tensor.FromArray([1, 1, 1], 3);
        var y = Run(new BinaryArithmetic(BinaryKind.Subtract), a, b)[0];
        Assert.Equal(new TensorType(DType.Float32, new Shape(2, 3)), y.Type);
        Assert.Equal([0f, 1, 2, 3, 4, 5], y.Floats.ToArray());
        Assert.Equal("Subtract", new BinaryArithmetic(BinaryKind.Subtract).Kind);
    }

    [Fact]
    public void Binary_rejects_shapes_that_do_not_broadcast_and_non_float_inputs()
    {
        var op = new BinaryArithmetic(BinaryKind.Add);
        var e = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(2, 3)), new TensorType(DType.Float32, new Shape(2))]));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[2]", e.Message);
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Int32, new Shape(2)), new TensorType(DType.Float32, new Shape(2))]));
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(2))]));
    }

    [Fact]
    public void Compare_produces_bool()
    {
        // [1, 2, 3] >= 2 -> [false, true, true].
        using var a = Tensor.FromArray([1, 2, 3], 3);
        using var b = Tensor.FromSpan<float>([2f], Shape.Scalar);
        var y = Run(new Compare(CompareKind.GreaterEqual), a, b)[0];
        Assert.Equal(DType.Bool, y.DType);
        Assert.Equal([0, 1, 1], y.Bytes.ToArray());
    }

    [Fact]
    public void Unary_and_clip()
    {
        // sqrt([4, 9]) = [2, 3]; clip([-5, 0.5, 5], 0, 1) = [0, 0.5, 1].
        using var x = Tensor.FromArray([4, 9], 2);
        Assert.Equal([2f, 3], Run(new UnaryMath(UnaryKind.Sqrt), x)[0].Floats.ToArray());
        using var c = Tensor.FromArray([-5, 0.5f, 5], 3);
        Assert.Equal([0f, 0.5f, 1], Run(new Clip(0, 1), c)[0].Floats.ToArray());
        Assert.Throws<ArgumentException>(() => new Clip(2, 1));
    }

    [Fact]
    public void Activation_applies_its_function()
    {
        // relu([-1, 2]) = [0, 2]; hard sigmoid Keras 2 at 1 = 0.2 + 0.5 = 0.7.
        using var x = Tensor.FromArray([-1, 2], 2);
        Assert.Equal([0f, 2], Run(new ElementwiseActivation(new Activation(ActivationKind.Relu)), x)[0].Floats.ToArray());
        using var one = Tensor.FromArray([1], 1);
        Assert.Equal(0.7f, Run(new ElementwiseActivation(new Activation(ActivationKind.HardSigmoid, 0.2f, 0.5f)), one)[0].Floats[0]);
        Assert.Equal("HardSigmoid", new ElementwiseActivation(new Activation(ActivationKind.HardSigmoid)).Kind);
    }

    [Fact]
    public void Softmax_along_an_axis_and_its_log()
    {
        // Columns of [[1, 1], [2, 3]] along axis 0: [1, 2] -> [0.26894142, 0.73105858]; [1, 3] -> [0.11920292, 0.88079708].
        using var x = Tensor.FromArray([1, 1, 2, 3], 2, 2);
        var y = Run(new AxisSoftmax(0), x)[0].Floats.ToArray();
        Assert.Equal(0.26894142f, y[0], 1e-7f);
        Assert.Equal(0.11920292f, y[1], 1e-7f);
        Assert.Equal(0.73105858f, y[2], 1e-7f);
        Assert.Equal(0.88079708f, y[3], 1e-7f);
        // log(0.26894142) = -1.31326169.
        Assert.Equal(-1.31326169f, Run(new AxisSoftmax(0, log: true), x)[0].Floats[0], 1e-6f);
        Assert.Throws<ShapeMismatchException>(() => new AxisSoftmax(2).InferOutputTypes([x.Type]));
    }

    [Fact]
    public void PRelu_per_channel_and_broadcast_alpha()
    {
        // NCHW [1, 2, 1, 1] with alphas [0.5, 0.25]: [-4, -4] -> [-2, -1].
        using var alpha = Tensor.FromArray([0.5f, 0.25f], 2);
        using var x = Tensor.FromArray([-4, -4], 1, 2, 1, 1);
        Assert.Equal([-2f, -1], Run(new ParametricRelu(alpha, Layout.Nchw), x)[0].Floats.ToArray());
        // Keras-style alpha [1, 2] (shared first axis) on [1, 3, 2]: alpha per last index.
        using var shared = Tensor.FromArray([0.5f, 0.25f], 1, 2);
        using var y = Tensor.FromArray([-4, -4, 1, -8, -2, 3], 1, 3, 2);
        Assert.Equal([-2f, -1, 1, -2, -1, 3], Run(new ParametricRelu(shared), y)[0].Floats.ToArray());
        Assert.Throws<ShapeMismatchException>(() => new ParametricRelu(alpha, Layout.Nhwc).InferOutputTypes([x.Type]));
    }
}
