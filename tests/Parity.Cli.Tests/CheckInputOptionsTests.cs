namespace Parity.Cli.Tests;

/// <summary>`parity check --shape` and `--input` on models in the repository.</summary>
public class CheckInputOptionsTests
{
    private static string Dl4j(string file) => Path.Combine(CliRunner.Repository, "tests", "fixtures", "keras", "malfaro2__dl4j-test-resources", file);

    private static string MnistMlmodel => Path.Combine(CliRunner.Repository, "examples", "mnist", "MNIST.mlmodel");

    [Fact]
    public void A_fully_convolutional_source_checked_at_another_size_is_re_read_and_says_so()
    {
        // A single Conv2D declared for [?, 5, 5, 5], checked against itself fed 9x7.
        var model = Dl4j("conv2d_theano_2.h5");

        var (code, output, error) = CliRunner.Run("check", model, model, "--shape", "conv2d_1_input=1x9x7x5");

        Assert.True(code == ExitCodes.Agree, output + error);
        Assert.Contains("fully convolutional", output);
    }

    [Fact]
    public void A_shape_a_fixed_size_Core_ML_input_does_not_take_is_refused()
    {
        var (code, _, error) = CliRunner.Run("check", CliRunner.MnistH5, MnistMlmodel, "--shape", "image=1x1x30x30");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("28x28 only", error);
    }

    [Fact]
    public void A_given_npy_input_is_fed_to_both_models()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"parity-input-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var digit = Path.Combine(folder, "digit.npy");
            var pixels = Enumerable.Range(0, 784).Select(i => (float)(i % 28 * 9)).ToArray();
            using (var tensor = Engine.Tensors.Tensor.FromSpan<float>(pixels, new Engine.Tensors.Shape(1, 1, 28, 28))) Engine.Tensors.Npy.Write(digit, tensor);

            var (code, output, error) = CliRunner.Run("check", CliRunner.MnistH5, MnistMlmodel, "--input", $"image={digit}", "--source-preprocess", "unit");

            Assert.True(code == ExitCodes.Agree, output + error);
            Assert.Contains("'image' from the given file(s)", output.ReplaceLineEndings(" "));
            Assert.Equal(ExitCodes.BadInput, CliRunner.Run("check", CliRunner.MnistH5, MnistMlmodel, "--input", $"image={Path.Combine(folder, "x.txt")}").ExitCode);
            Assert.Equal(ExitCodes.BadInput, CliRunner.Run("check", CliRunner.MnistH5, MnistMlmodel, "--input", $"nope={digit}").ExitCode);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
