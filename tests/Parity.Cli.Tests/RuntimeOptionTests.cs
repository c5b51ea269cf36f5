namespace Parity.Cli.Tests;

public class RuntimeOptionTests
{
    private const string NeedsMacOS = "parity: the Core ML runtime needs macOS 12 or later; the managed reference runs everywhere";

    // The model files do not exist: the refusal must come first, before any model is read.
    [Theory]
    [InlineData("run", "absent.mlmodel", null, "coreml")]
    [InlineData("run", "absent.mlpackage", null, "coreml:cpu")]
    [InlineData("check", "absent.h5", "absent.mlmodel", "coreml:all-units")]
    [InlineData("diff", "absent.h5", "absent.mlmodel", "coreml:ane")]
    public void Core_ml_off_macos_exits_2_with_one_line_and_runs_nothing(string command, string first, string? second, string runtime)
    {
        if (OperatingSystem.IsMacOS()) Assert.Skip("Checks the refusal on other systems; this is macOS.");
        string[] args = second is null ? [command, first, "--runtime", runtime] : [command, first, second, "--runtime", runtime];

        var (code, output, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal(NeedsMacOS, error.TrimEnd('\r', '\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void An_unknown_runtime_lists_the_choices()
    {
        var (code, _, error) = CliRunner.Run("run", CliRunner.MnistH5, "--runtime", "tpu");
        Assert.Equal(2, code);
        Assert.Contains("--runtime 'tpu' is not understood; expected managed, coreml, coreml:cpu", error);
    }

    [Fact]
    public void Probe_needs_the_core_ml_runtime()
    {
        var (code, _, error) = CliRunner.Run("check", "absent.h5", "absent.mlpackage", "--probe", "var_12");
        Assert.Equal(2, code);
        Assert.Contains("--probe needs --runtime coreml", error);
    }

    [Fact]
    public void The_managed_runtime_is_the_default_and_can_be_named()
    {
        var (named, namedOutput, _) = CliRunner.Run("run", CliRunner.MnistH5, "--runtime", "managed");
        var (unnamed, unnamedOutput, _) = CliRunner.Run("run", CliRunner.MnistH5);
        Assert.Equal(0, named);
        Assert.Equal(0, unnamed);
        Assert.Equal(unnamedOutput, namedOutput);
    }

    [Fact]
    public void Dump_layers_is_refused_on_core_ml_because_only_outputs_come_from_the_device()
    {
        if (!OperatingSystem.IsMacOS()) Assert.Skip("On other systems --runtime coreml is refused before this check.");
        var (code, _, error) = CliRunner.Run("run", "absent.mlmodel", "--runtime", "coreml", "--dump-layers");
        Assert.Equal(2, code);
        Assert.Contains("--dump-layers needs --runtime managed", error);
    }
}
