using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>conv_transpose by hand: x = [[1, 2], [3, 4]], a 2x2 kernel of ones, bias 0.5.</summary>
public class MilConvolutionOpsTests
{
    private static Dictionary<string, float[]> Run(int[] outputShape, params (string Name, object Binding)[] extra) =>
        new MilTestProgram()
            .Input("x", DataType.Float32, 1, 1, 2, 2)
            .Op("conv_transpose", "y", DataType.Float32, outputShape,
                [("x", "x"), ("weight", Floats([1, 1, 2, 2], 1, 1, 1, 1)), ("bias", Floats([1], 0.5f)), .. extra])
            .Output("y")
            .Run(new() { ["x"] = Data([1, 1, 2, 2], 1, 2, 3, 4) });

    [Fact]
    public void Stride_two_spreads_each_pixel_over_its_own_block()
    {
        // (2 - 1)·2 + 2 = 4 per axis; each input pixel fills the 2x2 block at (2p, 2q), plus the bias.
        var y = Run([1, 1, 4, 4], ("strides", Ints(2, 2)))["y"];
        Assert.Equal([1.5f, 1.5f, 2.5f, 2.5f, 1.5f, 1.5f, 2.5f, 2.5f, 3.5f, 3.5f, 4.5f, 4.5f, 3.5f, 3.5f, 4.5f, 4.5f], y);
    }

    [Fact]
    public void Stride_one_sums_overlapping_blocks_and_custom_pads_crop_the_result()
    {
        // Stride 1: out[i][j] = Σ x[p][q] over i - p, j - q in {0, 1} = [[1, 3, 2], [4, 10, 6], [3, 7, 4]] (+0.5).
        var full = Run([1, 1, 3, 3])["y"];
        Assert.Equal([1.5f, 3.5f, 2.5f, 4.5f, 10.5f, 6.5f, 3.5f, 7.5f, 4.5f], full);
        // pad [top 1, bottom 0, left 1, right 0] removes the first row and column: [[10, 6], [7, 4]].
        var cropped = Run([1, 1, 2, 2], ("pad_type", String("custom")), ("pad", Ints(1, 0, 1, 0)))["y"];
        Assert.Equal([10.5f, 6.5f, 7.5f, 4.5f], cropped);
    }

    [Fact]
    public void Output_shape_adds_cells_at_the_end()
    {
        // Stride 2 gives 4x4; output_shape asks 5x5, so a fifth row and column hold only the bias.
        var y = Run([1, 1, 5, 5], ("strides", Ints(2, 2)), ("output_shape", Ints(1, 1, 5, 5)))["y"];
        Assert.Equal([1.5f, 1.5f, 2.5f, 2.5f, 0.5f], y[..5]);
        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f, 0.5f], y[20..]);
    }
}
