using Parity.Engine.Tensors;

namespace Parity.Cli.Tests;

public class RunCommandTests
{
    [Fact]
    public void Run_writes_outputs_and_every_layer_and_repeats_exactly_for_a_seed()
    {
        var folder = NewFolder();
        try
        {
            var (code, output, error) = CliRunner.Run("run", CliRunner.MnistH5, "--output", folder, "--dump-layers", "--seed", "7");
            Assert.True(code == ExitCodes.Agree, error);
            Assert.Contains("Wrote 12 file(s)", output);

            using var probabilities = Npy.Read(Path.Combine(folder, "dense_2.npy"));
            Assert.Equal(new Shape(1, 10), probabilities.Shape);
            // dense_2 ends in softmax: ten probabilities summing to 1.
            Assert.Equal(1.0, probabilities.Floats.ToArray().Sum(), 5);
            Assert.Equal(11, Directory.GetFiles(Path.Combine(folder, "layers")).Length);

            var again = NewFolder();
            CliRunner.Run("run", CliRunner.MnistH5, "--output", again, "--seed", "7");
            using var repeated = Npy.Read(Path.Combine(again, "dense_2.npy"));
            Assert.True(probabilities.ContentEquals(repeated));
            Directory.Delete(again, recursive: true);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Run_never_replaces_existing_files_without_overwrite()
    {
        var folder = NewFolder();
        try
        {
            var mine = Path.Combine(folder, "dense_2.npy");
            File.WriteAllText(mine, "the user's own file");

            var (code, _, error) = CliRunner.Run("run", CliRunner.MnistH5, "--output", folder);

            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("--overwrite", error);
            Assert.Equal("the user's own file", File.ReadAllText(mine));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Given_inputs_are_used_and_unknown_input_names_are_refused()
    {
        var folder = NewFolder();
        try
        {
            var input = Path.Combine(folder, "zeros.npy");
            using (var zeros = Tensor.Zeros(1, 28, 28, 1)) Npy.Write(input, zeros);
            var first = CliRunner.Run("run", CliRunner.MnistH5, "--input", $"conv2d_1_input={input}", "--seed", "1");
            var second = CliRunner.Run("run", CliRunner.MnistH5, "--input", $"conv2d_1_input={input}", "--seed", "2");
            Assert.Equal(ExitCodes.Agree, first.ExitCode);
            Assert.Equal(first.Output, second.Output); // the seed only feeds inputs that were not given

            var (code, _, error) = CliRunner.Run("run", CliRunner.MnistH5, "--input", $"image={input}");
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("conv2d_1_input", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string NewFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
