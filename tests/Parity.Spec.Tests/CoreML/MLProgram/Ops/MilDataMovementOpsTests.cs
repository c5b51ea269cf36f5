using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>split, stack, slice_by_size, gather, gather_along_axis, gather_nd, pad, tile and select on x = [[0, 1, 2], [3, 4, 5]].</summary>
public class MilDataMovementOpsTests
{
    private static readonly float[] X = [0, 1, 2, 3, 4, 5];

    [Fact]
    public void Split_by_sizes_and_by_count()
    {
        var output = Program()
            .Op("split", [("a", DataType.Float32, [2, 1]), ("b", DataType.Float32, [2, 2])], ("x", "x"), ("split_sizes", Ints(1, 2)), ("axis", Int(1)))
            .Op("split", [("c", DataType.Float32, [1, 3]), ("d", DataType.Float32, [1, 3])], ("x", "x"), ("num_splits", Int(2)), ("axis", Int(0)))
            .Output("a", "b", "c", "d")
            .Run(Input());
        Assert.Equal([0f, 3f], output["a"]);
        Assert.Equal([1f, 2f, 4f, 5f], output["b"]);
        Assert.Equal([0f, 1f, 2f], output["c"]);
        Assert.Equal([3f, 4f, 5f], output["d"]);
    }

    [Fact]
    public void Stack_joins_along_a_new_axis()
    {
        // stack([x, x], axis = -1) has shape [2, 3, 2]: each element twice in a row.
        var output = Program()
            .Op("stack", "y", DataType.Float32, [2, 3, 2], ("values", new[] { "x", "x" }), ("axis", Int(-1)))
            .Output("y")
            .Run(Input());
        Assert.Equal(X.SelectMany(v => new[] { v, v }).ToArray(), output["y"]);
    }

    [Fact]
    public void Slice_by_size_takes_size_elements_and_minus_one_runs_to_the_end()
    {
        var output = Program()
            .Op("slice_by_size", "y", DataType.Float32, [1, 2], ("x", "x"), ("begin", Ints(1, 1)), ("size", Ints(-1, 2)))
            .Output("y")
            .Run(Input());
        Assert.Equal([4f, 5f], output["y"]);
    }

    [Fact]
    public void Gather_takes_rows_or_columns_including_negative_indices()
    {
        var output = Program()
            .Op("gather", "y", DataType.Float32, [2, 2], ("x", "x"), ("indices", Ints(2, -3)), ("axis", Int(1)))
            .Op("gather", "z", DataType.Float32, [1, 3], ("x", "x"), ("indices", Ints(1)))
            .Output("y", "z")
            .Run(Input());
        Assert.Equal([2f, 0f, 5f, 3f], output["y"]);
        Assert.Equal([3f, 4f, 5f], output["z"]);
    }

    [Fact]
    public void Gather_along_axis_is_take_along_axis()
    {
        // indices [[2, 0], [1, 1]] along axis 1: [[x00+2, x00], ...] = [[2, 0], [4, 4]].
        var output = Program()
            .Const("i", IntTensor(DataType.Int32, [2, 2], 2, 0, 1, 1))
            .Op("gather_along_axis", "y", DataType.Float32, [2, 2], ("x", "x"), ("indices", "i"), ("axis", Int(1)))
            .Output("y")
            .Run(Input());
        Assert.Equal([2f, 0f, 4f, 4f], output["y"]);
    }

    [Fact]
    public void Gather_nd_picks_elements_or_slices_by_coordinate_vectors()
    {
        // Full coordinates [[1, 2], [0, 1]] -> [x12, x01] = [5, 1]; a one-coordinate vector [[1]] -> row 1 = [[3, 4, 5]].
        var output = Program()
            .Const("full", IntTensor(DataType.Int32, [2, 2], 1, 2, 0, 1))
            .Const("row", IntTensor(DataType.Int32, [1, 1], 1))
            .Op("gather_nd", "y", DataType.Float32, [2], ("x", "x"), ("indices", "full"))
            .Op("gather_nd", "z", DataType.Float32, [1, 3], ("x", "x"), ("indices", "row"))
            .Output("y", "z")
            .Run(Input());
        Assert.Equal([5f, 1f], output["y"]);
        Assert.Equal([3f, 4f, 5f], output["z"]);
    }

    [Theory]
    [InlineData("constant", new[] { 9f, 0f, 1f, 2f, 9f, 9f, 9f, 3f, 4f, 5f, 9f, 9f })]   // 9 | row | 9 9
    [InlineData("reflect", new[] { 1f, 0f, 1f, 2f, 1f, 0f, 4f, 3f, 4f, 5f, 4f, 3f })]    // mirror without the edge
    [InlineData("replicate", new[] { 0f, 0f, 1f, 2f, 2f, 2f, 3f, 3f, 4f, 5f, 5f, 5f })]  // repeat the edge
    public void Pad_pads_the_last_axes_in_each_mode(string mode, float[] expected)
    {
        var output = Program()
            .Op("pad", "y", DataType.Float32, [2, 6], ("x", "x"), ("pad", Ints(1, 2)), ("mode", String(mode)), ("constant_val", Float(9)))
            .Output("y")
            .Run(Input());
        Assert.Equal(expected, output["y"]);
    }

    [Fact]
    public void Tile_repeats_along_each_axis()
    {
        var output = Program()
            .Op("tile", "y", DataType.Float32, [4, 3], ("x", "x"), ("reps", Ints(2, 1)))
            .Output("y")
            .Run(Input());
        Assert.Equal(X.Concat(X).ToArray(), output["y"]);
    }

    [Fact]
    public void Select_picks_a_where_cond_holds_with_broadcasting()
    {
        // cond [3] = [T, F, T] broadcast over rows; b = -1 scalar.
        var output = Program()
            .Op("select", "y", DataType.Float32, [2, 3], ("cond", Bools([3], true, false, true)), ("a", "x"), ("b", Float(-1)))
            .Output("y")
            .Run(Input());
        Assert.Equal([0f, -1f, 2f, 3f, -1f, 5f], output["y"]);
    }

    private static MilTestProgram Program() => new MilTestProgram("CoreML7").Input("x", DataType.Float32, 2, 3);

    private static Dictionary<string, Engine.Tensors.Tensor> Input() => new() { ["x"] = Data([2, 3], X) };
}
