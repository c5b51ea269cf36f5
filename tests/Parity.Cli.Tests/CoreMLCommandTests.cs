namespace Parity.Cli.Tests;

public class CoreMLCommandTests
{
    private static string MnistMlmodel => Path.Combine(CliRunner.Repository, "examples", "mnist", "MNIST.mlmodel");

    [Fact]
    public void Inspect_shows_preprocessing_labels_shapes_and_the_same_parameter_total_as_the_keras_source()
    {
        var (code, output, error) = CliRunner.Run("inspect", MnistMlmodel);

        Assert.True(code == ExitCodes.Agree, error);
        Assert.Contains("neuralNetworkClassifier", output);
        // coremltools was called with image_scale=1/255 (examples/mnist/PROVENANCE.md): 1/255 = 0.00392157.
        Assert.Contains("GRAYSCALE, y = 0.00392157 * x + [0]", output);
        Assert.Contains("Class labels: 10", output);
        Assert.Contains("[1, 32, 3, 3]", output);
        // The converter copied all 10 weight tensors of the Keras model, whose oracle counted 158,086 parameters.
        Assert.Contains("Total params: 158,086", output);
    }

    [Fact]
    public void Run_gives_ten_class_probabilities()
    {
        var (code, output, error) = CliRunner.Run("run", MnistMlmodel, "--seed", "4");

        Assert.True(code == ExitCodes.Agree, error);
        Assert.Contains("output", output);
        Assert.Contains("[1, 10, 1, 1]", output);
        Assert.Contains("0.1", output); // the mean of ten probabilities
    }

    [Fact]
    public void Running_a_model_type_parity_cannot_execute_exits_3_with_its_type()
    {
        var encoder = new Parity.Spec.CoreML.Format.Model
        {
            SpecificationVersion = 1,
            Description = new Parity.Spec.CoreML.Format.ModelDescription(),
            OneHotEncoder = new Parity.Spec.CoreML.Format.OneHotEncoder(),
        };
        var model = Path.Combine(Path.GetTempPath(), $"parity-encoder-{Guid.NewGuid():N}.mlmodel");
        File.WriteAllBytes(model, Google.Protobuf.MessageExtensions.ToByteArray(encoder));
        try
        {
            var (code, _, error) = CliRunner.Run("run", model);

            Assert.Equal(ExitCodes.Unsupported, code);
            Assert.Contains("oneHotEncoder", error);
        }
        finally
        {
            File.Delete(model);
        }
    }
}
