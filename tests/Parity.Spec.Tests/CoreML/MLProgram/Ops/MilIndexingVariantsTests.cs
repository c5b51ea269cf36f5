using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// gather / gather_nd with batch_dims (iOS 16), negative and validated indices (iOS 17), scatter with run-time indices,
/// scatter_along_axis, scatter_nd, and concat with interleave, on x = [[0, 1, 2], [3, 4, 5]] unless stated.
/// </summary>
public class MilIndexingVariantsTests
{
    private static readonly float[] X = [0, 1, 2, 3, 4, 5];

    private static MilTestProgram Program(string opset = "CoreML7") => new MilTestProgram(opset).Input("x", DataType.Float32, 2, 3);

    private static Dictionary<string, Engine.Tensors.Tensor> Input() => new() { ["x"] = Data([2, 3], X) };

    [Fact]
    public void Gather_with_one_batch_axis_takes_each_rows_own_columns()
    {
        // batch_dims 1, axis 1, indices [[2, 0], [1, -1]]: row 0 -> [x02, x00] = [2, 0]; row 1 -> [x11, x1,-1 = x12] = [4, 5].
        var output = Program("CoreML6")
            .Const("i", IntTensor(DataType.Int32, [2, 2], 2, 0, 1, -1))
            .Op("gather", "y", DataType.Float32, [2, 2], ("x", "x"), ("indices", "i"), ("axis", Int(1)), ("batch_dims", Int(1)))
            .Output("y")
            .Run(Input());
        Assert.Equal([2f, 0f, 4f, 5f], output["y"]);
    }

    [Fact]
    public void Gather_with_batch_dims_puts_the_index_axes_at_the_gathered_axis()
    {
        // x [2, 2, 3] = 0..11 (x[b, m, k] = 6b + 3m + k), batch_dims 1, axis 2, indices [[2], [0]] (shape [2, 1]):
        // output = x.shape[:2] + [1] + [] = [2, 2, 1]; batch 0 takes k = 2: [2, 5]; batch 1 takes k = 0: [6, 9].
        var output = new MilTestProgram("CoreML6")
            .Input("x", DataType.Float32, 2, 2, 3)
            .Const("i", IntTensor(DataType.Int32, [2, 1], 2, 0))
            .Op("gather", "y", DataType.Float32, [2, 2, 1], ("x", "x"), ("indices", "i"), ("axis", Int(2)), ("batch_dims", Int(1)))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 2, 3], Enumerable.Range(0, 12).Select(v => (float)v).ToArray()) });
        Assert.Equal([2f, 5f, 6f, 9f], output["y"]);
    }

    [Fact]
    public void Gather_with_batch_dims_and_the_index_axes_before_trailing_axes()
    {
        // x [2, 3, 2] (x[b, k, c] = 6b + 2k + c), batch_dims 1, axis 1, indices [[1, 2], [0, 0]]:
        // output [2, 2, 2]: batch 0 rows k = 1, 2 -> [2, 3, 4, 5]; batch 1 rows k = 0, 0 -> [6, 7, 6, 7].
        var output = new MilTestProgram("CoreML6")
            .Input("x", DataType.Float32, 2, 3, 2)
            .Const("i", IntTensor(DataType.Int32, [2, 2], 1, 2, 0, 0))
            .Op("gather", "y", DataType.Float32, [2, 2, 2], ("x", "x"), ("indices", "i"), ("axis", Int(1)), ("batch_dims", Int(1)))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 3, 2], Enumerable.Range(0, 12).Select(v => (float)v).ToArray()) });
        Assert.Equal([2f, 3f, 4f, 5f, 6f, 7f, 6f, 7f], output["y"]);
    }

    [Fact]
    public void Gather_nd_with_a_batch_axis_reads_within_each_batch()
    {
        // batch_dims 1, indices [[[2], [0]], [[1], [-1]]] (shape [2, 2, 1]): batch 0 -> [x02, x00] = [2, 0];
        // batch 1 -> [x11, x12] = [4, 5] (-1 counts from the end). Output indices.shape[:-1] + x.shape[2:] = [2, 2].
        var output = Program("CoreML6")
            .Const("i", IntTensor(DataType.Int32, [2, 2, 1], 2, 0, 1, -1))
            .Op("gather_nd", "y", DataType.Float32, [2, 2], ("x", "x"), ("indices", "i"), ("batch_dims", Int(1)))
            .Output("y")
            .Run(Input());
        Assert.Equal([2f, 0f, 4f, 5f], output["y"]);
    }

    [Fact]
    public void Gather_nd_addresses_rows_beyond_the_half_range_exactly_in_fp16_programs()
    {
        // x [3000, 1] holds row % 7 (exact in half); the fp16 gather_nd reads row 2999: 2999 = 7 * 428 + 3 -> 3. Row
        // arithmetic rounded to half would read row 3000 (2999 ties to the even half 3000), which holds 3000 % 7 = 4.
        var rows = Enumerable.Range(0, 3000).Select(v => (float)(v % 7)).ToArray();
        var output = new MilTestProgram("CoreML6")
            .Input("x", DataType.Float32, 3000, 1)
            .Op("cast", "h", DataType.Float16, [3000, 1], ("x", "x"), ("dtype", MilTestProgram.String("fp16")))
            .Const("i", IntTensor(DataType.Int32, [1, 1], 2999))
            .Op("gather_nd", "y", DataType.Float16, [1, 1], ("x", "h"), ("indices", "i"))
            .Output("y")
            .Run(new() { ["x"] = Data([3000, 1], rows) });
        Assert.Equal([3f], output["y"]);
    }

    [Fact]
    public void Validate_indices_rejects_known_negative_indices()
    {
        var program = Program()
            .Op("gather", "y", DataType.Float32, [2, 1], ("x", "x"), ("indices", Ints(-1)), ("axis", Int(1)), ("validate_indices", MilTestProgram.Bool(true)));
        var error = Assert.Throws<ModelFormatException>(() => program.Output("y").Read());
        Assert.Contains("validate_indices", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scatter_takes_indices_computed_at_run_time()
    {
        // i = argmax of each row of x = [2, 2] (each row's largest is its last), known only at run time.
        // t = x^T = [[0, 3], [1, 4], [2, 5]]; scatter (update, axis 0) writes [10, 11] then [20, 21] into row 2: the last wins.
        var output = Program()
            .Op("reduce_argmax", "i", DataType.Int32, [2], ("x", "x"), ("axis", Int(1)))
            .Op("transpose", "t", DataType.Float32, [3, 2], ("x", "x"), ("perm", Ints(1, 0)))
            .Op("scatter", "y", DataType.Float32, [3, 2], ("data", "t"), ("indices", "i"), ("updates", Floats([2, 2], 10, 11, 20, 21)), ("mode", MilTestProgram.String("update")))
            .Output("y")
            .Run(Input());
        Assert.Equal([0f, 3f, 1f, 4f, 20f, 21f], output["y"]);
    }

    [Fact]
    public void Scatter_along_axis_adds_at_each_elements_own_index()
    {
        // axis 1, indices [[2, 0], [1, 1]], updates [[10, 20], [30, 40]], mode add:
        // row 0: x02 += 10 -> 12, x00 += 20 -> 20; row 1: x11 += 30 then += 40 -> 74.
        var output = Program()
            .Const("i", IntTensor(DataType.Int32, [2, 2], 2, 0, 1, 1))
            .Op("scatter_along_axis", "y", DataType.Float32, [2, 3], ("data", "x"), ("indices", "i"), ("updates", Floats([2, 2], 10, 20, 30, 40)), ("axis", Int(1)))
            .Output("y")
            .Run(Input());
        Assert.Equal([20f, 1f, 12f, 3f, 74f, 5f], output["y"]);
    }

    [Fact]
    public void Scatter_nd_multiplies_rows_and_elements()
    {
        // indices [[1, 0], [0, 2]] (full coordinates), updates [10, -1], mode mul: x10 = 3 * 10 = 30, x02 = 2 * -1 = -2.
        var output = Program()
            .Const("i", IntTensor(DataType.Int32, [2, 2], 1, 0, 0, 2))
            .Op("scatter_nd", "y", DataType.Float32, [2, 3], ("data", "x"), ("indices", "i"), ("updates", Floats([2], 10, -1)), ("mode", MilTestProgram.String("mul")))
            .Output("y")
            .Run(Input());
        Assert.Equal([0f, 1f, -2f, 30f, 4f, 5f], output["y"]);
    }

    [Fact]
    public void Concat_interleaves_slices_of_equal_shaped_values()
    {
        // interleave on axis 0: [x0, (x+10)0, x1, (x+10)1] = [[0,1,2],[10,11,12],[3,4,5],[13,14,15]];
        // on axis 1: each row alternates x and x+10: [0,10,1,11,2,12, 3,13,4,14,5,15].
        var output = Program()
            .Op("add", "z", DataType.Float32, [2, 3], ("x", "x"), ("y", Float(10)))
            .Op("concat", "a", DataType.Float32, [4, 3], ("values", new[] { "x", "z" }), ("axis", Int(0)), ("interleave", MilTestProgram.Bool(true)))
            .Op("concat", "b", DataType.Float32, [2, 6], ("values", new[] { "x", "z" }), ("axis", Int(-1)), ("interleave", MilTestProgram.Bool(true)))
            .Output("a", "b")
            .Run(Input());
        Assert.Equal([0f, 1f, 2f, 10f, 11f, 12f, 3f, 4f, 5f, 13f, 14f, 15f], output["a"]);
        Assert.Equal([0f, 10f, 1f, 11f, 2f, 12f, 3f, 13f, 4f, 14f, 5f, 15f], output["b"]);
    }
}
