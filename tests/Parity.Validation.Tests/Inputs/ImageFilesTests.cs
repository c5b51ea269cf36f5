using Parity.Engine.Tensors;
using Parity.Validation.Inputs;
using Parity.Validation.Tests.Reference;

namespace Parity.Validation.Tests.Inputs;

public class ImageFilesTests
{
    [Fact]
    public void A_png_reads_as_the_pixels_NumPy_saved_for_it_in_the_input_layout()
    {
        // The MobileNetV2 case saved image.png and its pixels as image_rgb_uint8.npy ([224, 224, 3], from PIL).
        var folder = GeneratedCases.Folder("torch_mobilenet_v2");
        using var expected = Npy.Read(Path.Combine(folder, "image_rgb_uint8.npy"));
        using var expectedFloats = expected.ToFloat32();
        var hwc = expectedFloats.Floats.ToArray();

        using var chw = ImageFiles.Read(Path.Combine(folder, "image.png"), new Shape(1, 3, 224, 224));
        using var bgr = ImageFiles.Read(Path.Combine(folder, "image.png"), new Shape(224, 224, 3), bgr: true);

        var plane = 224 * 224;
        for (var p = 0; p < plane; p += 997)
        {
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(hwc[p * 3 + c], chw.Floats[c * plane + p]);
                Assert.Equal(hwc[p * 3 + c], bgr.Floats[p * 3 + 2 - c]);
            }
        }
    }

    [Fact]
    public void Bilinear_resize_uses_half_pixel_centres()
    {
        // One row (0, 10) widened to 4: output x samples source x' = (x + 0.5) * 2 / 4 - 0.5 = -0.25, 0.25, 0.75, 1.25,
        // clamped to [0, 1]: 0, 0.25*10, 0.75*10, 10.
        Assert.Equal([0, 2.5f, 7.5f, 10], ImageFiles.Bilinear([0, 10], 2, 1, 1, 4, 1));
    }

    [Fact]
    public void A_picture_of_another_size_is_refused_unless_resizing_is_asked_for()
    {
        var folder = GeneratedCases.Folder("torch_mobilenet_v2");
        var png = Path.Combine(folder, "image.png");

        var error = Assert.Throws<ArgumentException>(() => ImageFiles.Read(png, new Shape(1, 3, 32, 32)));
        Assert.Contains("224x224", error.Message);
        using var resized = ImageFiles.Read(png, new Shape(1, 3, 32, 32), resize: true);
        Assert.Equal(new Shape(1, 3, 32, 32), resized.Shape);
        Assert.Throws<ArgumentException>(() => ImageFiles.Read(png, new Shape(1, 7, 5)));
    }

    [Fact]
    public void A_file_that_is_not_a_picture_is_a_bad_input_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-not-a-picture-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);
        try
        {
            var error = Assert.Throws<ArgumentException>(() => ImageFiles.Read(path, new Shape(1, 3, 4, 4)));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
