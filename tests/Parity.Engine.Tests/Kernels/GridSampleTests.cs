using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.Resize;
using Parity.Engine.Tensors;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

public class GridSampleTests
{
    /// <summary>The kernel weights in float, the reference in double; bound relative to the largest input or pad magnitude.</summary>
    private const double Tolerance = 2e-6;

    /// <summary>A grid-sample problem: random images and points spread beyond the image on every side.</summary>
    public sealed record Problem(int B, int C, int H, int W, int OutH, int OutW, GridSampleParameters Parameters, int Seed)
    {
        public float[] Input()
        {
            var random = new Random(Seed);
            return Enumerable.Range(0, B * C * H * W).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        }

        /// <summary>Mostly random points; every fifth lands on a whole or half pixel, where nearest sampling breaks ties.</summary>
        public float[] Coordinates()
        {
            var random = new Random(Seed + 1);
            var values = new float[B * OutH * OutW * 2];
            for (var k = 0; k < values.Length; k++)
            {
                var size = k % 2 == 0 ? W : H;
                var pixel = k % 5 == 0 ? random.Next(-2 * size - 2, 2 * (2 * size + 2)) / 2.0 : random.NextDouble() * (3 * size + 4) - size - 2;
                values[k] = (float)(Parameters.Coordinates switch
                {
                    GridCoordinates.Unnormalized => pixel,
                    GridCoordinates.MinusOneToOne => pixel / Math.Max(1, size - 1) * 2 - 1,
                    _ => pixel / size,
                });
            }
            return values;
        }

        public int OutputLength => B * C * OutH * OutW;
    }

    public static class Arbitraries
    {
        public static Arbitrary<Problem> Problems() =>
            (from b in Gen.Choose(1, 2)
             from c in Gen.Choose(1, 4)
             from h in Gen.Choose(1, 6)
             from w in Gen.Choose(1, 6)
             from outH in Gen.Choose(1, 7)
             from outW in Gen.Choose(1, 7)
             from sampling in Gen.Elements(Enum.GetValues<GridSampling>())
             from padding in Gen.Elements(Enum.GetValues<GridPadding>())
             from coordinates in Gen.Elements(Enum.GetValues<GridCoordinates>())
             from align in Gen.Elements(false, true)
             from pad in Gen.Elements(0f, -3f)
             from seed in Gen.Choose(0, 1 << 20)
             select new Problem(b, c, h, w, outH, outW, new GridSampleParameters(sampling, padding, pad, coordinates, align), seed)).ToArbitrary();
    }

    private static void Compare(Problem p)
    {
        var (input, coordinates) = (p.Input(), p.Coordinates());
        var (expected, actual) = (new float[p.OutputLength], new float[p.OutputLength]);
        Ref.GridSample.Run(input, p.B, p.C, p.H, p.W, coordinates, p.OutH, p.OutW, p.Parameters, expected);
        GridSample.Run(input, p.B, p.C, p.H, p.W, coordinates, p.OutH, p.OutW, p.Parameters, actual);
        var bound = Tolerance * Math.Max(Math.Max(1, Math.Abs(p.Parameters.PadValue)), input.Max(MathF.Abs));
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"element {i}: reference {expected[i]}, kernel {actual[i]}");
    }

    [Property(MaxTest = 150, Arbitrary = [typeof(Arbitraries)])]
    public void Kernel_matches_reference(Problem p) => Compare(p);

    [Fact]
    public void Large_grids_that_split_over_threads_match_reference()
    {
        Compare(new Problem(2, 16, 21, 23, 40, 37, new GridSampleParameters(GridSampling.Bilinear, GridPadding.Reflection, 0, GridCoordinates.MinusOneToOne, false), 3));
        Compare(new Problem(1, 9, 30, 30, 45, 41, new GridSampleParameters(GridSampling.Nearest, GridPadding.Symmetric, 0, GridCoordinates.Unnormalized, true), 4));
    }

    private static float[] Sample(float[] image, int height, int width, float[] points, GridSampleParameters p)
    {
        var output = new float[points.Length / 2];
        Ref.GridSample.Run(image, 1, 1, height, width, points, 1, points.Length / 2, p, output);
        return output;
    }

    [Theory]
    // The padding examples of MIL resample (coremltools ops/defs/iOS15/image_resizing.py) on the row |1, 2, 3|, read at
    // the whole pixel positions -3 .. 5: three pad values on each side.
    [InlineData(GridPadding.Constant, new float[] { 0, 0, 0, 1, 2, 3, 0, 0, 0 })]
    [InlineData(GridPadding.Border, new float[] { 1, 1, 1, 1, 2, 3, 3, 3, 3 })]
    [InlineData(GridPadding.Reflection, new float[] { 2, 3, 2, 1, 2, 3, 2, 1, 2 })]
    [InlineData(GridPadding.Symmetric, new float[] { 3, 2, 1, 1, 2, 3, 3, 2, 1 })]
    public void Padding_modes_extend_a_row_as_the_MIL_documentation_shows(GridPadding padding, float[] expected)
    {
        float[] points = [.. Enumerable.Range(-3, 9).SelectMany(x => new float[] { x, 0 })];
        foreach (var sampling in Enum.GetValues<GridSampling>())
        {
            Assert.Equal(expected, Sample([1, 2, 3], 1, 3, points, new GridSampleParameters(sampling, padding, 0, GridCoordinates.Unnormalized, false)));
        }
    }

    [Fact]
    public void Normalized_coordinates_follow_the_corner_convention()
    {
        // Image [[1, 2], [3, 4]]. (x, y) = (0, 0) is the centre either way: position (0.5, 0.5), the mean 2.5.
        // (-1, -1) with aligned corners is pixel (0, 0) = 1; without, position (-0.5, -0.5): a quarter of pixel (0, 0)
        // and three quarters padding: 0.25 with zeros (PyTorch's grid_sample gives 0.25 for this point too).
        // (1, -1) aligned is pixel (x = 1, y = 0) = 2. In 0..1 coordinates (0.5, 0.5) is the centre again: 2.5.
        float[] image = [1, 2, 3, 4];
        var aligned = new GridSampleParameters(GridSampling.Bilinear, GridPadding.Constant, 0, GridCoordinates.MinusOneToOne, true);
        Assert.Equal([2.5f, 1f, 2f], Sample(image, 2, 2, [0, 0, -1, -1, 1, -1], aligned));
        Assert.Equal([2.5f, 0.25f], Sample(image, 2, 2, [0, 0, -1, -1], aligned with { AlignCorners = false }));
        Assert.Equal([2.5f, 1f], Sample(image, 2, 2, [0.5f, 0.5f, 0, 0], aligned with { Coordinates = GridCoordinates.ZeroToOne }));
        // Without aligned corners 0..1 maps 0 to -0.5: a quarter of pixel (0, 0) again, here padded with 8: 0.25 + 6 = 6.25.
        Assert.Equal([6.25f], Sample(image, 2, 2, [0, 0], aligned with { Coordinates = GridCoordinates.ZeroToOne, AlignCorners = false, PadValue = 8 }));
    }

    [Fact]
    public void Nearest_sampling_breaks_ties_to_even_as_pytorch_rounds()
    {
        // Positions 0.5 and 1.5 on |1, 2, 3| round to 0 and 2.
        Assert.Equal([1f, 3f], Sample([1, 2, 3], 1, 3, [0.5f, 0, 1.5f, 0], new GridSampleParameters(GridSampling.Nearest, GridPadding.Border, 0, GridCoordinates.Unnormalized, false)));
    }

    [Fact]
    public void The_op_takes_int32_coordinates_and_keeps_the_input_dtype()
    {
        var op = new GridSampleOp(new GridSampleParameters(GridSampling.Bilinear, GridPadding.Border, 0, GridCoordinates.Unnormalized, false));
        var types = op.InferOutputTypes([new TensorType(DType.Float16, new Shape(1, 2, 3, 4)), new TensorType(DType.Int32, new Shape(1, 5, 6, 2))]);
        Assert.Equal(new TensorType(DType.Float16, new Shape(1, 2, 5, 6)), types[0]);
        Assert.Throws<Parity.Engine.Graph.ShapeMismatchException>(() => op.InferOutputTypes([new TensorType(DType.Float32, new Shape(1, 2, 3, 4)), new TensorType(DType.Float32, new Shape(2, 5, 6, 2))]));

        // Pixel (x = 2, y = 1) of a 2 x 3 image [[1, 2, 3], [4, 5, 6]] is 6; (x = 5, y = -1) clamps to the border pixel 3.
        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6], 1, 1, 2, 3);
        using var grid = Tensor.FromSpan<int>([2, 1, 5, -1], new Shape(1, 1, 2, 2));
        using var y = Tensor.Zeros(1, 1, 1, 2);
        op.Execute([x, grid], [y]);
        Assert.Equal([6f, 3f], y.Floats.ToArray());
    }
}
