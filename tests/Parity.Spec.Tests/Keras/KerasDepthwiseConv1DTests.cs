using Parity.Engine.Tensors;
using Parity.Spec.Keras;
using static Parity.Spec.Tests.Keras.KerasOneLayerModel;

namespace Parity.Spec.Tests.Keras;

/// <summary>DepthwiseConv1D and SeparableConv1D as the Keras reader maps them onto 2-D convolutions over a unit height axis.</summary>
public class KerasDepthwiseConv1DTests
{
    // [1, 3 steps, 2 channels]: c0 = [1, 2, 3], c1 = [10, 20, 30]; depthwise kernel [K=2, C=2, multiplier=1]:
    // c0 taps [1, 1], c1 taps [1, -1] (stored k-major: k0 = (1, 1), k1 = (1, -1)).
    private static Tensor Input() => Tensor.FromArray([1, 10, 2, 20, 3, 30], 1, 3, 2);

    private static Tensor Depthwise() => Tensor.FromArray([1, 1, 1, -1], 2, 2, 1);

    [Fact]
    public void DepthwiseConv1D_filters_each_channel_with_its_own_taps()
    {
        // valid: c0 = [1 + 2, 2 + 3] = [3, 5], c1 = [10 - 20, 20 - 30] = [-10, -10]; bias [0.5, 1].
        using var x = Input();
        using var kernel = Depthwise();
        using var bias = Tensor.FromArray([0.5f, 1], 2);
        var (values, shape) = Run("DepthwiseConv1D", """{"kernel_size": [2], "depth_multiplier": 1, "padding": "valid"}""", x, [kernel, bias]);
        Assert.Equal([1, 2, 2], shape);
        AssertClose([3.5f, -9, 5.5f, -9], values);
    }

    [Fact]
    public void SeparableConv1D_mixes_the_depthwise_channels_pointwise()
    {
        // Depthwise as above, pointwise [1, 2, 1] = [1, 1]: [3 - 10, 5 - 10] = [-7, -5], bias 0.5.
        using var x = Input();
        using var depthwise = Depthwise();
        using var pointwise = Tensor.FromArray([1, 1], 1, 2, 1);
        using var bias = Tensor.FromArray([0.5f], 1);
        var (values, shape) = Run("SeparableConv1D", """{"filters": 1, "kernel_size": [2], "padding": "valid"}""", x, [depthwise, pointwise, bias]);
        Assert.Equal([1, 2, 1], shape);
        AssertClose([-6.5f, -4.5f], values);

        // "causal" pads one step before: c0 windows [0, 1], [1, 2], [2, 3] -> [1, 3, 5]; c1 [0 - 10, 10 - 20, 20 - 30] = -10 each;
        // summed [-9, -7, -5] plus 0.5.
        var (causal, causalShape) = Run("SeparableConv1D", """{"filters": 1, "kernel_size": [2], "padding": "causal"}""", x, [depthwise, pointwise, bias]);
        Assert.Equal([1, 3, 1], causalShape);
        AssertClose([-8.5f, -6.5f, -4.5f], causal);
    }

    [Fact]
    public void SeparableConv1D_channels_first_reads_steps_from_the_last_axis()
    {
        // The same input as [1, 2 channels, 3 steps].
        using var x = Tensor.FromArray([1, 2, 3, 10, 20, 30], 1, 2, 3);
        using var depthwise = Depthwise();
        using var pointwise = Tensor.FromArray([1, 1], 1, 2, 1);
        var (values, shape) = Run("SeparableConv1D",
            """{"filters": 1, "kernel_size": [2], "data_format": "channels_first", "use_bias": false}""", x, [depthwise, pointwise]);
        Assert.Equal([1, 1, 2], shape);
        AssertClose([-7, -5], values);
    }

    [Fact]
    public void SeparableConv1D_with_a_pointwise_kernel_of_the_wrong_shape_names_it()
    {
        using var depthwise = Depthwise();
        using var pointwise = Tensor.Zeros(1, 3, 1);
        var e = Assert.Throws<ModelFormatException>(() => Read("SeparableConv1D", """{"filters": 1, "kernel_size": [2], "use_bias": false}""", [1, 3, 2], [depthwise, pointwise]));
        Assert.Contains("pointwise kernel", e.Message);
    }
}
