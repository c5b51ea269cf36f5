using Parity.Spec.CoreML.Format.Mil;
using Parity.Spec.CoreML.MLProgram;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>The opset coverage table and the report for op types Parity does not execute.</summary>
public class MilOpsetsTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_registered_builder_names_an_op_type_some_opset_defines()
    {
        var defined = MilOpsets.Defined(18);
        Assert.All(MilOps.Supported, op => Assert.Contains(op, defined));
    }

    [Fact]
    public void The_table_marks_supported_unsupported_and_undefined_per_opset()
    {
        var table = MilOpsets.CoverageTable();
        output.WriteLine(table);
        Assert.Contains("| reduce_sum | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| constexpr_affine_dequantize | - | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| constexpr_blockwise_shift_scale | - | - | - | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| non_zero | no | no | no | no |", table, StringComparison.Ordinal);
        Assert.Contains("| gather | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| gather_nd | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| scatter_along_axis | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| scatter_nd | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| constexpr_lut_to_dense | - | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| constexpr_lut_to_sparse | - | - | - | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| constexpr_sparse_blockwise_shift_scale | - | - | - | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| while_loop * | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| reverse | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| sliding_windows | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| space_to_batch | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.Contains("| one_hot * | yes | yes | yes | yes |", table, StringComparison.Ordinal);
        Assert.True(MilOpsets.IsSupported("const", 15));
        Assert.False(MilOpsets.IsSupported("pixel_unshuffle", 15));
        Assert.True(MilOpsets.IsSupported("pixel_unshuffle", 16));
    }

    [Fact]
    public void An_op_type_without_a_builder_is_reported_with_its_type_and_output_name_and_the_rest_still_builds()
    {
        var model = new MilTestProgram()
            .Input("x", DataType.Float32, 3)
            .Op("non_zero", "nz", DataType.Int32, null, ("x", "x"))
            .Op("abs", "y", DataType.Float32, [3], ("x", "x"))
            .Output("y", "nz")
            .Read();
        var layer = Assert.Single(model.Unsupported);
        Assert.Equal(("nz", "non_zero"), (layer.Name, layer.Type));
        Assert.Contains("non_zero", layer.Reason, StringComparison.Ordinal);
        Assert.Single(model.Outputs);
    }
}
