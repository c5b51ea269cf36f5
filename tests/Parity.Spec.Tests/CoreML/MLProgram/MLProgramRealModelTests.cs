using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec.Tests.CoreML.MLProgram;

/// <summary>
/// A real ML Program from GitHub (../shared/fixtures/real/dhruvweaver__DrawMNIST, no license: shared fixtures only): an
/// fp16 classifier whose program adds 0.5 to the grayscale image, runs two dense layers and a softmax, and ends in a
/// classify op with int64 labels 0..9.
/// </summary>
public class MLProgramRealModelTests
{
    [Fact]
    public void The_DrawMNIST_classifier_loads_and_runs()
    {
        var path = Path.Combine(RepositoryPaths.RequireSharedFixtures(), "real", "dhruvweaver__DrawMNIST", "training", "MNIST.mlpackage");
        if (!Directory.Exists(path)) throw Xunit.Sdk.SkipException.ForSkip($"{path} is not in the shared fixtures.");

        var model = ModelFiles.Load(path);

        Assert.Empty(model.Unsupported);
        Assert.Equal(Precision.Float16, model.Precision);
        var image = model.ImageInputs["Input"];
        Assert.Equal("GRAYSCALE", image.ColorSpace);
        Assert.Equal(1f, image.Scale);
        Assert.Equal([0.5f], image.Bias);
        var input = model.Graph.Inputs.Single();
        Assert.Equal(new Shape(1, 1, 28, 28), input.Type.Shape);

        var pixels = new float[28 * 28];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (i * 37 % 256) / 255f;
        using var tensor = Tensor.FromArray(pixels, 1, 1, 28, 28);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { [input.Name] = tensor }, new ExecutionOptions { Precision = model.Precision });
        var label = model.Layers.Single(l => l.Name == "Prediction").Value;
        var probabilities = model.Layers.Single(l => l.Name == "Prediction_probs").Value;
        var predicted = result[label].Span<long>()[0];
        var p = result[probabilities].Floats.ToArray();

        Assert.Equal(10, p.Length);
        Assert.Equal(1.0, p.Sum(), 2);
        // The classes are 0..9 in order, so the label is the index of the largest probability.
        Assert.Equal(Array.IndexOf(p, p.Max()), (int)predicted);
    }

    [Fact]
    public void A_flexible_input_runs_at_the_default_shape_the_description_declares()
    {
        // rishabh01solanki__Forecasting-using-RNN/MyModel.mlpackage: an fp16 program of three dense layers whose input
        // dense_input is [?, 1] in the program and [1, 1] (batch 1 and up) in the model description.
        var model = ModelFiles.Load(CoreMLFixtureFiles.FullPath("rishabh01solanki__Forecasting-using-RNN/MyModel.mlpackage"));

        Assert.Empty(model.Unsupported);
        Assert.Equal(Precision.Float16, model.Precision);
        var input = model.Graph.Inputs.Single();
        Assert.Equal(new Shape(1, 1), input.Type.Shape);
        using var x = Tensor.FromArray([0.25f], 1, 1);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { [input.Name] = x }, new ExecutionOptions { Precision = model.Precision });
        Assert.Equal(new Shape(1, 1), result[model.Graph.Outputs.Single()].Shape);
    }
}
