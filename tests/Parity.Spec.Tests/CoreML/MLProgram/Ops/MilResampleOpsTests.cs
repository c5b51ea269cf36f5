using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>resample and affine on the 2 x 2 image [[1, 2], [3, 4]], every expected value worked out by hand.</summary>
public class MilResampleOpsTests
{
    private static readonly float[] Image = [1, 2, 3, 4];

    private static (string, object)[] Settings(string sampling, string padding, float padValue, string coordinates, bool alignCorners) =>
    [
        ("sampling_mode", String(sampling)), ("padding_mode", String(padding)), ("padding_value", Float(padValue)),
        ("coordinates_mode", String(coordinates)), ("align_corners", Bool(alignCorners)),
    ];

    private static float[] Resample(float[] points, params (string, object)[] settings) =>
        new MilTestProgram()
            .Input("x", DataType.Float32, 1, 1, 2, 2)
            .Op("resample", "y", DataType.Float32, [1, 1, 1, points.Length / 2],
                [("x", "x"), ("coordinates", Floats([1, 1, points.Length / 2, 2], points)), .. settings])
            .Output("y")
            .Run(new() { ["x"] = Data([1, 1, 2, 2], Image) })["y"];

    [Fact]
    public void Resample_maps_normalized_points_with_the_corner_convention()
    {
        // (0, 0) is the centre, position (0.5, 0.5): 2.5. Aligned corners: (-1, -1) is pixel (0, 0) = 1 and (1, -1) is
        // pixel (x = 1, y = 0) = 2. Unaligned: (-1, -1) is position (-0.5, -0.5), a quarter of pixel (0, 0) and three
        // quarters of padding 0: 0.25.
        Assert.Equal([2.5f, 1, 2], Resample([0, 0, -1, -1, 1, -1], Settings("bilinear", "constant", 0, "normalized_minus_one_to_one", true)));
        Assert.Equal([2.5f, 0.25f], Resample([0, 0, -1, -1], Settings("bilinear", "constant", 0, "normalized_minus_one_to_one", false)));
        // Unnormalized (x = 3, y = 0) is two pixels right of the last column: border gives pixel (1, 0) = 2, reflection
        // mirrors about it to column -1, i.e. column 1 again = 2, and symmetric to column 0 = 1; nearest rounds 0.5 to 0.
        Assert.Equal([2f], Resample([3, 0], Settings("bilinear", "border", 0, "unnormalized", false)));
        Assert.Equal([2f], Resample([3, 0], Settings("nearest", "reflection", 0, "unnormalized", false)));
        Assert.Equal([1f], Resample([3, 0], Settings("nearest", "symmetric", 0, "unnormalized", false)));
        Assert.Equal([1f], Resample([0.5f, 0], Settings("nearest", "border", 0, "unnormalized", false)));
    }

    [Fact]
    public void Affine_samples_the_grid_of_its_transform()
    {
        // Aligned corners on a 2 x 2 output: normalized x, y in {-1, 1}. Identity [1, 0, 0, 0, 1, 0] returns the image;
        // x + 1 ([1, 0, 1, 0, 1, 0]) moves the columns to positions 0.5 and 1.5: row 0 gives (1 + 2) / 2 = 1.5 and
        // half of pixel 2 plus half of padding 0 = 1; row 1 gives 3.5 and 2.
        float[] Affine(params float[] theta) => new MilTestProgram()
            .Input("x", DataType.Float32, 1, 1, 2, 2)
            .Op("affine", "y", DataType.Float32, [1, 1, 2, 2],
                [("x", "x"), ("transform_matrix", Floats([1, 6], theta)), ("output_height", Int(2)), ("output_width", Int(2)),
                 .. Settings("bilinear", "constant", 0, "normalized_minus_one_to_one", true)])
            .Output("y")
            .Run(new() { ["x"] = Data([1, 1, 2, 2], Image) })["y"];
        Assert.Equal(Image, Affine(1, 0, 0, 0, 1, 0));
        Assert.Equal([1.5f, 1, 3.5f, 2], Affine(1, 0, 1, 0, 1, 0));
    }

    [Fact]
    public void An_unknown_padding_mode_is_named()
    {
        var error = Assert.Throws<ModelFormatException>(() => Resample([0, 0], Settings("bilinear", "wrap", 0, "unnormalized", false)));
        Assert.Contains("padding_mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("'wrap'", error.Message, StringComparison.Ordinal);
    }
}
