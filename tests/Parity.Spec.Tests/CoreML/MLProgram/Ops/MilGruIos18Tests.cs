using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>iOS 18's gru arguments reset_after and input_bias: their defaults run, other values are reported, never ignored.</summary>
public class MilGruIos18Tests
{
    private static MilTestProgram Gru(params (string Name, object Binding)[] extra) => new MilTestProgram("CoreML8")
        .Input("x", DataType.Float32, 1, 1, 1)
        .Op("gru", [("y", DataType.Float32, [1, 1, 1]), ("h", DataType.Float32, [1, 1])],
            [("x", "x"), ("initial_h", Floats([1, 1], 0)), ("weight_ih", Floats([3, 1], 0, 0, 0)), ("weight_hh", Floats([3, 1], 0, 0, 0)), .. extra])
        .Op("relu", "r", DataType.Float32, [1, 1, 1], ("x", "x"))
        .Output("r", "y");

    [Fact]
    public void Default_reset_after_and_zero_input_bias_run()
    {
        // All weights 0: z = sigmoid(0) = 0.5, candidate tanh(0) = 0, h = (1 - z)·0 + z·0 = 0.
        var output = Gru(("reset_after", MilTestProgram.Bool(false)), ("input_bias", Floats([3], 0, 0, 0))).Run(new() { ["x"] = Data([1, 1, 1], 2) });
        Assert.Equal([0f], output["y"]);
    }

    [Theory]
    [InlineData(true, 0f)]
    [InlineData(false, 1f)]
    public void Reset_after_or_a_nonzero_input_bias_is_reported_unsupported(bool resetAfter, float inputBias)
    {
        var model = Gru(("reset_after", MilTestProgram.Bool(resetAfter)), ("input_bias", Floats([3], inputBias, 0, 0))).Read();
        var layer = Assert.Single(model.Unsupported);
        Assert.Equal("gru", layer.Type);
        Assert.Contains("reset_after", layer.Reason, StringComparison.Ordinal);
    }
}
