using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>The constexpr_* weight-decompression ops: decoded by hand, and usable as weights by ops needing constants.</summary>
public class MilConstexprOpsTests
{
    [Fact]
    public void Affine_dequantize_gives_weights_a_linear_op_can_read_and_like_a_const_is_no_layer_of_its_own()
    {
        // int8 [[1, 2], [3, 4]], zero point 1, per-row scales [0.5, 2] on axis 0:
        // [[0·0.5, 1·0.5], [2·2, 3·2]] = [[0, 0.5], [4, 6]]; linear with x = [1, 1]: [0.5, 10].
        var program = new MilTestProgram("CoreML6")
            .Input("x", DataType.Float32, 1, 2)
            .Op("constexpr_affine_dequantize", "w", DataType.Float32, [2, 2],
                ("quantized_data", Bytes(DataType.Int8, [2, 2], 1, 2, 3, 4)), ("zero_point", Bytes(DataType.Int8, [], 1)),
                ("scale", Floats([2], 0.5f, 2)), ("axis", Int(0)))
            .Op("linear", "y", DataType.Float32, [1, 2], ("x", "x"), ("weight", "w"))
            .Output("y");
        var model = program.Read();
        Assert.Equal(Precision.Float32, model.Precision);
        Assert.DoesNotContain(model.OpOutputs, o => o.Name == "w");
        Assert.Equal([0.5f, 10f], program.Run(new() { ["x"] = Data([1, 2], 1, 1) })["y"]);
    }

    [Fact]
    public void Lut_to_dense_ios16_unpacks_indices_from_the_low_bits_up()
    {
        // 2-bit indices [1, 2, 3, 0, 3]: byte 0 = 1 | 2<<2 | 3<<4 | 0<<6 = 57, byte 1 = 3. lut [10, 20, 30, 40].
        var output = new MilTestProgram("CoreML6")
            .Input("x", DataType.Float32, 5)
            .Op("constexpr_lut_to_dense", "w", DataType.Float32, [5],
                ("indices", Bytes(DataType.Uint8, [2], 57, 3)), ("lut", Floats([4], 10, 20, 30, 40)), ("shape", IntTensor(DataType.Uint32, [1], 5)))
            .Op("add", "y", DataType.Float32, [5], ("x", "x"), ("y", "w"))
            .Output("y")
            .Run(new() { ["x"] = Data([5], 0, 0, 0, 0, 0) });
        Assert.Equal([20f, 30f, 40f, 10f, 40f], output["y"]);
    }

    [Fact]
    public void Lut_to_dense_ios18_gives_each_block_its_own_table_and_fp16_weights_leave_the_program_fp32()
    {
        // uint2 indices [[2, 3], [1, 0]] packed as 2 | 3<<2 | 1<<4 = 30; lut [2, 1, 4, 1]: row 0 uses [1, 5, 9, 13], row 1 [2, 10, 18, 26].
        var program = new MilTestProgram("CoreML8")
            .Input("x", DataType.Float32, 2, 2)
            .Op("constexpr_lut_to_dense", "w", DataType.Float16, [2, 2],
                ("indices", Bytes(DataType.Uint2, [2, 2], 30)), ("lut", Floats(DataType.Float16, [2, 1, 4, 1], 1, 5, 9, 13, 2, 10, 18, 26)))
            .Op("add", "y", DataType.Float32, [2, 2], ("x", "x"), ("y", "w"))
            .Output("y");
        Assert.Equal(Precision.Float32, program.Read().Precision);
        Assert.Equal([9f, 13f, 10f, 2f], program.Run(new() { ["x"] = Data([2, 2], 0, 0, 0, 0) })["y"]);
    }

    [Fact]
    public void Sparse_to_dense_places_the_values_at_the_set_mask_bits()
    {
        // iOS 16 mask byte 0b10110 = 22 sets elements 1, 2 and 4; iOS 18 mask is a uint1 tensor of the output shape (same bits).
        var output = new MilTestProgram("CoreML8")
            .Input("x", DataType.Float32, 5)
            .Op("constexpr_sparse_to_dense", "a", DataType.Float32, [5],
                ("nonzero_data", Floats([3], 7, 8, 9)), ("mask", Bytes(DataType.Uint8, [1], 22)), ("shape", IntTensor(DataType.Uint32, [1], 5)))
            .Op("constexpr_sparse_to_dense", "b", DataType.Float32, [5], ("nonzero_data", Floats([3], 7, 8, 9)), ("mask", Bytes(DataType.Uint1, [5], 22)))
            .Op("add", "y", DataType.Float32, [5], ("x", "a"), ("y", "b"))
            .Output("y")
            .Run(new() { ["x"] = Data([5], 0, 0, 0, 0, 0) });
        Assert.Equal([0f, 14f, 16f, 0f, 18f], output["y"]);
    }

    [Fact]
    public void Blockwise_shift_scale_applies_each_blocks_scale_and_offset()
    {
        // data [[1, 2, 3, 4], [5, 6, 7, 8]], scale [[1, 2], [3, 4]], offset [[0, 1], [2, 3]]: blocks of 1 x 2.
        // Row 0: 1·(1 - 0), 1·(2 - 0), 2·(3 - 1), 2·(4 - 1) = 1, 2, 4, 6; row 1: 3·(5 - 2), 3·(6 - 2), 4·(7 - 3), 4·(8 - 3) = 9, 12, 16, 20.
        var output = new MilTestProgram("CoreML8")
            .Input("x", DataType.Float32, 2, 4)
            .Op("constexpr_blockwise_shift_scale", "w", DataType.Float32, [2, 4],
                ("data", Bytes(DataType.Int8, [2, 4], 1, 2, 3, 4, 5, 6, 7, 8)), ("scale", Floats([2, 2], 1, 2, 3, 4)), ("offset", Bytes(DataType.Int8, [2, 2], 0, 1, 2, 3)))
            .Op("add", "y", DataType.Float32, [2, 4], ("x", "x"), ("y", "w"))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 4], new float[8]) });
        Assert.Equal([1f, 2f, 4f, 6f, 9f, 12f, 16f, 20f], output["y"]);
    }

    [Fact]
    public void A_declared_shape_that_differs_from_the_decompressed_one_is_a_format_error()
    {
        var program = new MilTestProgram("CoreML8")
            .Input("x", DataType.Float32, 5)
            .Op("constexpr_sparse_to_dense", "w", DataType.Float32, [4], ("nonzero_data", Floats([3], 7, 8, 9)), ("mask", Bytes(DataType.Uint1, [5], 22)))
            .Op("add", "y", DataType.Float32, [5], ("x", "x"), ("y", "w"))
            .Output("y");
        var error = Assert.Throws<ModelFormatException>(() => program.Read());
        Assert.Contains("constexpr_sparse_to_dense", error.Message, StringComparison.Ordinal);
    }
}
