namespace Parity.Cli.Tests;

public class InspectCommandTests
{
    [Fact]
    public void Inspect_shows_inputs_layers_shapes_and_the_parameter_total()
    {
        var (code, output, error) = CliRunner.Run("inspect", CliRunner.MnistH5);

        Assert.Equal(ExitCodes.Agree, code);
        Assert.Equal("", error);
        Assert.Contains("Keras version: 2.1.5", output);
        Assert.Contains("conv2d_1_input: float32[?, 28, 28, 1]", output);
        // 28 -> pool 14 -> pool 7 -> pool 3 (floor), 32 channels: what Keras's model.summary() prints for this model.
        Assert.Contains("[1, 3, 3, 32]", output);
        Assert.Contains("Total params: 158,086", output);
    }

    [Theory]
    [InlineData("missing.h5", "does not exist")]
    [InlineData("model.onnx", "not a model format")]
    public void Bad_files_give_one_line_and_exit_code_2(string file, string expected)
    {
        var (code, _, error) = CliRunner.Run("inspect", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(file, error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(ExitCodes.BadInput, CliRunner.Run("inspect").ExitCode);
        Assert.Equal(ExitCodes.BadInput, CliRunner.Run("frobnicate").ExitCode);
    }
}
