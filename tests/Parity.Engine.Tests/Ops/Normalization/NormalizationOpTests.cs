using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Ops.Normalization;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Normalization;

public class NormalizationOpTests
{
    private static float[] Run(IOperator op, Tensor input)
    {
        var type = op.InferOutputTypes([input.Type])[0];
        Assert.Equal(input.Type, type);
        using var output = Tensor.Uninitialized(type.DType, type.Shape);
        op.Execute([input], [output]);
        return output.Floats.ToArray();
    }

    [Fact]
    public void BatchNormalization_applies_per_channel_constants()
    {
        // NHWC [1, 1, 2, 2]; channel 0: (x - 1)/sqrt(3 + 1)·2 + 0 ; channel 1: (x - 0)/sqrt(0 + 1)·1 + 10.
        // Pixels (5, 1) and (3, -1) -> (4/2·2, 11) = (4, 11) and (2/2·2, 9) = (2, 9).
        using var x = Tensor.FromArray([5, 1, 3, -1], 1, 1, 2, 2);
        using var mean = Tensor.FromArray([1, 0], 2);
        using var variance = Tensor.FromArray([3, 0], 2);
        using var gamma = Tensor.FromArray([2, 1], 2);
        using var beta = Tensor.FromArray([0, 10], 2);
        var op = new BatchNormalization(-1, mean, variance, gamma, beta, 1f);
        Assert.Equal([4f, 11f, 2f, 9f], Run(op, x));
    }

    [Fact]
    public void BatchNormalization_rejects_constants_of_the_wrong_length()
    {
        using var mean = Tensor.FromArray([0, 0, 0], 3);
        var op = new BatchNormalization(1, mean, mean, null, null, 1e-3f);
        var ex = Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 2, 4, 4))]));
        Assert.Contains("2 channels", ex.Message);
    }

    [Fact]
    public void LayerNormalization_normalizes_the_last_axis()
    {
        // Rows [1, 3] and [2, 2]: (x - 2)/sqrt(1 + 0) = [-1, 1]; a constant row has var 0 -> 0/sqrt(ε) = 0.
        using var x = Tensor.FromArray([1, 3, 2, 2], 2, 2);
        var y = Run(new LayerNormalization([-1], null, null, 0f), x);
        Assert.Equal([-1f, 1f], y[..2]);
        Assert.True(float.IsNaN(y[2]), "0/0 with ε = 0 stays undefined");
        Assert.Throws<ShapeMismatchException>(() => new LayerNormalization([0, 2], null, null, 1e-3f).InferOutputTypes([new TensorType(DType.Float32, new Shape(2, 3, 4))]));
    }

    [Fact]
    public void InstanceNormalization_uses_the_requested_epsilon_placement()
    {
        // NCHW [1, 1, 1, 2] holding [0, 2]: mean 1, var 1, ε 0.5 -> ∓1/sqrt(1.5) (Core ML) or ∓1/1.5 (keras_contrib).
        using var x = Tensor.FromArray([0, 2], 1, 1, 1, 2);
        var coreMl = Run(new InstanceNormalization(Layout.Nchw, null, null, 0.5f, EpsilonPlacement.AddToVariance), x);
        Assert.Equal(1 / MathF.Sqrt(1.5f), coreMl[1], 6);
        var kerasContrib = Run(new InstanceNormalization(Layout.Nchw, null, null, 0.5f, EpsilonPlacement.AddToStandardDeviation), x);
        Assert.Equal(1 / 1.5f, kerasContrib[1], 6);
    }

    [Fact]
    public void L2Normalization_divides_by_the_norm()
    {
        // [3, 4] / 5.
        using var x = Tensor.FromArray([3, 4], 1, 2);
        Assert.Equal([0.6f, 0.8f], Run(new L2Normalization([-1], 1e-12f, L2NormEpsilon.FloorSumOfSquares), x), (e, v) => Math.Abs(e - v) < 1e-6);
    }

    [Fact]
    public void LocalResponseNormalization_matches_the_hand_case()
    {
        // NCHW [1, 3, 1, 1] channels [1, 2, 3], Core ML size 3, alpha 3, beta 1, k 1: [1/6, 2/15, 3/14].
        using var x = Tensor.FromArray([1, 2, 3], 1, 3, 1, 1);
        var y = Run(new LocalResponseNormalization(1, LrnParameters.CoreML(3, 3, 1, 1)), x);
        Assert.Equal([1 / 6f, 2 / 15f, 3 / 14f], y, (e, v) => Math.Abs(e - v) < 1e-6);
    }

    [Fact]
    public void MeanVarianceNormalization_subtracts_plane_means()
    {
        // [C=2, H=1, W=2] = [[1, 3], [10, 30]] without variance normalization: [-1, 1, -10, 10].
        using var x = Tensor.FromArray([1, 3, 10, 30], 2, 1, 2);
        Assert.Equal([-1f, 1f, -10f, 10f], Run(new MeanVarianceNormalization(false, false, 1e-6f, EpsilonPlacement.AddToStandardDeviation), x));
        Assert.Throws<ShapeMismatchException>(() => new MeanVarianceNormalization(true, true, 1e-6f, EpsilonPlacement.AddToVariance)
            .InferOutputTypes([new TensorType(DType.Float32, new Shape(4, 4))]));
    }
}
