using Parity.Engine.Tensors;

namespace Parity.Cli.Tests;

/// <summary>`parity check --source-outputs DIR CONVERTED --input NAME=FILE` on the generated PyTorch conversions, and `--input` pictures.</summary>
public class CheckSourceOutputsTests
{
    private static string Case(string name)
    {
        var root = Environment.GetEnvironmentVariable("PARITY_FIXTURES");
        var folder = root is null ? null : Path.Combine(root, "generated", name);
        if (folder is null || !Directory.Exists(folder)) Assert.Skip($"PARITY_FIXTURES is not set or has no generated/{name}.");
        return folder!;
    }

    [Theory]
    [InlineData("torch_small_cnn", "SmallCNN.mlmodel", "input")]
    [InlineData("torch_mini_unet", "MiniUNet.mlmodel", "input")]
    [InlineData("torch_lstm2", "Lstm2.mlmodel", "sequence")]
    public void A_faithful_conversion_agrees_with_the_recorded_source(string name, string converted, string input)
    {
        var folder = Case(name);

        // atol/rtol as each case.json states for its .mlmodel.
        var (code, output, error) = CliRunner.Run("check", "--source-outputs", folder, Path.Combine(folder, converted),
            "--input", $"{input}={Path.Combine(folder, "input.npy")}", "--tolerance", "atol=1e-5,rtol=1e-3");

        Assert.True(code == ExitCodes.Agree, output + error);
        Assert.Contains("recorded tensors", output);
    }

    [Fact]
    public void A_tampered_recording_exits_1_and_names_the_tampered_layer()
    {
        var folder = Case("torch_mini_unet");
        var dump = Path.Combine(Path.GetTempPath(), $"parity-dump-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dump);
        try
        {
            foreach (var file in Directory.GetFiles(folder, "*.npy").Append(Path.Combine(folder, "case.json")))
            {
                File.Copy(file, Path.Combine(dump, Path.GetFileName(file)));
                File.SetAttributes(Path.Combine(dump, Path.GetFileName(file)), FileAttributes.Normal);
            }
            float[] data;
            Shape shape;
            using (var tensor = Npy.Read(Path.Combine(dump, "act_enc_bn.npy")))
            {
                (data, shape) = (tensor.Floats.ToArray(), tensor.Shape);
            }
            data[100] -= 0.5f;
            using (var changed = Tensor.FromSpan<float>(data, shape)) Npy.Write(Path.Combine(dump, "act_enc_bn.npy"), changed);

            var (code, output, error) = CliRunner.Run("check", "--source-outputs", dump, Path.Combine(folder, "MiniUNet.mlmodel"),
                "--input", $"input={Path.Combine(dump, "input.npy")}", "--tolerance", "atol=1e-5,rtol=1e-3");

            Assert.True(code == ExitCodes.Disagree, output + error);
            Assert.Contains("divergence point: layer 'enc_bn'", output.ReplaceLineEndings(" ").Replace("  ", " "));
        }
        finally
        {
            Directory.Delete(dump, true);
        }
    }

    [Fact]
    public void A_picture_feeds_an_image_input_and_a_source_model_with_source_outputs_is_refused()
    {
        var folder = Case("torch_mobilenet_v2");
        var converted = Path.Combine(folder, "MobileNetV2_image.mlmodel");

        // The recorded activations came from input.npy = torchvision's normalisation of image.png; the image model gets the raw PNG.
        var (code, output, error) = CliRunner.Run("check", "--source-outputs", folder, converted, "--input", $"image={Path.Combine(folder, "image.png")}",
            "--layers", "outputs", "--tolerance", "atol=4e-5,rtol=1e-3");
        Assert.True(code == ExitCodes.Agree, output + error);

        var both = CliRunner.Run("check", CliRunner.MnistH5, converted, "--source-outputs", folder);
        Assert.Equal(ExitCodes.BadInput, both.ExitCode);
        var wrongSize = CliRunner.Run("check", "--source-outputs", folder, converted, "--input", $"image={Path.Combine(CliRunner.Repository, "tests", "fixtures", "MNIST.mlmodel")}");
        Assert.Equal(ExitCodes.BadInput, wrongSize.ExitCode);
    }
}
