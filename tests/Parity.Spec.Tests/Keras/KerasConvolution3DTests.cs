using Parity.Engine.Tensors;
using Parity.Spec.Keras;
using static Parity.Spec.Tests.Keras.KerasOneLayerModel;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// Conv3D, Conv3DTranspose, Conv1DTranspose and Conv2DTranspose as the Keras reader maps them (kernel layouts, data_format,
/// TensorFlow's padding and transposed output lengths), on hand-computed cases; the engine kernels have their own tests.
/// </summary>
public class KerasConvolution3DTests
{
    [Fact]
    public void Conv3D_valid_2x2x2_kernel_sums_the_whole_volume()
    {
        // x = 1..8 in a 2x2x2 single-channel volume, kernel all ones: 1+2+...+8 = 36, plus bias 0.5.
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6, 7, 8], 1, 2, 2, 2, 1);
        using var kernel = Tensor.FromArray(Enumerable.Repeat(1f, 8).ToArray(), 2, 2, 2, 1, 1);
        using var bias = Tensor.FromArray([0.5f], 1);
        var (values, shape) = Run("Conv3D", """{"filters": 1, "kernel_size": [2, 2, 2], "padding": "valid"}""", x, [kernel, bias]);
        Assert.Equal([1, 1, 1, 1, 1], shape);
        AssertClose([36.5f], values);
    }

    [Fact]
    public void Conv3D_same_on_an_odd_depth_puts_the_extra_pad_at_the_back()
    {
        // Depth 3, kernel 2 on depth (1 on height/width), stride 2, "same": out = ceil(3 / 2) = 2,
        // pad total = (2 - 1) * 2 + 2 - 3 = 1, all of it after (TensorFlow). x = [1, 2, 3], k = [10, 100]:
        // out[0] = 1*10 + 2*100 = 210, out[1] = 3*10 + (pad 0)*100 = 30. A pad in front would give 0*10 + 1*100 = 100 first.
        using var x = Tensor.FromArray([1, 2, 3], 1, 3, 1, 1, 1);
        using var kernel = Tensor.FromArray([10, 100], 2, 1, 1, 1, 1);
        var (values, shape) = Run("Conv3D",
            """{"filters": 1, "kernel_size": [2, 1, 1], "strides": [2, 1, 1], "padding": "same", "use_bias": false}""", x, [kernel]);
        Assert.Equal([1, 2, 1, 1, 1], shape);
        AssertClose([210, 30], values);
    }

    [Fact]
    public void Conv3D_channels_first_reads_channels_from_axis_1()
    {
        // NCDHW [1, 2, 1, 1, 2]: channel 0 = [1, 2], channel 1 = [10, 20]; a 1x1x1 kernel [C_in=2, C_out=1] = [2, 3]:
        // out = 2 * c0 + 3 * c1 = [2 + 30, 4 + 60] = [32, 64].
        using var x = Tensor.FromArray([1, 2, 10, 20], 1, 2, 1, 1, 2);
        using var kernel = Tensor.FromArray([2, 3], 1, 1, 1, 2, 1);
        var (values, shape) = Run("Conv3D",
            """{"filters": 1, "kernel_size": [1, 1, 1], "data_format": "channels_first", "use_bias": false}""", x, [kernel]);
        Assert.Equal([1, 1, 1, 1, 2], shape);
        AssertClose([32, 64], values);

        // The same numbers channels_last: [1, 1, 1, 2, 2] holds (c0, c1) per position.
        using var last = Tensor.FromArray([1, 10, 2, 20], 1, 1, 1, 2, 2);
        var (lastValues, lastShape) = Run("Conv3D", """{"filters": 1, "kernel_size": [1, 1, 1], "use_bias": false}""", last, [kernel]);
        Assert.Equal([1, 1, 1, 2, 1], lastShape);
        AssertClose([32, 64], lastValues);
    }

    [Fact]
    public void Conv3D_with_an_unknown_data_format_names_the_option()
    {
        using var kernel = Tensor.Zeros(1, 1, 1, 1, 1);
        var e = Assert.Throws<ModelFormatException>(() => Read("Conv3D",
            """{"filters": 1, "kernel_size": [1, 1, 1], "data_format": "channels_middle", "use_bias": false}""", [1, 2, 2, 2, 1], [kernel]));
        Assert.Contains("layer 'layer' (Conv3D)", e.Message);
        Assert.Contains("data_format", e.Message);
    }

    [Fact]
    public void Conv3DTranspose_same_crops_the_full_result_like_tensorflow()
    {
        // Depth 2, kernel 3, stride 2, "same": Keras asks for 2 * 2 = 4. The full transposed result has (2 - 1) * 2 + 3 = 5
        // cells: x0 = 1 adds [1, 10, 100] at 0..2 and x1 = 2 adds [2, 20, 200] at 2..4 -> [1, 10, 102, 20, 200];
        // TF's pad total 5 - 4 = 1 goes after, so the output is [1, 10, 102, 20] plus bias 1.
        // Kernel layout [KD, KH, KW, C_out, C_in].
        using var x = Tensor.FromArray([1, 2], 1, 2, 1, 1, 1);
        using var kernel = Tensor.FromArray([1, 10, 100], 3, 1, 1, 1, 1);
        using var bias = Tensor.FromArray([1f], 1);
        var (values, shape) = Run("Conv3DTranspose",
            """{"filters": 1, "kernel_size": [3, 1, 1], "strides": [2, 1, 1], "padding": "same"}""", x, [kernel, bias]);
        Assert.Equal([1, 4, 1, 1, 1], shape);
        AssertClose([2, 11, 103, 21], values);
    }

    [Fact]
    public void Conv3DTranspose_valid_with_kernel_smaller_than_stride_keeps_input_times_stride_cells()
    {
        // Width 2, kernel 1, stride 2, "valid": Keras asks for 2 * 2 + max(1 - 2, 0) = 4 cells; the full result
        // (2 - 1) * 2 + 1 = 3 cells is [5 * 1, 0, 5 * 2] and the 4th cell no input reaches; bias 1 everywhere -> [6, 1, 11, 1].
        // channels_first: [N, C, D, H, W] = [1, 1, 1, 1, 2].
        using var x = Tensor.FromArray([1, 2], 1, 1, 1, 1, 2);
        using var kernel = Tensor.FromArray([5], 1, 1, 1, 1, 1);
        using var bias = Tensor.FromArray([1f], 1);
        var (values, shape) = Run("Conv3DTranspose",
            """{"filters": 1, "kernel_size": [1, 1, 1], "strides": [1, 1, 2], "padding": "valid", "data_format": "channels_first"}""", x, [kernel, bias]);
        Assert.Equal([1, 1, 1, 1, 4], shape);
        AssertClose([6, 1, 11, 1], values);
    }

    [Fact]
    public void Keras_3_Conv3DTranspose_spreads_a_dilated_kernel()
    {
        // Keras 3 passes dilation_rate: depth 2, kernel [1, 10] dilated by 2 (taps at offsets 0 and 2), stride 1, "valid":
        // length (2 - 1) * 1 + max(3, 1) = 4. x0 = 1 adds 1 at 0 and 10 at 2; x1 = 2 adds 2 at 1 and 20 at 3 -> [1, 2, 10, 20].
        using var x = Tensor.FromArray([1, 2], 1, 2, 1, 1, 1);
        using var kernel = Tensor.FromArray([1, 10], 2, 1, 1, 1, 1);
        var (values, shape) = Run("Conv3DTranspose",
            """{"filters": 1, "kernel_size": [2, 1, 1], "dilation_rate": [2, 1, 1], "padding": "valid", "use_bias": false}""", x, [kernel], kerasVersion: "3.3.3");
        Assert.Equal([1, 4, 1, 1, 1], shape);
        AssertClose([1, 2, 10, 20], values);
    }

    [Fact]
    public void Conv3DTranspose_with_causal_padding_is_refused_by_name()
    {
        using var kernel = Tensor.Zeros(1, 1, 1, 1, 1);
        var e = Assert.Throws<ModelFormatException>(() => Read("Conv3DTranspose",
            """{"filters": 1, "kernel_size": [1, 1, 1], "padding": "causal", "use_bias": false}""", [1, 2, 2, 2, 1], [kernel]));
        Assert.Contains("Conv3DTranspose", e.Message);
        Assert.Contains("causal", e.Message);
    }

    [Theory]
    // Length 2, kernel [1, 10, 100], stride 2, "same"; full result [1, 10, 102, 20, 200] as above.
    // output_padding 0: Keras asks for (2 - 1) * 2 + 3 - 2 * (3 / 2) + 0 = 3; TF pads 5 - 3 = 2 -> one each side: [10, 102, 20].
    [InlineData(0, new[] { 10f, 102f, 20f })]
    // output_padding 1: 4 cells; pad 1, after -> [1, 10, 102, 20].
    [InlineData(1, new[] { 1f, 10f, 102f, 20f })]
    public void Conv1DTranspose_output_padding_sets_the_length_tensorflow_crops_to(int outputPadding, float[] expected)
    {
        using var x = Tensor.FromArray([1, 2], 1, 2, 1);
        using var kernel = Tensor.FromArray([1, 10, 100], 3, 1, 1);
        var (values, shape) = Run("Conv1DTranspose",
            $$"""{"filters": 1, "kernel_size": [3], "strides": [2], "padding": "same", "output_padding": [{{outputPadding}}], "use_bias": false}""", x, [kernel]);
        Assert.Equal([1, expected.Length, 1], shape);
        AssertClose(expected, values);
    }

    [Fact]
    public void Conv1DTranspose_channels_first_maps_two_input_channels()
    {
        // [N, C, L] = [1, 2, 2]: c0 = [1, 2], c1 = [3, 4]; kernel [K=1, C_out=1, C_in=2] = [1, 10]; stride 1 valid:
        // out = c0 + 10 * c1 = [31, 42].
        using var x = Tensor.FromArray([1, 2, 3, 4], 1, 2, 2);
        using var kernel = Tensor.FromArray([1, 10], 1, 1, 2);
        var (values, shape) = Run("Conv1DTranspose",
            """{"filters": 1, "kernel_size": [1], "data_format": "channels_first", "use_bias": false}""", x, [kernel]);
        Assert.Equal([1, 1, 2], shape);
        AssertClose([31, 42], values);
    }

    [Fact]
    public void Conv2DTranspose_valid_with_kernel_smaller_than_stride_has_keras_output_width()
    {
        // Width 2, 1x1 kernel [3], strides (1, 2), "valid": Keras's width 2 * 2 + max(1 - 2, 0) = 4 -> [3, 0, 6, 0] + bias 0.5.
        using var x = Tensor.FromArray([1, 2], 1, 1, 2, 1);
        using var kernel = Tensor.FromArray([3], 1, 1, 1, 1);
        using var bias = Tensor.FromArray([0.5f], 1);
        var (values, shape) = Run("Conv2DTranspose",
            """{"filters": 1, "kernel_size": [1, 1], "strides": [1, 2], "padding": "valid"}""", x, [kernel, bias]);
        Assert.Equal([1, 1, 4, 1], shape);
        AssertClose([3.5f, 0.5f, 6.5f, 0.5f], values);
    }
}
