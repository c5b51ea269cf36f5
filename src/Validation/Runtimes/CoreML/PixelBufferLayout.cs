using System.Runtime.InteropServices;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Features;

namespace Parity.Validation.Runtimes.CoreML;

/// <summary>
/// Writes an image tensor ([1, C, H, W] or [C, H, W] raw pixels 0..255 in the image's declared channel order, the
/// layout the managed Core ML reader takes) into CVPixelBuffer rows: 32BGRA for colour images (Core ML converts to
/// the declared RGB or BGR itself), OneComponent8 for grayscale, OneComponent16Half for GRAYSCALE_FLOAT16.
/// 8-bit pixels are rounded to nearest and clamped to 0..255.
/// </summary>
public static class PixelBufferLayout
{
    /// <summary>CoreVideo four-character pixel format codes.</summary>
    public const uint Bgra32 = 0x42475241; // 'BGRA'

    public const uint OneComponent8 = 0x4C303038; // 'L008'

    public const uint OneComponent16Half = 0x4C303068; // 'L00h'

    public static uint PixelFormatOf(ImageFormat image) => image.Color switch
    {
        ImageColor.Rgb or ImageColor.Bgr => Bgra32,
        ImageColor.Grayscale => OneComponent8,
        _ => OneComponent16Half,
    };

    /// <summary>Bytes one row of pixels needs at least (CoreVideo may pad rows further).</summary>
    public static int MinimumBytesPerRow(ImageFormat image) => image.Width * (PixelFormatOf(image) switch { Bgra32 => 4, OneComponent8 => 1, _ => 2 });

    /// <summary>Fills <paramref name="destination"/> (<paramref name="bytesPerRow"/> bytes per row, <see cref="ImageFormat.Height"/> rows) from <paramref name="image"/>.</summary>
    public static void Fill(Tensor image, ImageFormat format, Span<byte> destination, int bytesPerRow)
    {
        var dims = image.Shape.Dims;
        var expected = dims.Length == 4 ? dims[0] == 1 && dims[1] == format.Channels && dims[2] == format.Height && dims[3] == format.Width
            : dims.Length == 3 && dims[0] == format.Channels && dims[1] == format.Height && dims[2] == format.Width;
        if (!expected)
        {
            throw new ArgumentException($"An image of {format.Width}x{format.Height} {format.Color} takes a tensor [1, {format.Channels}, {format.Height}, {format.Width}], not {image.Shape}.");
        }
        if (bytesPerRow < MinimumBytesPerRow(format) || destination.Length < (long)bytesPerRow * (format.Height - 1) + MinimumBytesPerRow(format))
        {
            throw new ArgumentException($"A pixel buffer of {destination.Length} bytes with {bytesPerRow} bytes per row cannot hold a {format.Width}x{format.Height} {format.Color} image.");
        }
        using var floats = image.ToFloat32();
        var v = floats.Floats;
        var plane = format.Width * format.Height;
        for (var y = 0; y < format.Height; y++)
        {
            var row = destination.Slice(y * bytesPerRow);
            for (var x = 0; x < format.Width; x++)
            {
                var at = y * format.Width + x;
                switch (format.Color)
                {
                    case ImageColor.Rgb:
                        (row[4 * x], row[4 * x + 1], row[4 * x + 2]) = (Byte(v[2 * plane + at]), Byte(v[plane + at]), Byte(v[at]));
                        row[4 * x + 3] = 255;
                        break;
                    case ImageColor.Bgr:
                        (row[4 * x], row[4 * x + 1], row[4 * x + 2]) = (Byte(v[at]), Byte(v[plane + at]), Byte(v[2 * plane + at]));
                        row[4 * x + 3] = 255;
                        break;
                    case ImageColor.Grayscale:
                        row[x] = Byte(v[at]);
                        break;
                    default:
                        MemoryMarshal.Write(row.Slice(2 * x, 2), (Half)v[at]);
                        break;
                }
            }
        }
    }

    private static byte Byte(float value) => (byte)Math.Clamp(MathF.Round(value, MidpointRounding.ToEven), 0, 255);
}
