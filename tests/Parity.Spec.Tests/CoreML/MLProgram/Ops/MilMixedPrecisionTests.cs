using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// An fp16 program that keeps some ops in fp32 (as coremltools does for lstm): values the program declares fp32 are not
/// rounded to half by a Float16 run, values it declares fp16 are.
/// </summary>
public class MilMixedPrecisionTests
{
    [Fact]
    public void Fp32_inputs_and_op_results_stay_unrounded_while_fp16_results_round()
    {
        // x = 2049 (fp32, not a half). y = x + 2 = 2051 declared fp32: kept. z = cast(y, fp16): 2051 is a tie between the
        // halves 2050 and 2052 (step 2 in [2048, 4096)), to the even mantissa: 2052. w = z + 1 = 2053 declared fp16: tie
        // between 2052 and 2054 -> 2052. Rounding everything would have given x -> 2048, y = 2050.
        var program = new MilTestProgram()
            .Input("x", DataType.Float32, 1)
            .Op("add", "y", DataType.Float32, [1], ("x", "x"), ("y", Floats([1], 2)))
            .Op("cast", "z", DataType.Float16, [1], ("x", "y"), ("dtype", MilTestProgram.String("fp16")))
            .Op("add", "w", DataType.Float16, [1], ("x", "z"), ("y", Floats(DataType.Float16, [1], 1)))
            .Output("y", "z", "w");
        var model = program.Read();
        Assert.Equal(Precision.Float16, model.Precision);
        Assert.Contains("x", model.Graph.Float32Values);
        Assert.Contains(model.Outputs["y"], model.Graph.Float32Values);
        Assert.DoesNotContain(model.Outputs["w"], model.Graph.Float32Values);

        var output = program.Run(new() { ["x"] = Data([1], 2049) });
        Assert.Equal([2051f], output["y"]);
        Assert.Equal([2052f], output["z"]);
        Assert.Equal([2052f], output["w"]);
    }

    [Fact]
    public void An_op_with_an_integer_result_computes_in_float32()
    {
        // s = x + [0, 0.25] (fp32) = [2049, 2049.25], kept, so argmax = 1. Rounded to half both would be 2048 and argmax
        // would take the first, 0. The fp16 cast makes it an fp16 program: 2049 ties to the even half 2048.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 2)
            .Op("add", "s", DataType.Float32, [2], ("x", "x"), ("y", Floats([2], 0, 0.25f)))
            .Op("reduce_argmax", "i", DataType.Int32, [], ("x", "s"), ("axis", Int(0)))
            .Op("cast", "h", DataType.Float16, [2], ("x", "x"), ("dtype", MilTestProgram.String("fp16")))
            .Output("i", "h")
            .Run(new() { ["x"] = Data([2], 2049, 2049) });
        Assert.Equal([1f], output["i"]);
        Assert.Equal([2048f, 2048f], output["h"]);
    }

    [Fact]
    public void An_fp32_constant_read_by_an_fp32_op_keeps_its_value()
    {
        // y = x + 0.1 (fp32 constant) with x = 0: float32 0.1. A constant rounded to half would give 0.0999755859375.
        // The cast makes it an fp16 program; its own result rounds: h = 0.0999755859375.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1)
            .Const("tenth", Floats([1], 0.1f))
            .Op("add", "y", DataType.Float32, [1], ("x", "x"), ("y", "tenth"))
            .Op("cast", "h", DataType.Float16, [1], ("x", "y"), ("dtype", MilTestProgram.String("fp16")))
            .Output("y", "h")
            .Run(new() { ["x"] = Data([1], 0) });
        Assert.Equal([0.1f], output["y"]);
        Assert.Equal([0.0999755859375f], output["h"]);
    }
}
