using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// The iOS 18 weight-compression forms (MIL iOS18/compression.py): vector palettization, lut_to_sparse and
/// sparse_blockwise_shift_scale chained into sparse_to_dense, and sub-byte indices packed least significant bit first
/// across byte boundaries (coremltools' pack_elements_into_bits).
/// </summary>
public class MilCompressionIos18Tests
{
    /// <summary>Runs y = x + w for a zero x of <paramref name="shape"/>, so y shows the decompressed weight w.</summary>
    private static float[] Decompressed(MilTestProgram program, params int[] shape) =>
        program.Input("x", DataType.Float32, shape)
            .Op("add", "y", DataType.Float32, shape, ("x", "x"), ("y", "w"))
            .Output("y")
            .Run(new() { ["x"] = Data(shape, new float[shape.Aggregate(1, (a, b) => a * b)]) })["y"];

    // uint1 indices [[[0, 0], [1, 0]], [[1, 1], [0, 0]]]: bits 0,0,1,0,1,1,0,0 from the low bit up = 4 + 16 + 32 = 52.
    // lut [1, 1, 1, 2, 3]: entry 0 is a = [1, 2, 3], entry 1 is b = [10, 20, 30] (coremltools' Case 2).
    private static MilTestProgram VectorLut(int vectorAxis, int[] outputShape) => new MilTestProgram("CoreML8")
        .Op("constexpr_lut_to_dense", "w", DataType.Float32, outputShape,
            ("indices", Bytes(DataType.Uint1, [2, 2, 2], 52)), ("lut", Floats([1, 1, 1, 2, 3], 1, 2, 3, 10, 20, 30)), ("vector_axis", Int(vectorAxis)));

    [Fact]
    public void Vector_palettization_along_the_last_axis_lays_each_vector_out_in_a_row()
    {
        // vector_axis 2: output [2, 2, 6] = [[a, a], [b, a]], [[b, b], [a, a]] with each vector written along the row.
        Assert.Equal(
            [1f, 2, 3, 1, 2, 3, 10, 20, 30, 1, 2, 3, 10, 20, 30, 10, 20, 30, 1, 2, 3, 1, 2, 3],
            Decompressed(VectorLut(2, [2, 2, 6]), 2, 2, 6));
    }

    [Fact]
    public void Vector_palettization_along_a_middle_axis_lays_each_vector_down_a_column()
    {
        // vector_axis 1: output [2, 6, 2]; index [i, c, k] writes its vector to rows 3c..3c+2 of column k in batch i.
        // Batch 0 rows: [a0 a0] [a1 a1] [a2 a2] [b0 a0] [b1 a1] [b2 a2]; batch 1: [b0 b0] [b1 b1] [b2 b2] [a0 a0] [a1 a1] [a2 a2].
        Assert.Equal(
            [1f, 1, 2, 2, 3, 3, 10, 1, 20, 2, 30, 3, 10, 10, 20, 20, 30, 30, 1, 1, 2, 2, 3, 3],
            Decompressed(VectorLut(1, [2, 6, 2]), 2, 6, 2));
    }

    [Fact]
    public void Three_bit_indices_cross_byte_boundaries_low_bit_first()
    {
        // uint3 [5, 3, 6]: bits (low first) 1,0,1 | 1,1,0 | 0,1,1 -> byte 0 = 1 + 4 + 8 + 16 + 128 = 157, byte 1 = 1.
        // lut [1, 8, 1] = 0, 10, ..., 70, so w = [50, 30, 60].
        var program = new MilTestProgram("CoreML8")
            .Op("constexpr_lut_to_dense", "w", DataType.Float32, [3],
                ("indices", Bytes(DataType.Uint3, [3], 157, 1)), ("lut", Floats([1, 8, 1], 0, 10, 20, 30, 40, 50, 60, 70)));
        Assert.Equal([50f, 30f, 60f], Decompressed(program, 3));
    }

    [Fact]
    public void A_vector_lut_without_vector_axis_is_a_format_error()
    {
        var program = new MilTestProgram("CoreML8")
            .Input("x", DataType.Float32, 2)
            .Op("constexpr_lut_to_dense", "w", DataType.Float32, [2, 2],
                ("indices", Bytes(DataType.Uint1, [2, 1], 1)), ("lut", Floats([1, 1, 2, 2], 1, 2, 3, 4)))
            .Op("relu", "y", DataType.Float32, [2], ("x", "x"))
            .Output("y");
        var error = Assert.Throws<ModelFormatException>(() => program.Read());
        Assert.Contains("vector_axis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lut_to_sparse_with_vectors_then_sparse_to_dense()
    {
        // indices_mask [[1, 0], [1, 1]] (bits 1,0,1,1 = 13), nonzero indices uint1 [1, 0, 1] (= 5): dense [[1, .], [0, 1]].
        // lut [1, 1, 2, 2]: entry 0 = [2, 2.5], entry 1 = [3, 3.5]; vector_axis 0 writes each vector down two rows:
        // dense [[3, .], [3.5, .], [2, 3], [2.5, 3.5]], mask repeated along axis 0 = [[1, 0], [1, 0], [1, 1], [1, 1]],
        // nonzero values in mask order [3, 3.5, 2, 3, 2.5, 3.5]; sparse_to_dense puts 0 in the gaps.
        var program = new MilTestProgram("CoreML8")
            .Op("constexpr_lut_to_sparse", [("m", DataType.Uint1, [4, 2]), ("d", DataType.Float32, [6])],
                ("indices_mask", Bytes(DataType.Uint1, [2, 2], 13)), ("indices_nonzero_data", Bytes(DataType.Uint1, [3], 5)),
                ("lut", Floats([1, 1, 2, 2], 2, 2.5f, 3, 3.5f)), ("vector_axis", Int(0)))
            .Op("constexpr_sparse_to_dense", "w", DataType.Float32, [4, 2], ("nonzero_data", "d"), ("mask", "m"));
        Assert.Equal([3f, 0, 3.5f, 0, 2, 3, 2.5f, 3.5f], Decompressed(program, 4, 2));
    }

    [Fact]
    public void Sparse_blockwise_shift_scale_dequantizes_each_nonzero_by_its_dense_column_then_sparse_to_dense()
    {
        // coremltools' example with scale [[1, 2, 3, 4]] (per column) and offset [[1, 2, 3, 4]]:
        // mask rows 1100 / 1110 / 0011 / 1100 (bits low first: byte 0 = 1 + 2 + 16 + 32 + 64 = 115, byte 1 = 4 + 8 + 16 + 32 = 60),
        // nonzero [10, 11, 3, 4, 5, 6, 7, 8, 9] -> (10-1)·1, (11-2)·2, (3-1)·1, (4-2)·2, (5-3)·3, (6-3)·3, (7-4)·4, (8-1)·1, (9-2)·2.
        var program = new MilTestProgram("CoreML8")
            .Op("constexpr_sparse_blockwise_shift_scale", [("m", DataType.Uint1, [4, 4]), ("d", DataType.Float32, [9])],
                ("data_mask", Bytes(DataType.Uint1, [4, 4], 115, 60)), ("nonzero_data", Bytes(DataType.Int8, [9], 10, 11, 3, 4, 5, 6, 7, 8, 9)),
                ("scale", Floats([1, 4], 1, 2, 3, 4)), ("offset", Bytes(DataType.Int8, [1, 4], 1, 2, 3, 4)))
            .Op("constexpr_sparse_to_dense", "w", DataType.Float32, [4, 4], ("nonzero_data", "d"), ("mask", "m"));
        Assert.Equal([9f, 18, 0, 0, 2, 4, 6, 0, 0, 0, 9, 12, 7, 14, 0, 0], Decompressed(program, 4, 4));
    }
}
