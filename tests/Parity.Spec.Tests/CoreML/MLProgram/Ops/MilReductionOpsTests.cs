using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>The reduce_* ops on x = [[1, -2, 3], [4, 5, -6]] (rows reduced over axis 1) with hand-computed results.</summary>
public class MilReductionOpsTests
{
    private static readonly float[] X = [1, -2, 3, 4, 5, -6];

    [Theory]
    [InlineData("reduce_sum", 2.0, 3.0)]                 // 1 - 2 + 3; 4 + 5 - 6
    [InlineData("reduce_max", 3.0, 5.0)]
    [InlineData("reduce_min", -2.0, -6.0)]
    [InlineData("reduce_prod", -6.0, -120.0)]            // 1·-2·3; 4·5·-6
    [InlineData("reduce_l1_norm", 6.0, 15.0)]
    [InlineData("reduce_l2_norm", 3.7416573867739413, 8.774964387392123)] // sqrt(14); sqrt(77)
    [InlineData("reduce_sum_square", 14.0, 77.0)]
    [InlineData("reduce_log_sum_exp", 3.1328452337275756, 5.313273897365323)] // log(e + e^-2 + e^3); log(e^4 + e^5 + e^-6)
    public void Reduces_each_row(string op, double first, double second)
    {
        var output = Rows(op, X, keepDims: false);
        Assert.Equal(2, output.Length);
        Assert.Equal(first, output[0], 5);
        Assert.Equal(second, output[1], 5);
    }

    [Fact]
    public void Reduce_log_sum_is_the_log_of_the_sum()
    {
        // log(1 + 2 + 3) = log 6; log(4 + 5 + 6) = log 15.
        var output = Rows("reduce_log_sum", [1, 2, 3, 4, 5, 6], keepDims: true);
        Assert.Equal(Math.Log(6), output[0], 5);
        Assert.Equal(Math.Log(15), output[1], 5);
    }

    [Fact]
    public void Without_axes_every_axis_is_reduced_to_a_scalar()
    {
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 3)
            .Op("reduce_max", "y", DataType.Float32, [], ("x", "x"))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 3], X) });
        Assert.Equal([5f], output["y"]);
    }

    [Theory]
    [InlineData("reduce_argmax", 2, 1)]
    [InlineData("reduce_argmin", 1, 2)]
    public void Arg_reductions_return_int32_positions_along_the_last_axis_by_default(string op, int first, int second)
    {
        var model = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 3)
            .Op(op, "y", DataType.Int32, [2], ("x", "x"))
            .Output("y");
        var output = model.Run(new() { ["x"] = Data([2, 3], X) });
        Assert.Equal([first, second], output["y"]);
    }

    [Fact]
    public void Int32_inputs_reduce_to_int32()
    {
        // Column sums of [[1, 2], [3, 4]]: [4, 6].
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1)
            .Const("c", IntTensor(DataType.Int32, [2, 2], 1, 2, 3, 4))
            .Op("reduce_sum", "y", DataType.Int32, [2], ("x", "c"), ("axes", Ints(0)))
            .Output("y")
            .Run(new() { ["x"] = Data([1], 0) });
        Assert.Equal([4f, 6f], output["y"]);
    }

    [Fact]
    public void An_fp16_program_rounds_the_sum_to_half()
    {
        // 2048 + 1 = 2049 is not a half (halves are 2 apart there): round half to even gives 2048. A float32 run keeps 2049.
        var program = new MilTestProgram()
            .Input("x", DataType.Float16, 1, 2)
            .Op("reduce_sum", "y", DataType.Float16, [1], ("x", "x"), ("axes", Ints(1)))
            .Output("y");
        Assert.Equal([2048f], program.Run(new() { ["x"] = Data([1, 2], 2048, 1) })["y"]);
        Assert.Equal([2049f], program.Run(new() { ["x"] = Data([1, 2], 2048, 1) }, Precision.Float32)["y"]);
    }

    private static float[] Rows(string op, float[] x, bool keepDims) =>
        new MilTestProgram()
            .Input("x", DataType.Float32, 2, 3)
            .Op(op, "y", DataType.Float32, keepDims ? [2, 1] : [2], ("x", "x"), ("axes", Ints(1)), ("keep_dims", Bool(keepDims)))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 3], x) })["y"];
}
