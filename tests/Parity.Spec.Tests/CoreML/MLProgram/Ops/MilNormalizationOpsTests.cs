using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>instance_norm, layer_norm, l2_norm and local_response_norm on hand-computed cases.</summary>
public class MilNormalizationOpsTests
{
    [Fact]
    public void Instance_norm_normalizes_each_channel_over_its_positions_then_scales_and_shifts()
    {
        // Channel 0 [1, 3]: mean 2, variance 1 -> [-1, 1], times gamma 2 -> [-2, 2].
        // Channel 1 [2, 6]: mean 4, variance 4 -> [-1, 1], plus beta 1 -> [0, 2].
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1, 2, 1, 2)
            .Op("instance_norm", "y", DataType.Float32, [1, 2, 1, 2], ("x", "x"), ("gamma", Floats([2], 2, 1)), ("beta", Floats([2], 0, 1)), ("epsilon", Float(0)))
            .Output("y")
            .Run(new() { ["x"] = Data([1, 2, 1, 2], 1, 3, 2, 6) });
        Assert.Equal([-2f, 2f, 0f, 2f], output["y"]);
    }

    [Fact]
    public void Layer_norm_over_the_last_axis_applies_gamma_and_beta_per_position()
    {
        // Row [1, 3]: mean 2, var 1 -> [-1, 1]; row [0, 4]: mean 2, var 4 -> [-1, 1]. gamma [1, 2], beta [0, 0.5] -> [-1, 2.5].
        // Default epsilon 1e-5 changes the first row by a factor 1/sqrt(1 + 1e-5), under 1e-5 relative.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 2)
            .Op("layer_norm", "y", DataType.Float32, [2, 2], ("x", "x"), ("axes", Ints(-1)), ("gamma", Floats([2], 1, 2)), ("beta", Floats([2], 0, 0.5f)))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 2], 1, 3, 0, 4) });
        AssertClose([-1, 2.5f, -1, 2.5f], output["y"], 1e-4);
    }

    [Fact]
    public void Layer_norm_without_axes_normalizes_the_whole_tensor()
    {
        // [1, 2, 3, 4, 5, 6]: mean 3.5, variance 17.5/6 = 2.9167, sd 1.7078 -> (v - 3.5) / 1.7078.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 3)
            .Op("layer_norm", "y", DataType.Float32, [2, 3], ("x", "x"), ("epsilon", Float(0)))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 3], 1, 2, 3, 4, 5, 6) });
        var sd = Math.Sqrt(17.5 / 6);
        AssertClose(new[] { 1, 2, 3, 4, 5, 6 }.Select(v => (float)((v - 3.5) / sd)).ToArray(), output["y"], 1e-5);
    }

    [Fact]
    public void L2_norm_divides_the_last_three_axes_by_their_norm()
    {
        // [3, 4] / sqrt(9 + 16 + 1e-6) = [0.6, 0.8] per batch entry; the second entry [0, 5] -> [0, 1].
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 1, 1, 2)
            .Op("l2_norm", "y", DataType.Float32, [2, 1, 1, 2], ("x", "x"))
            .Output("y")
            .Run(new() { ["x"] = Data([2, 1, 1, 2], 3, 4, 0, 5) });
        AssertClose([0.6f, 0.8f, 0, 1], output["y"], 1e-6);
    }

    [Fact]
    public void Local_response_norm_divides_by_the_windowed_sum_of_squares()
    {
        // size 3, alpha 3 (alpha / size = 1), beta 1, k 1, channels [1, 2, 3]:
        // c0 window {c0, c1}: 1 / (1 + 1 + 4) = 1/6; c1 {c0..c2}: 2 / (1 + 14) = 2/15; c2 {c1, c2}: 3 / (1 + 13) = 3/14.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1, 3, 1, 1)
            .Op("local_response_norm", "y", DataType.Float32, [1, 3, 1, 1], ("x", "x"), ("size", Int(3)), ("alpha", Float(3)), ("beta", Float(1)), ("k", Float(1)))
            .Output("y")
            .Run(new() { ["x"] = Data([1, 3, 1, 1], 1, 2, 3) });
        AssertClose([1f / 6, 2f / 15, 3f / 14], output["y"], 1e-6);
    }

    [Fact]
    public void Layer_norm_over_non_adjacent_axes_is_reported_unsupported_by_op_type_and_output_name()
    {
        var model = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 3, 4)
            .Op("layer_norm", "y", DataType.Float32, [2, 3, 4], ("x", "x"), ("axes", Ints(0, 2)))
            .Output("x")
            .Read();
        var layer = Assert.Single(model.Unsupported);
        Assert.Equal(("y", "layer_norm"), (layer.Name, layer.Type));
    }

    internal static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]} (tolerance {tolerance}).");
        }
    }
}
