using Parity.Engine.Tensors;
using Parity.Spec.Keras;
using static Parity.Spec.Tests.Keras.KerasOneLayerModel;

namespace Parity.Spec.Tests.Keras;

/// <summary>3-D pooling (and aliases), global 3-D pooling, ZeroPadding3D, Cropping3D and UpSampling3D as the Keras reader maps them.</summary>
public class KerasPooling3DTests
{
    [Theory]
    [InlineData("MaxPooling3D", 8f)]      // max(1..8)
    [InlineData("MaxPool3D", 8f)]
    [InlineData("AveragePooling3D", 4.5f)] // (1+...+8) / 8 = 36 / 8
    [InlineData("AvgPool3D", 4.5f)]
    public void Pooling_a_2x2x2_volume_with_a_2x2x2_window(string className, float expected)
    {
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6, 7, 8], 1, 2, 2, 2, 1);
        var (values, shape) = Run(className, """{"pool_size": [2, 2, 2], "padding": "valid"}""", x);
        Assert.Equal([1, 1, 1, 1, 1], shape);
        AssertClose([expected], values);
    }

    [Theory]
    // Depth 3, window 2, stride 2, "same": TF pads 1 after. Windows {1, 2} and {3, pad}; the average counts only real cells.
    [InlineData("MaxPooling3D", new[] { 2f, 3f })]
    [InlineData("AveragePooling3D", new[] { 1.5f, 3f })]
    public void Same_pooling_on_an_odd_depth_pads_after_and_averages_real_cells(string className, float[] expected)
    {
        // channels_first [1, 1, 3, 1, 1].
        using var x = Tensor.FromArray([1, 2, 3], 1, 1, 3, 1, 1);
        var (values, shape) = Run(className,
            """{"pool_size": [2, 1, 1], "strides": [2, 1, 1], "padding": "same", "data_format": "channels_first"}""", x);
        Assert.Equal([1, 1, 2, 1, 1], shape);
        AssertClose(expected, values);
    }

    [Fact]
    public void Channels_last_pooling_keeps_channels_apart()
    {
        // [1, 1, 1, 2, 2]: positions (c0, c1) = (1, 10), (3, 20); max over width -> (3, 20).
        using var x = Tensor.FromArray([1, 10, 3, 20], 1, 1, 1, 2, 2);
        var (values, shape) = Run("MaxPooling3D", """{"pool_size": [1, 1, 2]}""", x);
        Assert.Equal([1, 1, 1, 1, 2], shape);
        AssertClose([3, 20], values);
    }

    [Theory]
    [InlineData("GlobalAveragePooling3D", 4.5f)]
    [InlineData("GlobalAvgPool3D", 4.5f)]
    [InlineData("GlobalMaxPooling3D", 8f)]
    [InlineData("GlobalMaxPool3D", 8f)]
    public void Global_3d_pooling_keeps_dims_when_asked(string className, float expected)
    {
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6, 7, 8], 1, 2, 2, 2, 1);
        var (values, shape) = Run(className, """{"keepdims": true}""", x);
        Assert.Equal([1, 1, 1, 1, 1], shape);
        AssertClose([expected], values);
        var (_, flat) = Run(className, "{}", x);
        Assert.Equal([1, 1], flat);
    }

    [Fact]
    public void ZeroPadding3D_pads_each_side_as_given()
    {
        // One voxel 7 in [1, 1, 1, 1, 1]; ((1, 0), (0, 1), (0, 0)): depth gets a zero plane in front, height a zero row after.
        // [d][h]: d0 = [0, 0], d1 = [7, 0].
        using var x = Tensor.FromArray([7], 1, 1, 1, 1, 1);
        var (values, shape) = Run("ZeroPadding3D", """{"padding": [[1, 0], [0, 1], [0, 0]]}""", x);
        Assert.Equal([1, 2, 2, 1, 1], shape);
        AssertClose([0, 0, 7, 0], values);

        // channels_first pads axes 2..4; a single int pads every side.
        var (first, firstShape) = Run("ZeroPadding3D", """{"padding": 1, "data_format": "channels_first"}""", x);
        Assert.Equal([1, 1, 3, 3, 3], firstShape);
        Assert.Equal(7f, first[13]); // the centre of 3x3x3: 1*9 + 1*3 + 1
        Assert.Equal(7f, first.Sum());
    }

    [Fact]
    public void ZeroPadding3D_with_a_malformed_padding_names_the_option()
    {
        var e = Assert.Throws<ModelFormatException>(() => Read("ZeroPadding3D", """{"padding": [1, 2]}""", [1, 1, 1, 1, 1]));
        Assert.Contains("'padding'", e.Message);
    }

    [Fact]
    public void Cropping3D_removes_each_side_as_given()
    {
        // [1, 2, 2, 3, 1] holding 0..11 in (d, h, w) order; crop depth (1, 0), width (0, 2): d = 1, w = 0 -> 6, 9.
        using var x = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 1, 2, 2, 3, 1);
        var (values, shape) = Run("Cropping3D", """{"cropping": [[1, 0], [0, 0], [0, 2]]}""", x);
        Assert.Equal([1, 1, 2, 1, 1], shape);
        AssertClose([6, 9], values);
    }

    [Fact]
    public void UpSampling3D_repeats_every_voxel_per_axis()
    {
        // channels_last [1, 1, 1, 2, 1] = [1, 2], size (2, 1, 2): width [1, 1, 2, 2], then the depth plane twice.
        using var x = Tensor.FromArray([1, 2], 1, 1, 1, 2, 1);
        var (values, shape) = Run("UpSampling3D", """{"size": [2, 1, 2]}""", x);
        Assert.Equal([1, 2, 1, 4, 1], shape);
        AssertClose([1, 1, 2, 2, 1, 1, 2, 2], values);

        // channels_first [1, 2, 1, 1, 1]: two channels 1 and 2, size (1, 2, 1) -> each channel's height doubled.
        var (first, firstShape) = Run("UpSampling3D", """{"size": [1, 2, 1], "data_format": "channels_first"}""", x.Reshape(new Shape(1, 2, 1, 1, 1)));
        Assert.Equal([1, 2, 1, 2, 1], firstShape);
        AssertClose([1, 1, 2, 2], first);
    }
}
