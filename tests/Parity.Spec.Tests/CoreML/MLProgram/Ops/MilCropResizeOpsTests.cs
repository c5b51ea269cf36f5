using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// crop_resize on the 4 x 4 image x[r, c] = 4r + c + 1 of coremltools' own crop_resize tests; bilinear sampling of that
/// ramp gives 4y + x + 1 at any point inside the image, so every expected value below is that formula at the grid point.
/// </summary>
public class MilCropResizeOpsTests
{
    private static readonly float[] Ramp = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();

    [Fact]
    public void Ios16_boxes_with_an_image_index_pad_outside_points_with_pad_value()
    {
        // coremltools mil/ops/tests/iOS16/test_image_resizing.py: three normalized boxes (scaled by H-1 = W-1 = 3), ALIGN_CORNERS,
        // pad_value 10. Box 1: rows 0.3, 3.9 (outside), cols 0.9, 3.0 -> 3.1, 5.2, 10, 10. Box 2: rows 1.5, 3.0, cols 5.4 (outside),
        // 0.9 -> 10, 7.9, 10, 13.9. Box 3: rows 0, 1.8, cols 1.2, 2.1 -> 2.2, 3.1, 9.4, 10.3.
        var output = new MilTestProgram("CoreML6")
            .Input("x", DataType.Float32, 1, 1, 4, 4)
            .Op("crop_resize", "y", DataType.Float32, [3, 1, 1, 2, 2], ("x", "x"),
                ("roi", Floats([3, 1, 5, 1, 1], 0, 0.1f, 0.3f, 1.3f, 1, 0, 0.5f, 1.8f, 1, 0.3f, 0, 0, 0.4f, 0.6f, 0.7f)),
                ("target_height", Int(2)), ("target_width", Int(2)), ("normalized_coordinates", Bool(true)),
                ("box_coordinate_mode", String("CORNERS_HEIGHT_FIRST")), ("sampling_mode", String("ALIGN_CORNERS")), ("pad_value", Float(10)))
            .Output("y")
            .Run(new() { ["x"] = Data([1, 1, 4, 4], Ramp) });
        MilNormalizationOpsTests.AssertClose([3.1f, 5.2f, 10, 10, 10, 7.9f, 10, 13.9f, 2.2f, 3.1f, 9.4f, 10.3f], output["y"], 1e-4);
    }

    [Fact]
    public void Ios15_four_coordinate_boxes_crop_every_image_of_the_batch()
    {
        // Image 1 is image 0 plus 100. Box [1, 1, 2, 2], ALIGN_CORNERS 2 x 2: 6, 7, 10, 11 from image 0 and 106, 107, 110, 111
        // from image 1, in the output order [N = 1, B = 2, C = 1, 2, 2].
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 1, 4, 4)
            .Op("crop_resize", "y", DataType.Float32, [1, 2, 1, 2, 2], ("x", "x"), ("roi", Floats([1, 1, 4, 1, 1], 1, 1, 2, 2)),
                ("target_height", Int(2)), ("target_width", Int(2)), ("sampling_mode", String("ALIGN_CORNERS")))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 1, 4, 4], [.. Ramp, .. Ramp.Select(v => v + 100)]) });
        MilNormalizationOpsTests.AssertClose([6, 7, 10, 11, 106, 107, 110, 111], output["y"], 1e-5);
    }

    [Fact]
    public void Ios17_boxes_and_box_indices_drop_the_batch_axis()
    {
        // coremltools mil/ops/tests/iOS17/test_image_resizing.py, N = 1: box [1, 1, 2, 2] with the default box_indices [0] gives
        // 6, 7, 10, 11 as [1, 1, 2, 2]. A second program picks image 1 (= image 0 + 100) through box_indices.
        var first = new MilTestProgram("CoreML7")
            .Input("x", DataType.Float32, 1, 1, 4, 4)
            .Op("crop_resize", "y", DataType.Float32, [1, 1, 2, 2], ("x", "x"), ("boxes", Floats([1, 4], 1, 1, 2, 2)),
                ("target_height", Int(2)), ("target_width", Int(2)), ("sampling_mode", String("ALIGN_CORNERS")), ("pad_value", Float(10)))
            .Output("y")
            .Run(new() { ["x"] = Data([1, 1, 4, 4], Ramp) });
        MilNormalizationOpsTests.AssertClose([6, 7, 10, 11], first["y"], 1e-5);
        var second = new MilTestProgram("CoreML7")
            .Input("x", DataType.Float32, 2, 1, 4, 4)
            .Op("crop_resize", "y", DataType.Float32, [1, 1, 2, 2], ("x", "x"), ("boxes", Floats([1, 4], 1, 1, 2, 2)), ("box_indices", Ints(1)),
                ("target_height", Int(2)), ("target_width", Int(2)), ("sampling_mode", String("ALIGN_CORNERS")))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 1, 4, 4], [.. Ramp, .. Ramp.Select(v => v + 100)]) });
        MilNormalizationOpsTests.AssertClose([106, 107, 110, 111], second["y"], 1e-5);
    }

    [Fact]
    public void Default_sampling_is_the_upsample_grid()
    {
        // DEFAULT = UPSAMPLE_MODE: box [1, 2] has X = 2, N = 4 points at 1 + min(1, i/2) = 1, 1.5, 2, 2. Row 0 (y = 1): 6, 6.5, 7, 7.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1, 1, 4, 4)
            .Op("crop_resize", "y", DataType.Float32, [1, 1, 1, 1, 4], ("x", "x"), ("roi", Floats([1, 1, 4, 1, 1], 1, 1, 1, 2)),
                ("target_height", Int(1)), ("target_width", Int(4)))
            .Output("y")
            .Run(new() { ["x"] = Data([1, 1, 4, 4], Ramp) });
        MilNormalizationOpsTests.AssertClose([6, 6.5f, 7, 7], output["y"], 1e-5);
    }

    [Fact]
    public void Unalign_corners_is_reported_unsupported()
    {
        var model = new MilTestProgram()
            .Input("x", DataType.Float32, 1, 1, 4, 4)
            .Op("crop_resize", "y", DataType.Float32, [1, 1, 1, 2, 2], ("x", "x"), ("roi", Floats([1, 1, 4, 1, 1], 1, 1, 2, 2)),
                ("target_height", Int(2)), ("target_width", Int(2)), ("sampling_mode", String("UNALIGN_CORNERS")))
            .Output("x")
            .Read();
        var layer = Assert.Single(model.Unsupported);
        Assert.Equal(("y", "crop_resize"), (layer.Name, layer.Type));
        Assert.Contains("UNALIGN_CORNERS", layer.Reason);
    }
}
