using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class CropResizeTests
{
    /// <summary>The optimized kernel interpolates in float (rows, then a lerp); the reference in double. Bound relative to the largest input magnitude.</summary>
    private const double Tolerance = 2e-6;

    /// <summary>A crop-resize problem: random images, boxes partly outside the image, inverted or tiny, in every format and mode.</summary>
    public sealed record Problem(int B, int C, int H, int W, int Crops, CropResizeParameters Parameters, int Seed)
    {
        public float[] Input()
        {
            var random = new Random(Seed);
            return Enumerable.Range(0, B * C * H * W).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        }

        public float[] Boxes()
        {
            var random = new Random(Seed + 1);
            var extent = Parameters.NormalizedCoordinates ? 1.0 : Math.Max(H, W);
            return Enumerable.Range(0, Crops * 4).Select(_ => (float)((random.NextDouble() * 1.4 - 0.2) * extent)).ToArray();
        }

        public int[] Images()
        {
            var random = new Random(Seed + 2);
            return Enumerable.Range(0, Crops).Select(_ => random.Next(B)).ToArray();
        }

        public int OutputLength => Crops * C * Parameters.TargetHeight * Parameters.TargetWidth;
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from b in Gen.Choose(1, 3)
             from c in Gen.Choose(1, 4)
             from h in Gen.Choose(1, 7)
             from w in Gen.Choose(1, 7)
             from crops in Gen.Choose(1, 4)
             from outH in Gen.Choose(1, 9)
             from outW in Gen.Choose(1, 9)
             from sampling in Gen.Elements(Enum.GetValues<CropResizeSampling>())
             from format in Gen.Elements(Enum.GetValues<CropResizeBoxFormat>())
             from normalized in Gen.Elements(false, true)
             from scale in Gen.Elements(1f, 0.5f, 1.5f)
             from pad in Gen.Elements(0f, -3f)
             from seed in Gen.Choose(0, 1 << 20)
             select new Problem(b, c, h, w, crops, new CropResizeParameters(outH, outW, sampling, format, normalized, scale, pad), seed)).ToArbitrary();
    }

    private static void AssertClose(float[] expected, float[] actual, double magnitude)
    {
        Assert.Equal(expected.Length, actual.Length);
        var bound = Tolerance * Math.Max(1, magnitude);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"element {i}: reference {expected[i]}, kernel {actual[i]}");
    }

    private static void Compare(Problem p)
    {
        var (input, boxes, images) = (p.Input(), p.Boxes(), p.Images());
        var (expected, actual) = (new float[p.OutputLength], new float[p.OutputLength]);
        Ref.CropResize.Run(input, p.B, p.C, p.H, p.W, boxes, images, p.Parameters, expected);
        CropResize.Run(input, p.B, p.C, p.H, p.W, boxes, images, p.Parameters, actual);
        AssertClose(expected, actual, input.Max(MathF.Abs));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Kernel_matches_reference(Problem p) => Compare(p);

    [Fact]
    public void Large_crops_that_split_over_threads_match_reference()
    {
        Compare(new Problem(2, 16, 33, 29, 5, new CropResizeParameters(24, 31, CropResizeSampling.RoiAlign, SpatialScale: 0.5f), 7));
        Compare(new Problem(1, 8, 40, 40, 3, new CropResizeParameters(45, 37, CropResizeSampling.AlignEndpoints, NormalizedCoordinates: true, PadValue: 2), 9));
    }

    /// <summary>x[r, c] = 4r + c + 1 on a 4 x 4 image (the image of coremltools' crop_resize tests); bilinear sampling reproduces 4y + x + 1 exactly.</summary>
    private static readonly float[] Ramp = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();

    private static float[] Reference(float[] boxes, CropResizeParameters p)
    {
        var crops = boxes.Length / 4;
        var output = new float[crops * p.TargetHeight * p.TargetWidth];
        Ref.CropResize.Run(Ramp, 1, 1, 4, 4, boxes, new int[crops], p, output);
        return output;
    }

    private static void Near(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void Align_endpoints_matches_the_coremltools_crop_resize_test_values()
    {
        // coremltools mil/ops/tests/iOS14/test_image_resizing.py TestCropResize, sampling_mode "ALIGN_CORNERS":
        // box [1, 1, 2, 2] at 2 x 2 samples rows/cols 1, 2: 4 + 1 + 1 = 6, 7, 10, 11.
        Near([6, 7, 10, 11], Reference([1, 1, 2, 2], new(2, 2, CropResizeSampling.AlignEndpoints)));
        // At 4 x 4 the points are 1, 4/3, 5/3, 2: first row 6, 6.333, 6.667, 7; first column steps by 4/3.
        Near([6, 19 / 3f, 20 / 3f, 7, 22 / 3f, 23 / 3f, 8, 25 / 3f, 26 / 3f, 9, 28 / 3f, 29 / 3f, 10, 31 / 3f, 32 / 3f, 11],
            Reference([1, 1, 2, 2], new(4, 4, CropResizeSampling.AlignEndpoints)));
        // One point samples the middle (1.5, 1.5): 6 + 1.5 + 1 = 8.5.
        Near([8.5f], Reference([1, 1, 2, 2], new(1, 1, CropResizeSampling.AlignEndpoints)));
        // Normalized [0, 0, 1/3, 1/3] scales by H-1 = 3 to [0, 0, 1, 1]: 1, 2, 5, 6.
        Near([1, 2, 5, 6], Reference([0, 0, 1 / 3f, 1 / 3f], new(2, 2, CropResizeSampling.AlignEndpoints, NormalizedCoordinates: true)));
        // An inverted box [2, 2, 1, 1] runs backwards: 11, 10, 7, 6.
        Near([11, 10, 7, 6], Reference([2, 2, 1, 1], new(2, 2, CropResizeSampling.AlignEndpoints)));
    }

    [Fact]
    public void Points_outside_the_image_take_the_pad_value_as_in_the_coremltools_ios16_test()
    {
        // coremltools mil/ops/tests/iOS16/test_image_resizing.py: normalized boxes (x3) with pad_value 10.
        // Box 1 rows 0.3, 3.9 (outside), cols 0.9, 3.0: 1.2 + 0.9 + 1 = 3.1, 1.2 + 3 + 1 = 5.2, then pad.
        // Box 2 rows 1.5, 3.0, cols 5.4 (outside), 0.9: pad, 6 + 0.9 + 1 = 7.9, pad, 12 + 0.9 + 1 = 13.9.
        // Box 3 rows 0, 1.8, cols 1.2, 2.1: 2.2, 3.1, 7.2 + 1.2 + 1 = 9.4, 10.3.
        float[] boxes = [0.1f, 0.3f, 1.3f, 1f, 0.5f, 1.8f, 1f, 0.3f, 0f, 0.4f, 0.6f, 0.7f];
        Near([3.1f, 5.2f, 10, 10, 10, 7.9f, 10, 13.9f, 2.2f, 3.1f, 9.4f, 10.3f],
            Reference(boxes, new(2, 2, CropResizeSampling.AlignEndpoints, NormalizedCoordinates: true, PadValue: 10)));
    }

    [Fact]
    public void Strict_align_endpoints_samples_the_box_start_for_one_point()
    {
        // linspace(start, end, 1) = start: (1, 1) gives 6 where ALIGN_ENDPOINTS gives the middle (8.5).
        Near([6], Reference([1, 1, 2, 2], new(1, 1, CropResizeSampling.StrictAlignEndpoints)));
        // Rows -1 (outside: pad 0) and 3, columns 0 and 3: 0, 0, 13, 16.
        Near([0, 0, 13, 16], Reference([-1, 0, 3, 3], new(2, 2, CropResizeSampling.StrictAlignEndpoints)));
    }

    [Fact]
    public void Upsample_mode_spaces_points_by_X_over_N_and_clamps_at_the_box_end()
    {
        // Box [1, 2] has X - 1 = 1, X = 2; N = 4 gives offsets i * 2/4 = 0, 0.5, 1, 1.5 -> min(1, .) = 0, 0.5, 1, 1, so the
        // points are 1, 1.5, 2, 2 on both axes. Row 0 (y = 1): 6, 6.5, 7, 7; row 1 (y = 1.5): 8, 8.5, 9, 9; rows 2, 3 (y = 2): 10, 10.5, 11, 11.
        Near([6, 6.5f, 7, 7, 8, 8.5f, 9, 9, 10, 10.5f, 11, 11, 10, 10.5f, 11, 11], Reference([1, 1, 2, 2], new(4, 4, CropResizeSampling.Upsample)));
    }

    [Fact]
    public void Roi_align_mode_samples_bin_centres()
    {
        // Box [0, 3]: spacing max(1, 3)/2 = 1.5, points 0.75 and 2.25: 3 + 0.75 + 1 = 4.75, 6.25, 9 + 0.75 + 1 = 10.75, 12.25.
        Near([4.75f, 6.25f, 10.75f, 12.25f], Reference([0, 0, 3, 3], new(2, 2, CropResizeSampling.RoiAlign)));
        // A box shorter than a pixel, [1, 1.5]: spacing max(1, 0.5)/2 = 0.5, offsets 0.25, 0.75 -> min(0.5, .) = 0.25, 0.5:
        // points 1.25, 1.5. (1.25, 1.25): 5 + 1.25 + 1 = 7.25; (1.25, 1.5) 7.5; (1.5, 1.25) 8.25; (1.5, 1.5) 8.5.
        Near([7.25f, 7.5f, 8.25f, 8.5f], Reference([1, 1, 1.5f, 1.5f], new(2, 2, CropResizeSampling.RoiAlign)));
    }

    [Fact]
    public void Box_formats_and_spatial_scale_all_name_the_same_box()
    {
        // Rows 1..2, columns 0..1: 5, 6, 9, 10 (ALIGN_ENDPOINTS, 2 x 2).
        var align = new CropResizeParameters(2, 2, CropResizeSampling.AlignEndpoints);
        Near([5, 6, 9, 10], Reference([1, 0, 2, 1], align));
        Near([5, 6, 9, 10], Reference([0, 1, 1, 2], align with { BoxFormat = CropResizeBoxFormat.CornersWidthFirst }));
        Near([5, 6, 9, 10], Reference([1.5f, 0.5f, 1, 1], align with { BoxFormat = CropResizeBoxFormat.CenterSizeHeightFirst }));
        Near([5, 6, 9, 10], Reference([0.5f, 1.5f, 1, 1], align with { BoxFormat = CropResizeBoxFormat.CenterSizeWidthFirst }));
        Near([5, 6, 9, 10], Reference([2, 0, 4, 2], align with { SpatialScale = 0.5f }));
    }

    [Fact]
    public void A_box_with_a_nan_coordinate_samples_nothing_but_the_pad_value()
    {
        // NaN compares false with every bound, so no point of that axis is inside the image.
        var p = new CropResizeParameters(2, 2, CropResizeSampling.AlignEndpoints, PadValue: -1);
        var (expected, actual) = (new float[4], new float[4]);
        Ref.CropResize.Run(Ramp, 1, 1, 4, 4, [float.NaN, 0, 1, 1], [0], p, expected);
        CropResize.Run(Ramp, 1, 1, 4, 4, [float.NaN, 0, 1, 1], [0], p, actual);
        Assert.Equal([-1f, -1, -1, -1], expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_box_naming_an_image_outside_the_batch_is_refused()
    {
        var output = new float[1];
        Assert.Throws<ArgumentException>(() => CropResize.Run(Ramp, 1, 1, 4, 4, [0, 0, 1, 1], [1], new(1, 1, CropResizeSampling.AlignEndpoints), output));
    }
}
