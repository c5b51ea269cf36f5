using Google.Protobuf;
using Parity.Spec.CoreML;

namespace Parity.Cli.Tests;

/// <summary>`parity check` on the bundled real Keras / Core ML pair, faithful and with a conversion mistake planted.</summary>
public class CheckCommandPairTests
{
    private static string MnistMlmodel => Path.Combine(CliRunner.Repository, "examples", "mnist", "MNIST.mlmodel");

    [Fact]
    public void The_real_conversion_agrees_layer_by_layer()
    {
        var (code, output, error) = CliRunner.Run("check", CliRunner.MnistH5, MnistMlmodel);

        Assert.True(code == ExitCodes.Agree, output + error);
        Assert.Contains("AGREE", output);
        Assert.Contains("11 matched value(s)", output);
    }

    [Fact]
    public void The_real_conversion_agrees_with_its_stated_pipeline()
    {
        // The notebook fed the model x / 255 (image_scale=1/255 in the convert call): the 'unit' pipeline.
        var (code, output, error) = CliRunner.Run("check", CliRunner.MnistH5, MnistMlmodel, "--source-preprocess", "unit");
        Assert.True(code == ExitCodes.Agree, output + error);
    }

    [Fact]
    public void A_wrong_image_bias_is_caught_at_the_first_layer()
    {
        // A mistaken conversion: the scaler adds 0.1 to every pixel after scaling, which the Keras pipeline never did.
        var file = CoreMLModelFile.Load(MnistMlmodel);
        file.Model.NeuralNetworkClassifier.Preprocessing[0].Scaler.GrayBias = 0.1f;
        var broken = Path.Combine(Path.GetTempPath(), $"parity-broken-{Guid.NewGuid():N}.mlmodel");
        File.WriteAllBytes(broken, file.Model.ToByteArray());
        try
        {
            // The default would give the source the converted model's own (wrong) bias; stating the real pipeline exposes it.
            var (code, output, error) = CliRunner.Run("check", CliRunner.MnistH5, broken, "--source-preprocess", "unit");

            Assert.True(code == ExitCodes.Disagree, output + error);
            Assert.Contains("conv2d_1", output.Split("DISAGREE")[1]);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
