using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// conv, conv_transpose and the pools on rank-5 [N, C, D, H, W] inputs, conv_transpose on rank-3 [N, C, W] inputs, and
/// conv_transpose pad_type 'same', by hand.
/// </summary>
public class MilVolumeOpsTests
{
    private static float[] Run(string op, int[] inputShape, float[] x, int[] outputShape, params (string Name, object Binding)[] arguments) =>
        new MilTestProgram()
            .Input("x", DataType.Float32, inputShape)
            .Op(op, "y", DataType.Float32, outputShape, [("x", "x"), .. arguments])
            .Output("y")
            .Run(new() { ["x"] = Data(inputShape, x) })["y"];

    private static readonly float[] OneToEight = Enumerable.Range(1, 8).Select(i => (float)i).ToArray();

    private static readonly float[] OneToEighteen = Enumerable.Range(1, 18).Select(i => (float)i).ToArray();

    [Fact]
    public void Conv_on_a_cube_sums_it()
    {
        // 1 + 2 + ... + 8 = 36 under a 2x2x2 kernel of ones, plus bias 0.5.
        var y = Run("conv", [1, 1, 2, 2, 2], OneToEight, [1, 1, 1, 1, 1],
            ("weight", Floats([1, 1, 2, 2, 2], Enumerable.Repeat(1f, 8).ToArray())), ("bias", Floats([1], 0.5f)));
        Assert.Equal([36.5f], y);
    }

    [Fact]
    public void Conv_same_puts_the_odd_depth_pad_at_the_back()
    {
        // x = [1, 2, 3, 4] along depth, kernel [1, 10], stride 1: total pad 1 goes after, so out[i] = x[i] + 10·x[i+1]:
        // [1 + 20, 2 + 30, 3 + 40, 4 + 0].
        var y = Run("conv", [1, 1, 4, 1, 1], [1, 2, 3, 4], [1, 1, 4, 1, 1],
            ("weight", Floats([1, 1, 2, 1, 1], 1, 10)), ("pad_type", String("same")));
        Assert.Equal([21f, 32f, 43f, 4f], y);
    }

    [Fact]
    public void Conv_custom_pads_read_begin_end_per_axis()
    {
        // One 2x2 slice [[1, 2], [3, 4]], a 1x2x2 kernel of ones, pad [front 0, back 0, top 0, bottom 1, left 0, right 1]:
        // windows [1+2+3+4, 2+4, 3+4, 4].
        var y = Run("conv", [1, 1, 1, 2, 2], [1, 2, 3, 4], [1, 1, 1, 2, 2],
            ("weight", Floats([1, 1, 1, 2, 2], 1, 1, 1, 1)), ("pad_type", String("custom")), ("pad", Ints(0, 0, 0, 1, 0, 1)));
        Assert.Equal([10f, 6f, 7f, 4f], y);
    }

    [Fact]
    public void Conv_with_strides_dilations_and_groups()
    {
        // Two groups of one channel over depth 5: channel 0 [1..5], channel 1 [10..50]; kernel depth 2 dilated by 2, stride 2:
        // out[c][o] = w0·x[2o] + w1·x[2o + 2]; channel 0 with [1, 1] -> [4, 8], channel 1 with [1, -1] -> [-20, -20].
        var y = Run("conv", [1, 2, 5, 1, 1], [1, 2, 3, 4, 5, 10, 20, 30, 40, 50], [1, 2, 2, 1, 1],
            ("weight", Floats([2, 1, 2, 1, 1], 1, 1, 1, -1)), ("strides", Ints(2, 1, 1)), ("dilations", Ints(2, 1, 1)), ("groups", Int(2)));
        Assert.Equal([4f, 8f, -20f, -20f], y);
    }

    [Fact]
    public void Conv_transpose_on_a_volume_spreads_each_slice()
    {
        // x = [1, 2] along depth, kernel [1, 10], stride 2: (2 - 1)·2 + 2 = 4 slices [1, 10, 2, 20], plus bias 0.5.
        var y = Run("conv_transpose", [1, 1, 2, 1, 1], [1, 2], [1, 1, 4, 1, 1],
            ("weight", Floats([1, 1, 2, 1, 1], 1, 10)), ("bias", Floats([1], 0.5f)), ("strides", Ints(2, 1, 1)));
        Assert.Equal([1.5f, 10.5f, 2.5f, 20.5f], y);
    }

    [Fact]
    public void Conv_transpose_custom_pads_and_output_shape_on_a_volume()
    {
        // Stride 1 overlaps [1, 10 + 2, 20]; pad [1, 0, 0, 0, 0, 0] crops the first slice; output_shape depth 3 adds a zero slice.
        var y = Run("conv_transpose", [1, 1, 2, 1, 1], [1, 2], [1, 1, 3, 1, 1],
            ("weight", Floats([1, 1, 2, 1, 1], 1, 10)), ("pad_type", String("custom")), ("pad", Ints(1, 0, 0, 0, 0, 0)),
            ("output_shape", Ints(1, 1, 3, 1, 1)));
        Assert.Equal([12f, 20f, 0f], y);
    }

    // TensorFlow's conv2d_transpose SAME, which coremltools lowers to this pad_type, is the gradient of a forward SAME conv
    // whose odd pad unit sits at the end: out[o] = Σ_i g[i]·w[o - i·stride] over o in [0, in·stride). For x = [[1, 2], [3, 4]],
    // a 2x2 kernel of ones and stride 1 that keeps the first two rows and columns of the full [[1, 3, 2], [4, 10, 6], [3, 7, 4]].
    [Fact]
    public void Conv_transpose_same_keeps_the_start_and_crops_the_odd_cell_at_the_end()
    {
        var y = Run("conv_transpose", [1, 1, 2, 2], [1, 2, 3, 4], [1, 1, 2, 2],
            ("weight", Floats([1, 1, 2, 2], 1, 1, 1, 1)), ("bias", Floats([1], 0.5f)), ("pad_type", String("same")));
        Assert.Equal([1.5f, 3.5f, 4.5f, 10.5f], y);
    }

    [Fact]
    public void Conv_transpose_same_on_a_volume_with_stride_two()
    {
        // x = [1, 2], kernel [1, 10, 100], stride 2 -> 4 slices: out[o] = Σ_i x[i]·w[o - 2i]:
        // [1·1, 1·10, 1·100 + 2·1, 2·10] = [1, 10, 102, 20] (the full result's fifth slice, 200, is the cropped odd cell).
        var y = Run("conv_transpose", [1, 1, 2, 1, 1], [1, 2], [1, 1, 4, 1, 1],
            ("weight", Floats([1, 1, 3, 1, 1], 1, 10, 100)), ("strides", Ints(2, 1, 1)), ("pad_type", String("same")));
        Assert.Equal([1f, 10f, 102f, 20f], y);
        var declared = Run("conv_transpose", [1, 1, 2, 1, 1], [1, 2], [1, 1, 4, 1, 1],
            ("weight", Floats([1, 1, 3, 1, 1], 1, 10, 100)), ("strides", Ints(2, 1, 1)), ("pad_type", String("same")),
            ("output_shape", Ints(1, 1, 4, 1, 1)));
        Assert.Equal(y, declared);
    }

    [Fact]
    public void Conv_transpose_same_with_a_kernel_shorter_than_the_stride_leaves_trailing_zeros()
    {
        // Kernel depth 1 ([3]), stride 2: out[o] = 3·x[o/2] at even o, nothing reaches odd o: [3, 0, 6, 0] (size 2·2).
        var y = Run("conv_transpose", [1, 1, 2, 1, 1], [1, 2], [1, 1, 4, 1, 1],
            ("weight", Floats([1, 1, 1, 1, 1], 3)), ("strides", Ints(2, 1, 1)), ("pad_type", String("same")));
        Assert.Equal([3f, 0f, 6f, 0f], y);
    }

    [Fact]
    public void Conv_transpose_same_with_an_output_shape_other_than_input_times_stride_is_named_unsupported()
    {
        var e = Assert.Throws<UnsupportedLayerException>(() => Run("conv_transpose", [1, 1, 2, 1, 1], [1, 2], [1, 1, 3, 1, 1],
            ("weight", Floats([1, 1, 3, 1, 1], 1, 10, 100)), ("strides", Ints(2, 1, 1)), ("pad_type", String("same")),
            ("output_shape", Ints(1, 1, 3, 1, 1))));
        Assert.Contains("conv_transpose", e.Message);
        Assert.Contains("same", e.Message);
    }

    [Fact]
    public void Conv_transpose_on_a_line_runs_as_a_height_one_image()
    {
        // x = [1, 2], kernel [1, 10]: stride 2 gives [1, 10, 2, 20]; stride 1 overlaps [1, 12, 20] and pad [1, 0] crops the first cell.
        var strided = Run("conv_transpose", [1, 1, 2], [1, 2], [1, 1, 4], ("weight", Floats([1, 1, 2], 1, 10)), ("strides", Ints(2)));
        Assert.Equal([1f, 10f, 2f, 20f], strided);
        var cropped = Run("conv_transpose", [1, 1, 2], [1, 2], [1, 1, 2],
            ("weight", Floats([1, 1, 2], 1, 10)), ("pad_type", String("custom")), ("pad", Ints(1, 0)));
        Assert.Equal([12f, 20f], cropped);
        // Two output channels [1, 10] and [100, 1000] with 'same' and stride 2 (total 0): [1, 10, 2, 20] and [100, 1000, 200, 2000].
        var same = Run("conv_transpose", [1, 1, 2], [1, 2], [1, 2, 4],
            ("weight", Floats([1, 2, 2], 1, 10, 100, 1000)), ("strides", Ints(2)), ("pad_type", String("same")));
        Assert.Equal([1f, 10f, 2f, 20f, 100f, 1000f, 200f, 2000f], same);
    }

    [Fact]
    public void Max_pool_on_the_proto_example()
    {
        // Slices [[1..9]] and [[10..18]] (3x3 each), a 2x2x2 max with stride 1 -> [14, 15, 17, 18] (NeuralNetwork.proto's Pooling3D example).
        var y = Run("max_pool", [1, 1, 2, 3, 3], OneToEighteen, [1, 1, 1, 2, 2],
            ("kernel_sizes", Ints(2, 2, 2)), ("strides", Ints(1, 1, 1)), ("pad_type", String("valid")));
        Assert.Equal([14f, 15f, 17f, 18f], y);
    }

    [Fact]
    public void Avg_pool_same_divides_by_real_cells_only_when_excluding_padding()
    {
        // x = [2, 4] along depth, a 2-deep window, 'same' pads one slice at the back: windows {2, 4} and {4, pad}.
        (string, object)[] arguments = [("kernel_sizes", Ints(2, 1, 1)), ("strides", Ints(1, 1, 1)), ("pad_type", String("same"))];
        Assert.Equal([3f, 2f], Run("avg_pool", [1, 1, 2, 1, 1], [2, 4], [1, 1, 2, 1, 1], arguments));
        Assert.Equal([3f, 4f], Run("avg_pool", [1, 1, 2, 1, 1], [2, 4], [1, 1, 2, 1, 1], [.. arguments, ("exclude_padding_from_average", Bool(true))]));
    }

    [Fact]
    public void L2_pool_and_ceil_mode_on_a_volume()
    {
        // sqrt(3² + 4²) = 5 over a 2-deep window.
        Assert.Equal([5f], Run("l2_pool", [1, 1, 2, 1, 1], [3, 4], [1, 1, 1, 1, 1], ("kernel_sizes", Ints(2, 1, 1)), ("strides", Ints(1, 1, 1))));
        // Depth 3, window 2, stride 2: floor mode keeps one window (max 2); ceil mode adds the partial last one (max 3).
        Assert.Equal([2f, 3f], Run("max_pool", [1, 1, 3, 1, 1], [1, 2, 3], [1, 1, 2, 1, 1],
            ("kernel_sizes", Ints(2, 1, 1)), ("strides", Ints(2, 1, 1)), ("ceil_mode", Bool(true))));
    }
}
