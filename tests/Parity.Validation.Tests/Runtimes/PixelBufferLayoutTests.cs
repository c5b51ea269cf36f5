using System.Runtime.InteropServices;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Features;
using Parity.Validation.Runtimes.CoreML;

namespace Parity.Validation.Tests.Runtimes;

public class PixelBufferLayoutTests
{
    // A 2x1 colour image [1, 3, 1, 2]: channel planes c0 = {10, 20}, c1 = {30, 40}, c2 = {50, 60}.
    private static Tensor TwoPixels() => Tensor.FromArray([10, 20, 30, 40, 50, 60], 1, 3, 1, 2);

    [Fact]
    public void Rgb_tensors_become_bgra_pixels()
    {
        using var image = TwoPixels();
        var rows = new byte[12];
        PixelBufferLayout.Fill(image, new ImageFormat(2, 1, ImageColor.Rgb), rows, 12);
        // RGB: pixel 0 is R=10, G=30, B=50, written B, G, R, A.
        Assert.Equal([50, 30, 10, 255, 60, 40, 20, 255, 0, 0, 0, 0], rows);
    }

    [Fact]
    public void Bgr_tensors_keep_channel_zero_as_blue()
    {
        using var image = TwoPixels();
        var rows = new byte[8];
        PixelBufferLayout.Fill(image, new ImageFormat(2, 1, ImageColor.Bgr), rows, 8);
        // BGR: pixel 0 is B=10, G=30, R=50.
        Assert.Equal([10, 30, 50, 255, 20, 40, 60, 255], rows);
    }

    [Fact]
    public void Grayscale_rows_honour_padding_and_pixels_round_and_clamp()
    {
        // [1, 1, 2, 2]: 0.5 rounds to even 0, 1.5 to 2, -3 clamps to 0, 300 clamps to 255.
        using var image = Tensor.FromArray([0.5f, 1.5f, -3, 300], 1, 1, 2, 2);
        var rows = new byte[2 * 4];
        PixelBufferLayout.Fill(image, new ImageFormat(2, 2, ImageColor.Grayscale), rows, 4);
        Assert.Equal([0, 2, 0, 0, 0, 255, 0, 0], rows);
    }

    [Fact]
    public void Float16_grayscale_keeps_fractions()
    {
        using var image = Tensor.FromArray([0.25f, 128.5f], 1, 2);
        using var planar = image.Reshape(new Shape(1, 1, 1, 2));
        var rows = new byte[4];
        PixelBufferLayout.Fill(planar, new ImageFormat(2, 1, ImageColor.GrayscaleFloat16), rows, 4);
        Assert.Equal([(Half)0.25, (Half)128.5], MemoryMarshal.Cast<byte, Half>(rows).ToArray());
    }

    [Fact]
    public void Pixel_formats_are_the_corevideo_four_character_codes()
    {
        // 'B' 'G' 'R' 'A' = 0x42 0x47 0x52 0x41; 'L' '0' '0' '8' = 0x4C 0x30 0x30 0x38.
        Assert.Equal(0x42475241u, PixelBufferLayout.PixelFormatOf(new ImageFormat(1, 1, ImageColor.Rgb)));
        Assert.Equal(0x4C303038u, PixelBufferLayout.PixelFormatOf(new ImageFormat(1, 1, ImageColor.Grayscale)));
        Assert.Equal(8, PixelBufferLayout.MinimumBytesPerRow(new ImageFormat(2, 1, ImageColor.Bgr)));
    }

    [Fact]
    public void A_tensor_of_the_wrong_shape_or_a_short_buffer_is_refused()
    {
        using var image = TwoPixels();
        var e = Assert.Throws<ArgumentException>(() => PixelBufferLayout.Fill(image, new ImageFormat(1, 2, ImageColor.Rgb), new byte[8], 4));
        Assert.Contains("[1, 3, 2, 1]", e.Message);
        Assert.Throws<ArgumentException>(() => PixelBufferLayout.Fill(image, new ImageFormat(2, 1, ImageColor.Rgb), new byte[7], 8));
    }
}
