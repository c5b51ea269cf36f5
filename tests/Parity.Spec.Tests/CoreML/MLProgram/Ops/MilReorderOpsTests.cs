using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// reverse, reverse_sequence, flatten2d, crop, sliding_windows, space_to_batch, batch_to_space (MilReorderOps) and
/// one_hot, band_part, softplus_parametric (MilMaskOps), against values worked out by hand.
/// </summary>
public class MilReorderOpsTests
{
    // x = [[0, 1, 2], [3, 4, 5]].
    private static readonly float[] X = [0, 1, 2, 3, 4, 5];

    [Fact]
    public void Reverse_flips_the_listed_axes_or_every_axis()
    {
        // axes [1]: [[2, 1, 0], [5, 4, 3]]; axes [-2]: [[3, 4, 5], [0, 1, 2]]; no axes: both, [[5, 4, 3], [2, 1, 0]].
        var output = Program()
            .Const("k", IntTensor(DataType.Int32, [3], 1, 2, 3))
            .Op("reverse", "a", DataType.Float32, [2, 3], ("x", "x"), ("axes", Ints(1)))
            .Op("reverse", "b", DataType.Float32, [2, 3], ("x", "x"), ("axes", Ints(-2)))
            .Op("reverse", "c", DataType.Float32, [2, 3], ("x", "x"))
            .Op("reverse", "d", DataType.Int32, [3], ("x", "k"))
            .Output("a", "b", "c", "d")
            .Run(Input());
        Assert.Equal([2f, 1f, 0f, 5f, 4f, 3f], output["a"]);
        Assert.Equal([3f, 4f, 5f, 0f, 1f, 2f], output["b"]);
        Assert.Equal([5f, 4f, 3f, 2f, 1f, 0f], output["c"]);
        Assert.Equal([3f, 2f, 1f], output["d"]);
    }

    [Fact]
    public void Reverse_sequence_reverses_the_first_lengths_entries_of_each_batch()
    {
        // Rows are batches (batch_axis 0, seq_axis 1), lengths [2, 3]: row 0 [1, 0 | 2], row 1 [5, 4, 3].
        // Columns are batches (batch_axis 1, seq_axis 0), lengths [2, 1, 0]: column 0 [3, 0], columns 1 and 2 unchanged.
        var output = Program()
            .Op("reverse_sequence", "a", DataType.Float32, [2, 3], ("x", "x"), ("lengths", Ints(2, 3)), ("seq_axis", Int(1)), ("batch_axis", Int(0)))
            .Op("reverse_sequence", "b", DataType.Float32, [2, 3], ("x", "x"), ("lengths", Ints(2, 1, 0)), ("seq_axis", Int(0)), ("batch_axis", Int(1)))
            .Output("a", "b")
            .Run(Input());
        Assert.Equal([1f, 0f, 2f, 5f, 4f, 3f], output["a"]);
        Assert.Equal([3f, 1f, 2f, 0f, 4f, 5f], output["b"]);
    }

    [Fact]
    public void Reverse_sequence_with_the_default_axes_names_the_clash()
    {
        // seq_axis and batch_axis both default to 0, which cannot work: the reader says so instead of failing at run time.
        var program = Program()
            .Op("reverse_sequence", "a", DataType.Float32, [2, 3], ("x", "x"), ("lengths", Ints(2, 2)))
            .Output("a");
        var error = Assert.Throws<ModelFormatException>(() => program.Read());
        Assert.Contains("batch_axis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flatten2d_splits_the_shape_at_axis()
    {
        // x [2, 3, 2]: axis 1 -> [2, 6], axis -1 -> [6, 2], axis 0 -> [1, 12]; the values keep their order.
        var program = new MilTestProgram("CoreML7").Input("x", DataType.Float32, 2, 3, 2)
            .Op("flatten2d", "a", DataType.Float32, [2, 6], ("x", "x"))
            .Op("flatten2d", "b", DataType.Float32, [6, 2], ("x", "x"), ("axis", Int(-1)))
            .Op("flatten2d", "c", DataType.Float32, [1, 12], ("x", "x"), ("axis", Int(0)))
            .Output("a", "b", "c");
        var values = Enumerable.Range(0, 12).Select(v => (float)v).ToArray();
        var output = program.Run(new() { ["x"] = Data([2, 3, 2], values) });
        Assert.Equal(values, output["a"]);
        Assert.Equal(values, output["c"]);
        Assert.Equal([2, 6], ShapeOf(program, "a"));
        Assert.Equal([6, 2], ShapeOf(program, "b"));
        Assert.Equal([1, 12], ShapeOf(program, "c"));
    }

    [Fact]
    public void Crop_removes_rows_and_columns_from_the_last_two_axes()
    {
        // x [1, 1, 3, 4] = rows [0 1 2 3], [4 5 6 7], [8 9 10 11]; crop_height [1, 0], crop_width [1, 2] keeps rows 1..2,
        // column 1: [5, 9].
        var program = new MilTestProgram("CoreML7").Input("x", DataType.Float32, 1, 1, 3, 4)
            .Op("crop", "y", DataType.Float32, [1, 1, 2, 1], ("x", "x"), ("crop_height", Ints(1, 0)), ("crop_width", Ints(1, 2)))
            .Output("y");
        var output = program.Run(new() { ["x"] = Data([1, 1, 3, 4], [.. Enumerable.Range(0, 12).Select(v => (float)v)]) });
        Assert.Equal([5f, 9f], output["y"]);
        Assert.Equal([1, 1, 2, 1], ShapeOf(program, "y"));
    }

    [Fact]
    public void Sliding_windows_lists_each_window_along_the_axis()
    {
        // Axis 1 of x, size 2, stride 1: (3 - 2) / 1 + 1 = 2 windows per row: [[0, 1], [1, 2]], [[3, 4], [4, 5]].
        var rows = Program()
            .Op("sliding_windows", "y", DataType.Float32, [2, 2, 2], ("x", "x"), ("axis", Int(1)), ("size", Int(2)))
            .Output("y");
        Assert.Equal([0f, 1f, 1f, 2f, 3f, 4f, 4f, 5f], rows.Run(Input())["y"]);
        Assert.Equal([2, 2, 2], ShapeOf(rows, "y"));

        // [0, 1, 2, 3, 4], size 2, stride 2: (5 - 2) / 2 + 1 = 2 windows, [0, 1] and [2, 3]; 4 starts no full window.
        var strided = new MilTestProgram("CoreML7").Input("v", DataType.Float32, 5)
            .Op("sliding_windows", "y", DataType.Float32, [2, 2], ("x", "v"), ("axis", Int(0)), ("size", Int(2)), ("stride", Int(2)))
            .Output("y");
        Assert.Equal([0f, 1f, 2f, 3f], strided.Run(new() { ["v"] = Data([5], 0, 1, 2, 3, 4) })["y"]);
    }

    [Fact]
    public void Space_to_batch_moves_each_block_offset_to_its_own_batch()
    {
        // x [1, 1, 2, 4] = rows [0 1 2 3], [4 5 6 7]; block [2, 2]: batch (i0 * 2 + i1) takes rows i0::2, columns i1::2:
        // (0, 0) [0, 2], (0, 1) [1, 3], (1, 0) [4, 6], (1, 1) [5, 7] (tf.space_to_batch_nd's order).
        // With paddings [[1, 0], [0, 0]], x [1, 1, 1, 2] = [1, 2] pads to [[0, 0], [1, 2]]: batches [0], [0], [1], [2].
        var program = new MilTestProgram("CoreML7")
            .Input("x", DataType.Float32, 1, 1, 2, 4)
            .Input("small", DataType.Float32, 1, 1, 1, 2)
            .Op("space_to_batch", "y", DataType.Float32, [4, 1, 1, 2], ("x", "x"), ("block_shape", Ints(2, 2)), ("paddings", IntTensor(DataType.Int32, [2, 2], 0, 0, 0, 0)))
            .Op("space_to_batch", "z", DataType.Float32, [4, 1, 1, 1], ("x", "small"), ("block_shape", Ints(2, 2)), ("paddings", IntTensor(DataType.Int32, [2, 2], 1, 0, 0, 0)))
            .Output("y", "z");
        var output = program.Run(new() { ["x"] = Data([1, 1, 2, 4], 0, 1, 2, 3, 4, 5, 6, 7), ["small"] = Data([1, 1, 1, 2], 1, 2) });
        Assert.Equal([0f, 2f, 1f, 3f, 4f, 6f, 5f, 7f], output["y"]);
        Assert.Equal([0f, 0f, 1f, 2f], output["z"]);
        Assert.Equal([4, 1, 1, 2], ShapeOf(program, "y"));
    }

    [Fact]
    public void Batch_to_space_undoes_space_to_batch_then_crops()
    {
        // The batches of the test above, [0, 2], [1, 3], [4, 6], [5, 7], interleave back to rows [0 1 2 3], [4 5 6 7];
        // crops [[0, 0], [1, 0]] then drop column 0: [1 2 3], [5 6 7].
        var program = new MilTestProgram("CoreML7")
            .Input("x", DataType.Float32, 4, 1, 1, 2)
            .Op("batch_to_space", "y", DataType.Float32, [1, 1, 2, 4], ("x", "x"), ("block_shape", Ints(2, 2)), ("crops", IntTensor(DataType.Int32, [2, 2], 0, 0, 0, 0)))
            .Op("batch_to_space", "z", DataType.Float32, [1, 1, 2, 3], ("x", "x"), ("block_shape", Ints(2, 2)), ("crops", IntTensor(DataType.Int32, [2, 2], 0, 0, 1, 0)))
            .Output("y", "z");
        var output = program.Run(new() { ["x"] = Data([4, 1, 1, 2], 0, 2, 1, 3, 4, 6, 5, 7) });
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f], output["y"]);
        Assert.Equal([1f, 2f, 3f, 5f, 6f, 7f], output["z"]);
        Assert.Equal([1, 1, 2, 3], ShapeOf(program, "z"));
    }

    [Fact]
    public void Space_to_batch_and_back_match_the_coremltools_smoke_test()
    {
        // coremltools ops/tests/iOS14/test_tensor_transformation.py (TestSpaceToBatch / TestBatchToSpace): x [2, 1, 2, 4] =
        // images [[1 2 3 4], [5 6 7 8]] and [[9 .. 12], [13 .. 16]], block [2, 2], paddings [[0, 0], [2, 0]] -> [8, 1, 1, 3]
        // with batch (i0 * 2 + i1) * 2 + k = rows i0::2, columns i1::2 of padded image k, e.g. batch 0 = [0, 1, 3],
        // batch 1 = [0, 9, 11]; batch_to_space with crops [[0, 0], [2, 0]] gives x back.
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        float[] batches = [0, 1, 3, 0, 9, 11, 0, 2, 4, 0, 10, 12, 0, 5, 7, 0, 13, 15, 0, 6, 8, 0, 14, 16];
        var program = new MilTestProgram("CoreML7")
            .Input("x", DataType.Float32, 2, 1, 2, 4)
            .Op("space_to_batch", "s", DataType.Float32, [8, 1, 1, 3], ("x", "x"), ("block_shape", Ints(2, 2)), ("paddings", IntTensor(DataType.Int32, [2, 2], 0, 0, 2, 0)))
            .Op("batch_to_space", "b", DataType.Float32, [2, 1, 2, 4], ("x", "s"), ("block_shape", Ints(2, 2)), ("crops", IntTensor(DataType.Int32, [2, 2], 0, 0, 2, 0)))
            .Output("s", "b");
        var output = program.Run(new() { ["x"] = Data([2, 1, 2, 4], x) });
        Assert.Equal(batches, output["s"]);
        Assert.Equal(x, output["b"]);
    }

    [Fact]
    public void Integer_and_run_time_operands_go_through_the_float_ops_and_back()
    {
        // Run-time int32 lengths [3, 1] on int32 rows [[1 2 3], [4 5 6]] (seq_axis 1): [[3 2 1], [4 5 6]].
        // band_part(lower 0, upper 0) of int32 [[1 2], [3 4]] keeps the diagonal: [1 0 0 4].
        // Run-time int32 indices [1, -1] with size 2: [0 1], [0 0] (-1 is outside [0, 2)).
        var output = new MilTestProgram("CoreML7")
            .Input("lengths", DataType.Int32, 2)
            .Input("indices", DataType.Int32, 2)
            .Const("rows", IntTensor(DataType.Int32, [2, 3], 1, 2, 3, 4, 5, 6))
            .Const("square", IntTensor(DataType.Int32, [2, 2], 1, 2, 3, 4))
            .Op("reverse_sequence", "r", DataType.Int32, [2, 3], ("x", "rows"), ("lengths", "lengths"), ("seq_axis", Int(1)), ("batch_axis", Int(0)))
            .Op("band_part", "d", DataType.Int32, [2, 2], ("x", "square"), ("lower", Int(0)), ("upper", Int(0)))
            .Op("one_hot", "h", DataType.Float32, [2, 2], ("indices", "indices"), ("one_hot_vector_size", Int(2)))
            .Output("r", "d", "h")
            .Run(new()
            {
                ["lengths"] = Engine.Tensors.Tensor.FromSpan<int>([3, 1], new Engine.Tensors.Shape(2)),
                ["indices"] = Engine.Tensors.Tensor.FromSpan<int>([1, -1], new Engine.Tensors.Shape(2)),
            });
        Assert.Equal([3f, 2f, 1f, 4f, 5f, 6f], output["r"]);
        Assert.Equal([1f, 0f, 0f, 4f], output["d"]);
        Assert.Equal([0f, 1f, 0f, 0f], output["h"]);
    }

    [Fact]
    public void Reverse_rejects_an_axis_listed_twice()
    {
        // Axes 1 and -1 are the same axis of a rank-2 input.
        var program = Program().Op("reverse", "y", DataType.Float32, [2, 3], ("x", "x"), ("axes", Ints(1, -1))).Output("y");
        var error = Assert.Throws<ModelFormatException>(() => program.Read());
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_fp16_program_runs_the_ops_at_half_precision()
    {
        // Small integers are exact in half, so the results are the float32 ones: reverse [[2 1 0], [5 4 3]];
        // one_hot of [1] with on 0.5, off -2 (both halves): [-2, 0.5]; band_part(lower 0) of x: [[0 1 2], [0 4 5]].
        var program = new MilTestProgram("CoreML7")
            .Input("x", DataType.Float16, 2, 3)
            .Op("reverse", "r", DataType.Float16, [2, 3], ("x", "x"), ("axes", Ints(1)))
            .Op("one_hot", "h", DataType.Float16, [1, 2], ("indices", Ints(1)), ("one_hot_vector_size", Int(2)), ("on_value", Floats(DataType.Float16, [], 0.5f)), ("off_value", Floats(DataType.Float16, [], -2)))
            .Op("band_part", "b", DataType.Float16, [2, 3], ("x", "x"), ("lower", Int(0)))
            .Output("r", "h", "b");
        Assert.Equal(Engine.Graph.Precision.Float16, program.Read().Precision);
        var output = program.Run(Input());
        Assert.Equal([2f, 1f, 0f, 5f, 4f, 3f], output["r"]);
        Assert.Equal([-2f, 0.5f], output["h"]);
        Assert.Equal([0f, 1f, 2f, 0f, 4f, 5f], output["b"]);
    }

    [Fact]
    public void One_hot_marks_each_index_and_leaves_out_of_range_indices_all_off()
    {
        // indices [2, 0, 5], size 3, axis -1: rows [0 0 1], [1 0 0], [0 0 0] (5 is outside [0, 3)).
        // axis 0, on 2, off -1: row p holds on where indices[i] == p: p0 [-1 2 -1], p1 [-1 -1 -1], p2 [2 -1 -1].
        var output = Program()
            .Const("i", IntTensor(DataType.Int32, [3], 2, 0, 5))
            .Op("one_hot", "a", DataType.Float32, [3, 3], ("indices", "i"), ("one_hot_vector_size", Int(3)))
            .Op("one_hot", "b", DataType.Float32, [3, 3], ("indices", "i"), ("one_hot_vector_size", Int(3)), ("axis", Int(0)), ("on_value", Float(2)), ("off_value", Float(-1)))
            .Op("one_hot", "c", DataType.Int32, [3, 3], ("indices", "i"), ("one_hot_vector_size", Int(3)), ("on_value", Int(7)), ("off_value", Int(0)))
            .Output("a", "b", "c")
            .Run(Input());
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f, 0f, 0f, 0f], output["a"]);
        Assert.Equal([-1f, 2f, -1f, -1f, -1f, -1f, 2f, -1f, -1f], output["b"]);
        Assert.Equal([0f, 0f, 7f, 7f, 0f, 0f, 0f, 0f, 0f], output["c"]);
    }

    [Fact]
    public void Band_part_keeps_the_band_of_each_inner_matrix()
    {
        // m = [[0 1 2], [3 4 5], [6 7 8]]. lower 0, upper 1 keeps m - n <= 0 and n - m <= 1: (0,0) (0,1) (1,1) (1,2) (2,2).
        // lower 1, upper 0 keeps (0,0) (1,0) (1,1) (2,1) (2,2). The defaults (-1, -1) keep everything.
        var program = new MilTestProgram("CoreML7").Input("m", DataType.Float32, 3, 3)
            .Op("band_part", "a", DataType.Float32, [3, 3], ("x", "m"), ("lower", Int(0)), ("upper", Int(1)))
            .Op("band_part", "b", DataType.Float32, [3, 3], ("x", "m"), ("lower", Int(1)), ("upper", Int(0)))
            .Op("band_part", "c", DataType.Float32, [3, 3], ("x", "m"))
            .Output("a", "b", "c");
        float[] m = [0, 1, 2, 3, 4, 5, 6, 7, 8];
        var output = program.Run(new() { ["m"] = Data([3, 3], m) });
        Assert.Equal([0f, 1f, 0f, 0f, 4f, 5f, 0f, 0f, 8f], output["a"]);
        Assert.Equal([0f, 0f, 0f, 3f, 4f, 0f, 0f, 7f, 8f], output["b"]);
        Assert.Equal(m, output["c"]);
    }

    [Fact]
    public void Softplus_parametric_scales_per_channel()
    {
        // x [1, 2, 2]: channel 0 = [0, 0] with alpha 2, beta 1 -> 2 ln(1 + e^0) = 2 ln 2 = 1.3862944;
        // channel 1 = [2, -2] with alpha 3, beta 0.5 -> 3 ln(1 + e^1) = 3 * 1.3132617 = 3.9397850 and
        // 3 ln(1 + e^-1) = 3 * 0.3132617 = 0.9397850.
        var program = new MilTestProgram("CoreML7").Input("x", DataType.Float32, 1, 2, 2)
            .Op("softplus_parametric", "y", DataType.Float32, [1, 2, 2], ("x", "x"), ("alpha", Floats([2], 2, 3)), ("beta", Floats([2], 1, 0.5f)))
            .Output("y");
        var y = program.Run(new() { ["x"] = Data([1, 2, 2], 0, 0, 2, -2) })["y"];
        float[] expected = [1.3862944f, 1.3862944f, 3.9397850f, 0.9397850f];
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], y[i], 1e-5f);
    }

    [Fact]
    public void Softplus_parametric_needs_one_alpha_per_channel()
    {
        var program = new MilTestProgram("CoreML7").Input("x", DataType.Float32, 1, 2, 2)
            .Op("softplus_parametric", "y", DataType.Float32, [1, 2, 2], ("x", "x"), ("alpha", Floats([3], 1, 1, 1)), ("beta", Floats([2], 1, 1)))
            .Output("y");
        var error = Assert.Throws<ModelFormatException>(() => program.Read());
        Assert.Contains("alpha", error.Message, StringComparison.Ordinal);
    }

    private static MilTestProgram Program() => new MilTestProgram("CoreML7").Input("x", DataType.Float32, 2, 3);

    private static Dictionary<string, Engine.Tensors.Tensor> Input() => new() { ["x"] = Data([2, 3], X) };

    /// <summary>The shape the engine infers for output <paramref name="name"/>.</summary>
    private static int[] ShapeOf(MilTestProgram program, string name)
    {
        var model = program.Read();
        return model.Graph.Compile().TypeOf(model.Outputs[name]).Shape.Dims.ToArray();
    }
}
