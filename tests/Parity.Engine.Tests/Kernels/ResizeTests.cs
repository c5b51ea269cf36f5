using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class ResizeTests
{
    /// <summary>Bilinear results may differ from the double-precision reference by this much relative to the largest input magnitude.</summary>
    private const double BilinearTolerance = 1e-6;

    /// <summary>A resize problem; with <paramref name="Batched"/> false the batch axis is dropped (rank 3, Core ML's [C, H, W]).</summary>
    public sealed record Problem(int N, int C, int H, int W, int OutH, int OutW, ResizeParameters Parameters, int Seed, bool Batched = true)
    {
        public int[] Shape => (Parameters.Layout == Layout.Nchw ? new[] { N, C, H, W } : [N, H, W, C])[(Batched ? 0 : 1)..];

        public float[] Input()
        {
            var random = new Random(Seed);
            return Enumerable.Range(0, N * C * H * W).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        }
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from n in Gen.Choose(1, 2)
             from c in Gen.Choose(1, 5)
             from h in Gen.Choose(1, 6)
             from w in Gen.Choose(1, 6)
             from outH in Gen.Choose(1, 13)
             from outW in Gen.Choose(1, 13)
             from layout in Gen.Elements(Layout.Nhwc, Layout.Nchw)
             from coordinates in Gen.Elements(Enum.GetValues<ResizeCoordinates>())
             from rounding in Gen.Elements(Enum.GetValues<NearestRounding>())
             from scaled in Gen.Elements(false, false, true)
             from seed in Gen.Choose(0, 1 << 20)
             from batched in Gen.Elements(true, true, false)
             let parameters = new ResizeParameters(layout, coordinates, rounding,
                 scaled ? outH / (double)h + 0.125 : null, scaled ? outW / (double)w - 0.0625 : null)
             select new Problem(batched ? n : 1, c, h, w, outH, outW, parameters, seed, batched)).ToArbitrary();
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Nearest_equals_reference_exactly(Problem p)
    {
        var input = p.Input();
        var count = p.N * p.C * p.OutH * p.OutW;
        var (expected, actual) = (new float[count], new float[count]);
        Ref.Resize.Nearest<float>(input, p.Shape, p.OutH, p.OutW, p.Parameters, expected);
        Resize.Nearest<float>(input, p.Shape, p.OutH, p.OutW, p.Parameters, actual);
        Assert.Equal(expected, actual);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(Arbitraries)])]
    public void Bilinear_matches_reference_within_tolerance(Problem p)
    {
        var input = p.Input();
        var count = p.N * p.C * p.OutH * p.OutW;
        var (expected, actual) = (new float[count], new float[count]);
        Ref.Resize.Bilinear(input, p.Shape, p.OutH, p.OutW, p.Parameters, expected);
        Resize.Bilinear(input, p.Shape, p.OutH, p.OutW, p.Parameters, actual);
        AssertClose(expected, actual, input.Max(MathF.Abs));
    }

    [Fact]
    public void Large_bilinear_upsample_matches_reference_in_both_layouts()
    {
        foreach (var layout in new[] { Layout.Nhwc, Layout.Nchw })
        {
            var p = new Problem(1, 8, 37, 41, 111, 97, new ResizeParameters(layout, ResizeCoordinates.HalfPixel), 42);
            var input = p.Input();
            var count = p.N * p.C * p.OutH * p.OutW;
            var (expected, actual) = (new float[count], new float[count]);
            Ref.Resize.Bilinear(input, p.Shape, p.OutH, p.OutW, p.Parameters, expected);
            Resize.Bilinear(input, p.Shape, p.OutH, p.OutW, p.Parameters, actual);
            AssertClose(expected, actual, input.Max(MathF.Abs));
        }
    }

    [Fact]
    public void Align_corners_2x2_to_4x4_by_hand()
    {
        // Input [[0,1],[2,3]] is the plane v(y,x) = 2y + x, which bilinear interpolation reproduces exactly.
        // align_corners samples y, x at dst * (2-1)/(4-1) = 0, 1/3, 2/3, 1, so out[i][j] = 2i/3 + j/3.
        var output = new float[16];
        Resize.Bilinear([0, 1, 2, 3], [1, 1, 2, 2], 4, 4, new ResizeParameters(Layout.Nchw, ResizeCoordinates.AlignCorners), output);
        float[] expected =
        [
            0f, 1 / 3f, 2 / 3f, 1f,
            2 / 3f, 1f, 4 / 3f, 5 / 3f,
            4 / 3f, 5 / 3f, 2f, 7 / 3f,
            2f, 7 / 3f, 8 / 3f, 3f,
        ];
        AssertClose(expected, output, 3);
    }

    [Fact]
    public void Half_pixel_2_to_4_of_0_1()
    {
        // src = (dst + 0.5) * 2/4 - 0.5 = -0.25, 0.25, 0.75, 1.25; clamped to [0, 1] these are the values themselves.
        var output = new float[4];
        Resize.Bilinear([0, 1], [1, 1, 1, 2], 1, 4, new ResizeParameters(Layout.Nchw, ResizeCoordinates.HalfPixel), output);
        Assert.Equal([0f, 0.25f, 0.75f, 1f], output);
    }

    [Theory]
    // Grid points for Xin = 2 listed in the MIL resize_bilinear docstring (coremltools iOS15/image_resizing.py); on
    // the input [0, 1] the interpolated values are the grid points themselves. The docs round to two decimals.
    [InlineData(ResizeCoordinates.HalfPixel, new[] { 0, 0.1, 0.5, 0.9, 1 })]         // UNALIGN_CORNERS, Xout = 5
    [InlineData(ResizeCoordinates.AlignCorners, new[] { 0, 0.25, 0.5, 0.75, 1 })]    // STRICT_ALIGN_CORNERS
    [InlineData(ResizeCoordinates.AlignEndpoints, new[] { 0, 0.25, 0.5, 0.75, 1 })]  // ALIGN_CORNERS
    [InlineData(ResizeCoordinates.Asymmetric, new[] { 0, 0.4, 0.8, 1, 1 })]          // DEFAULT
    [InlineData(ResizeCoordinates.RoiAlign, new[] { 0.1, 0.3, 0.5, 0.7, 0.9 })]      // OFFSET_CORNERS
    [InlineData(ResizeCoordinates.HalfPixel, new[] { 0, 0, 0.33, 0.67, 1, 1 })]      // UNALIGN_CORNERS, Xout = 6
    [InlineData(ResizeCoordinates.AlignCorners, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(ResizeCoordinates.Asymmetric, new[] { 0, 0.33, 0.67, 1, 1, 1 })]
    [InlineData(ResizeCoordinates.RoiAlign, new[] { 0.08, 0.25, 0.42, 0.58, 0.75, 0.92 })]
    public void Core_ml_sampling_grids_from_the_mil_docs(ResizeCoordinates mode, double[] grid)
    {
        var output = new float[grid.Length];
        Resize.Bilinear([0, 1], [1, 1, 1, 2], 1, grid.Length, new ResizeParameters(Layout.Nchw, mode), output);
        for (var i = 0; i < grid.Length; i++) Assert.True(Math.Abs(output[i] - grid[i]) <= 0.005, $"{mode} point {i}: {output[i]} vs {grid[i]}");
    }

    [Fact]
    public void Single_output_pixel_differs_between_align_modes()
    {
        // Xin = 3, Xout = 1: STRICT_ALIGN_ENDPOINTS samples 0, ALIGN_ENDPOINTS samples (3-1)/2 = 1, pytorch_half_pixel 0,
        // half_pixel (0.5 * 3 - 0.5) = 1.
        Assert.Equal(0, ResizeGrid.SourceCoordinate(ResizeCoordinates.AlignCorners, 0, 3, 1));
        Assert.Equal(1, ResizeGrid.SourceCoordinate(ResizeCoordinates.AlignEndpoints, 0, 3, 1));
        Assert.Equal(0, ResizeGrid.SourceCoordinate(ResizeCoordinates.PytorchHalfPixel, 0, 3, 1));
        Assert.Equal(1, ResizeGrid.SourceCoordinate(ResizeCoordinates.HalfPixel, 0, 3, 1));
    }

    [Fact]
    public void Leading_axes_are_batch()
    {
        // [2, 3, 1, 2, 2] NCHW: the six [2, 2] planes resize independently; output keeps the leading axes.
        Assert.Equal(new Shape(2, 3, 1, 4, 6), Resize.OutputShape(new Shape(2, 3, 1, 2, 2), Layout.Nchw, 4, 6));
        Assert.Equal(new Shape(5, 4, 6, 3), Resize.OutputShape(new Shape(5, 2, 2, 3), Layout.Nhwc, 4, 6));
        var input = Enumerable.Range(0, 24).Select(i => (float)i).ToArray();
        var (expected, actual) = (new float[6 * 24], new float[6 * 24]);
        var p = new ResizeParameters(Layout.Nchw, ResizeCoordinates.AlignCorners);
        Ref.Resize.Bilinear(input, [2, 3, 1, 2, 2], 4, 6, p, expected);
        Resize.Bilinear(input, [2, 3, 1, 2, 2], 4, 6, p, actual);
        AssertClose(expected, actual, 24);
        // Plane 5 is [[20, 21], [22, 23]]; its align-corners corners are those four values.
        Assert.Equal([20f, 21, 22, 23], new[] { actual[5 * 24], actual[5 * 24 + 5], actual[5 * 24 + 18], actual[5 * 24 + 23] });
    }

    [Fact]
    public void Nearest_integer_upsample_repeats_pixels_in_nhwc()
    {
        // Keras UpSampling2D(size=2, "nearest") on [1,1,2,2] (one row, pixels (1,2) and (3,4)):
        // every pixel becomes a 2x2 block -> rows [(1,2),(1,2),(3,4),(3,4)] twice.
        var output = new float[16];
        Resize.Nearest<float>([1, 2, 3, 4], [1, 1, 2, 2], 2, 4, new ResizeParameters(Layout.Nhwc, ResizeCoordinates.Asymmetric), output);
        Assert.Equal([1f, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4], output);
    }

    [Fact]
    public void Nearest_rounding_rules_on_a_fractional_downscale()
    {
        // 5 -> 2 with asymmetric coordinates: src = 0, 2.5. floor: 0,2; ceil: 0,3; ties down: 0,2; ties up: 0,3.
        float[] input = [10, 11, 12, 13, 14];
        var output = new float[2];
        (NearestRounding Rounding, float[] Expected)[] cases =
        [
            (NearestRounding.Floor, [10f, 12]), (NearestRounding.Ceil, [10f, 13]),
            (NearestRounding.RoundPreferFloor, [10f, 12]), (NearestRounding.RoundPreferCeil, [10f, 13]),
        ];
        foreach (var (rounding, expected) in cases)
        {
            Resize.Nearest<float>(input, [1, 1, 1, 5], 1, 2, new ResizeParameters(Layout.Nchw, ResizeCoordinates.Asymmetric, rounding), output);
            Assert.Equal(expected, output);
        }
    }

    [Fact]
    public void Tf_half_pixel_nearest_is_half_pixel_rounded_up()
    {
        // TF2 nearest: floor((dst + 0.5) * in/out). For 3 -> 2: floor(0.75) = 0, floor(2.25) = 2.
        Assert.Equal(0, ResizeGrid.NearestIndex(ResizeCoordinates.HalfPixel, NearestRounding.RoundPreferCeil, 0, 3, 2));
        Assert.Equal(2, ResizeGrid.NearestIndex(ResizeCoordinates.HalfPixel, NearestRounding.RoundPreferCeil, 1, 3, 2));
    }

    [Fact]
    public void Bad_sizes_name_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Resize.OutputShape(new Shape(2, 3), Layout.Nchw, 4, 4));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Equal(4, ResizeGrid.ScaledSize(3, 1.5));
    }

    private static void AssertClose(float[] expected, float[] actual, float magnitude)
    {
        var bound = BilinearTolerance * Math.Max(1, magnitude);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"element {i}: expected {expected[i]}, got {actual[i]} (bound {bound})");
        }
    }
}
