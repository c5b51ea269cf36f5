using Parity.Engine.Tensors;
using Parity.Spec.Keras;
using static Parity.Spec.Tests.Keras.KerasOneLayerModel;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// Rescaling, Normalization, CenterCrop and Resizing, UnitNormalization and GroupNormalization on hand-computed cases
/// following tf-keras and Keras 3 on TensorFlow (tf.image.resize with half-pixel centers).
/// </summary>
public class KerasPreprocessingLayerTests
{
    [Fact]
    public void Rescaling_multiplies_then_adds()
    {
        // scale 1/127.5, offset -1 maps [0, 127.5, 255] to [-1, 0, 1].
        using var x = Tensor.FromArray([0, 127.5f, 255], 1, 3);
        var (values, _) = Run("Rescaling", """{"scale": 0.00784313725490196, "offset": -1.0}""", x);
        AssertClose([-1, 0, 1], values);
    }

    [Fact]
    public void Rescaling_casts_integer_pixels_to_float_first()
    {
        // A uint8 image input (an int32 tensor in the engine): [0, 51, 255] / 255 = [0, 0.2, 1].
        using var x = Tensor.FromSpan<int>(new[] { 0, 51, 255 }, new Shape(1, 3));
        var file = File("Rescaling", """{"scale": 0.00392156862745098, "offset": 0.0}""", [1, 3], [], inputDType: "uint8");
        var (values, _) = Run(file, x);
        AssertClose([0, 0.2f, 1], values);
    }

    [Fact]
    public void Keras_3_resizing_of_integer_images_is_named_unsupported()
    {
        // Keras 3 rounds and saturates the resized values back to the input's integer type; Parity does not.
        var file = File("Resizing", """{"height": 2, "width": 2}""", [1, 4, 4, 1], [], kerasVersion: "3.3.3", inputDType: "uint8");
        var e = Assert.Throws<UnsupportedLayerException>(() => KerasGraphReader.Read(file));
        Assert.Contains("rounds", e.Message);
    }

    [Fact]
    public void Rescaling_takes_a_per_channel_numpy_scale_from_keras_3()
    {
        // Keras 3 serializes a NumPy scale as {"class_name": "__numpy__", "config": {"value": [...]}}; [1, 2] * [10, 100] = [10, 200].
        using var x = Tensor.FromArray([1, 2], 1, 1, 2);
        var (values, _) = Run("Rescaling",
            """{"scale": {"class_name": "__numpy__", "config": {"value": [10.0, 100.0], "dtype": "float32"}}, "offset": 0.0}""", x, kerasVersion: "3.3.3");
        AssertClose([10, 200], values);
    }

    [Fact]
    public void Normalization_divides_by_the_floored_standard_deviation_of_its_adapted_weights()
    {
        // axis -1, mean [0, 4, 0.5], variance [4, 9, 0]: (1 - 0) / 2 = 0.5, (10 - 4) / 3 = 2, and (1 - 0.5) / max(sqrt(0), 1e-7) = 5e6.
        using var x = Tensor.FromArray([1, 10, 1], 1, 3);
        using var mean = Tensor.FromArray([0, 4, 0.5f], 3);
        using var variance = Tensor.FromArray([4, 9, 0], 3);
        using var count = Tensor.FromArray([0f]);
        var (values, _) = Run("Normalization", """{"axis": [-1], "mean": null, "variance": null, "invert": false}""", x, [mean, variance, count]);
        AssertClose([0.5f, 2, 0.5f / 1e-7f], values);

        // invert: mean + x * max(sqrt(variance), 1e-7): 0 + 0.5 * 2 = 1, 4 + 2 * 3 = 10, 0.5 + 1 * 1e-7.
        using var normalized = Tensor.FromArray([0.5f, 2, 1], 1, 3);
        var (inverted, _) = Run("Normalization", """{"axis": [-1], "invert": true}""", normalized, [mean, variance, count]);
        AssertClose([1, 10, 0.5f + 1e-7f], inverted);
    }

    [Fact]
    public void Normalization_broadcasts_config_values_over_the_kept_axes()
    {
        // axis null keeps no axis: one scalar mean 2 and variance 4 for every value: (x - 2) / 2.
        using var x = Tensor.FromArray([2, 4, 6, 8], 1, 2, 2);
        var (scalar, _) = Run("Normalization", """{"axis": null, "mean": 2.0, "variance": 4.0}""", x);
        AssertClose([0, 1, 2, 3], scalar);

        // axis [1] keeps the rows: mean [0, 4], variance [1, 16] -> row 0 (x - 0) / 1, row 1 (x - 4) / 4.
        var (rows, _) = Run("Normalization", """{"axis": [1], "mean": [0.0, 4.0], "variance": [1.0, 16.0]}""", x);
        AssertClose([2, 4, 0.5f, 1], rows);
    }

    [Fact]
    public void Normalization_with_a_mean_of_the_wrong_shape_names_it()
    {
        var e = Assert.Throws<ModelFormatException>(() => Read("Normalization",
            """{"axis": [-1], "mean": [1.0, 2.0, 3.0], "variance": [1.0, 1.0, 1.0]}""", [1, 2]));
        Assert.Contains("'mean'", e.Message);
    }

    [Fact]
    public void CenterCrop_starts_at_half_the_difference_rounded_down()
    {
        // [1, 4, 5, 1] with x[h, w] = 10h + w, target 2x2: start row (4 - 2) / 2 = 1, column int((5 - 2) / 2) = 1.
        using var x = Image(4, 5);
        var (values, shape) = Run("CenterCrop", """{"height": 2, "width": 2}""", x);
        Assert.Equal([1, 2, 2, 1], shape);
        AssertClose([11, 12, 21, 22], values);
    }

    [Fact]
    public void CenterCrop_channels_first_crops_axes_2_and_3()
    {
        using var x = Image(4, 5);
        var (values, shape) = Run("CenterCrop", """{"height": 2, "width": 2, "data_format": "channels_first"}""", x.Reshape(new Shape(1, 1, 4, 5)), kerasVersion: "3.3.3");
        Assert.Equal([1, 1, 2, 2], shape);
        AssertClose([11, 12, 21, 22], values);
    }

    [Fact]
    public void CenterCrop_of_a_smaller_image_resizes_it_bilinearly()
    {
        // 1x2 image [0, 4] to 1x4: crop height floor(2 * 1 / 4) = 0 -> at least 1 = 1, width floor(1 * 4 / 1) = 4 -> at most 2:
        // no crop. Half-pixel source columns (dst + 0.5) * 2 / 4 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped to [0, 1]:
        // 0, 0.25 * 4 = 1, 0.75 * 4 = 3, 4.
        using var x = Tensor.FromArray([0, 4], 1, 1, 2, 1);
        var (values, shape) = Run("CenterCrop", """{"height": 1, "width": 4}""", x);
        Assert.Equal([1, 1, 4, 1], shape);
        AssertClose([0, 1, 3, 4], values);
    }

    [Theory]
    // Upscale 2 -> 4 bilinear: as in the CenterCrop case, [0, 1, 3, 4].
    [InlineData("bilinear", new[] { 0f, 4f }, 4, new[] { 0f, 1f, 3f, 4f })]
    // Nearest 2 -> 4: input floor((dst + 0.5) * 2 / 4) = floor(0.25, 0.75, 1.25, 1.75) = 0, 0, 1, 1.
    [InlineData("nearest", new[] { 0f, 4f }, 4, new[] { 0f, 0f, 4f, 4f })]
    // Nearest 3 -> 2: floor((dst + 0.5) * 3 / 2) = floor(0.75, 2.25) = 0, 2 (TF1's asymmetric floor(dst * 1.5) would give 0, 1).
    [InlineData("nearest", new[] { 1f, 2f, 3f }, 2, new[] { 1f, 3f })]
    // Bilinear 4 -> 2: sources (dst + 0.5) * 2 - 0.5 = 0.5, 2.5 -> (1 + 2) / 2, (3 + 4) / 2.
    [InlineData("bilinear", new[] { 1f, 2f, 3f, 4f }, 2, new[] { 1.5f, 3.5f })]
    public void Resizing_follows_tf_image_resize_with_half_pixel_centers(string interpolation, float[] row, int width, float[] expected)
    {
        using var x = Tensor.FromArray(row, 1, 1, row.Length, 1);
        var (values, shape) = Run("Resizing", $$"""{"height": 1, "width": {{width}}, "interpolation": "{{interpolation}}", "crop_to_aspect_ratio": false}""", x);
        Assert.Equal([1, 1, width, 1], shape);
        AssertClose(expected, values);
    }

    [Fact]
    public void Resizing_crop_to_aspect_ratio_takes_the_centred_window_first()
    {
        // [1, 2, 4, 1] (x = 10h + w) to 2x2: crop height min(floor(4 * 2 / 2), 2) = 2, width floor(2 * 2 / 2) = 2 starting at
        // column (4 - 2) / 2 = 1; the 2x2 window resized to 2x2 is itself: [1, 2, 11, 12].
        using var x = Image(2, 4);
        var (values, shape) = Run("Resizing", """{"height": 2, "width": 2, "crop_to_aspect_ratio": true}""", x);
        Assert.Equal([1, 2, 2, 1], shape);
        AssertClose([1, 2, 11, 12], values);
    }

    [Fact]
    public void Resizing_channels_first_resizes_axes_2_and_3()
    {
        // Keras 3 [1, 2, 1, 2]: channel 0 = [0, 4], channel 1 = [8, 8]; bilinear to width 4 -> [0, 1, 3, 4] and [8, 8, 8, 8].
        using var x = Tensor.FromArray([0, 4, 8, 8], 1, 2, 1, 2);
        var (values, shape) = Run("Resizing", """{"height": 1, "width": 4, "data_format": "channels_first"}""", x, kerasVersion: "3.3.3");
        Assert.Equal([1, 2, 1, 4], shape);
        AssertClose([0, 1, 3, 4, 8, 8, 8, 8], values);
    }

    [Theory]
    [InlineData("""{"height": 2, "width": 2, "interpolation": "bicubic"}""", "bicubic")]
    [InlineData("""{"height": 2, "width": 2, "pad_to_aspect_ratio": true}""", "pad_to_aspect_ratio")]
    public void Resizing_options_parity_does_not_execute_are_named(string config, string option)
    {
        var e = Assert.Throws<UnsupportedLayerException>(() => Read("Resizing", config, [1, 2, 2, 1]));
        Assert.Equal("layer", e.Layer.Name);
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public void UnitNormalization_floors_differently_in_tf_keras_and_keras_3()
    {
        // [3, 4] / 5 = [0.6, 0.8] in both.
        using var x = Tensor.FromArray([3, 4], 1, 2);
        AssertClose([0.6f, 0.8f], Run("UnitNormalization", """{"axis": -1}""", x).Values);
        // [1e-7, 0]: sum of squares 1e-14. tf.math.l2_normalize floors it at 1e-12: 1e-7 / sqrt(1e-12) = 0.1;
        // Keras 3 floors the norm 1e-7 at 1e-12, i.e. not at all: 1e-7 / 1e-7 = 1.
        using var tiny = Tensor.FromArray([1e-7f, 0], 1, 2);
        AssertClose([0.1f, 0], Run("UnitNormalization", """{"axis": -1}""", tiny).Values, 1e-4f);
        AssertClose([1, 0], Run("UnitNormalization", """{"axis": -1}""", tiny, kerasVersion: "3.3.3").Values, 1e-4f);
    }

    [Fact]
    public void UnitNormalization_over_non_adjacent_axes_is_named_unsupported()
    {
        var e = Assert.Throws<UnsupportedLayerException>(() => Read("UnitNormalization", """{"axis": [1, 3]}""", [1, 2, 2, 2]));
        Assert.Contains("non-adjacent", e.Message);
    }

    [Fact]
    public void GroupNormalization_normalizes_each_group_over_positions_and_its_channels()
    {
        // channels_last [1, 2 positions, 4 channels], 2 groups, epsilon 0. Positions p0 = [0, 2, 1, 1], p1 = [0, 2, 5, 5].
        // Group 0 (channels 0, 1) holds {0, 2, 0, 2}: mean 1, variance 1 -> [-1, 1] at both positions.
        // Group 1 (channels 2, 3) holds {1, 1, 5, 5}: mean 3, variance 4 -> -1 at p0, +1 at p1.
        // gamma [1, 2, 3, 4], beta [0, 0, 0, 10]: p0 = [-1, 2, -3, -4 + 10], p1 = [-1, 2, 3, 4 + 10].
        using var x = Tensor.FromArray([0, 2, 1, 1, 0, 2, 5, 5], 1, 2, 4);
        using var gamma = Tensor.FromArray([1, 2, 3, 4], 4);
        using var beta = Tensor.FromArray([0, 0, 0, 10], 4);
        var (values, _) = Run("GroupNormalization", """{"groups": 2, "axis": -1, "epsilon": 0.0}""", x, [gamma, beta]);
        AssertClose([-1, 2, -3, 6, -1, 2, 3, 14], values);

        // The same numbers channels first ([1, 4 channels, 2 positions], axis 1).
        using var first = Tensor.FromArray([0, 0, 2, 2, 1, 5, 1, 5], 1, 4, 2);
        var (firstValues, _) = Run("GroupNormalization", """{"groups": 2, "axis": 1, "epsilon": 0.0}""", first, [gamma, beta]);
        AssertClose([-1, -1, 2, 2, -3, 3, 6, 14], firstValues);
    }

    [Fact]
    public void GroupNormalization_with_groups_that_do_not_divide_the_channels_names_groups()
    {
        var e = Assert.Throws<ModelFormatException>(() => Read("GroupNormalization", """{"groups": 3, "center": false, "scale": false}""", [1, 2, 4]));
        Assert.Contains("'groups'", e.Message);
    }

    private static Tensor Image(int height, int width) =>
        Tensor.FromArray(Enumerable.Range(0, height * width).Select(i => (float)(10 * (i / width) + i % width)).ToArray(), 1, height, width, 1);
}
