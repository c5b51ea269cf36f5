using Parity.Engine.Tensors;
using StbImageSharp;

namespace Parity.Validation.Inputs;

/// <summary>
/// Reads a PNG/JPEG/BMP/TGA/GIF picture into the raw pixel tensor an image input takes: values 0..255 as float32, laid
/// out like the input (channels first [1, C, H, W] / [C, H, W] or channels last [1, H, W, C] / [H, W, C]), in the
/// input's channel order. A picture of another size is an error unless resizing is asked for: a silent resize would
/// check the model on an input the user did not give.
/// </summary>
public static class ImageFiles
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".tga", ".gif"];

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <param name="target">The input's shape; it fixes the layout, the size and the channel count (1 = grey, 3 = colour).</param>
    /// <param name="bgr">The input takes channels in B, G, R order (a Core ML image input declared BGR).</param>
    /// <param name="resize">Resize a picture of another size to the input's size (bilinear).</param>
    public static Tensor Read(string path, Shape target, bool bgr = false, bool resize = false)
    {
        var layout = ImageLayout.Of(target)
            ?? throw new ArgumentException($"Image '{path}' cannot feed an input of shape {target}: expected [1, C, H, W], [C, H, W], [1, H, W, C] or [H, W, C] with C = 1 or 3.");
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(File.ReadAllBytes(path), layout.Channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ArgumentException($"Image '{path}' could not be decoded: {e.Message}", e);
        }
        var pixels = image.Data.Select(b => (float)b).ToArray();
        if (image.Width != layout.Width || image.Height != layout.Height)
        {
            if (!resize)
            {
                throw new ArgumentException($"Image '{path}' is {image.Width}x{image.Height}, but the input takes {layout.Width}x{layout.Height} (shape {target}); resize it or ask for a resize (--resize).");
            }
            pixels = Bilinear(pixels, image.Width, image.Height, layout.Channels, layout.Width, layout.Height);
        }
        return Tensor.FromSpan<float>(layout.Arrange(pixels, bgr), target);
    }

    /// <summary>Half-pixel-centre bilinear resampling of interleaved pixels (the convention of PIL and OpenCV's INTER_LINEAR).</summary>
    public static float[] Bilinear(float[] pixels, int width, int height, int channels, int newWidth, int newHeight)
    {
        var result = new float[newWidth * newHeight * channels];
        for (var y = 0; y < newHeight; y++)
        {
            var sy = Math.Clamp((y + 0.5) * height / newHeight - 0.5, 0, height - 1);
            var (y0, fy) = ((int)sy, sy - (int)sy);
            var y1 = Math.Min(y0 + 1, height - 1);
            for (var x = 0; x < newWidth; x++)
            {
                var sx = Math.Clamp((x + 0.5) * width / newWidth - 0.5, 0, width - 1);
                var (x0, fx) = ((int)sx, sx - (int)sx);
                var x1 = Math.Min(x0 + 1, width - 1);
                for (var c = 0; c < channels; c++)
                {
                    double At(int yy, int xx) => pixels[(yy * width + xx) * channels + c];
                    var top = At(y0, x0) * (1 - fx) + At(y0, x1) * fx;
                    var bottom = At(y1, x0) * (1 - fx) + At(y1, x1) * fx;
                    result[(y * newWidth + x) * channels + c] = (float)(top * (1 - fy) + bottom * fy);
                }
            }
        }
        return result;
    }

    /// <summary>Where height, width and channels sit in an image input's shape.</summary>
    private sealed record ImageLayout(bool ChannelsFirst, int Channels, int Height, int Width)
    {
        public static ImageLayout? Of(Shape shape)
        {
            var dims = shape.Dims;
            if (dims.Length == 4 && dims[0] != 1) return null;
            var d = dims.Length == 4 ? dims[1..] : dims;
            if (d.Length != 3) return null;
            if (d[0] is 1 or 3) return new ImageLayout(true, d[0], d[1], d[2]);
            if (d[2] is 1 or 3) return new ImageLayout(false, d[2], d[0], d[1]);
            return null;
        }

        /// <summary>Interleaved RGB (or grey) rows into this layout, channels reversed for a BGR input.</summary>
        public float[] Arrange(float[] interleaved, bool bgr)
        {
            var plane = Height * Width;
            var result = new float[interleaved.Length];
            for (var p = 0; p < plane; p++)
            {
                for (var c = 0; c < Channels; c++)
                {
                    var from = p * Channels + (bgr ? Channels - 1 - c : c);
                    result[ChannelsFirst ? c * plane + p : p * Channels + c] = interleaved[from];
                }
            }
            return result;
        }
    }
}
