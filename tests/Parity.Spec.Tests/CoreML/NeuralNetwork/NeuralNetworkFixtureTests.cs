using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// The MNIST classifier example, and a conformance sweep: every NeuralNetwork .mlmodel in the shared fixtures either
/// builds and runs on seeded random inputs, or reports its unsupported layers by name.
/// </summary>
public class NeuralNetworkFixtureTests(ITestOutputHelper output)
{
    [Fact]
    public void MNIST_classifier_scales_its_grayscale_image_and_yields_ten_probabilities_and_a_label()
    {
        var model = CoreMLGraphReader.Read(Path.Combine(RepositoryPaths.Examples, "mnist", "MNIST.mlmodel"));
        Assert.Empty(model.Unsupported);
        var preprocessing = Assert.Single(model.Preprocessing).Value;
        Assert.Equal("GRAYSCALE", preprocessing.ColorSpace);
        Assert.Equal(1f / 255, preprocessing.Scale, 1e-7f);
        var classifier = Assert.IsType<CoreMLClassifierInfo>(model.Classifier);
        Assert.Equal(10, classifier.ClassCount);

        var input = model.Graph.Inputs.Single();
        Assert.Equal(new Shape(1, 1, 28, 28), input.Type.Shape);
        using var pixels = RandomInput(input.Type.Shape, 255, new Random(7));
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { [input.Name] = pixels });
        var probabilities = result[classifier.ProbabilityValue].Floats.ToArray();
        Assert.Equal(10, probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1.0, probabilities.Sum(p => (double)p), 1e-5);
        var best = Array.IndexOf(probabilities, probabilities.Max());
        Assert.False(string.IsNullOrEmpty(classifier.LabelOf(best)));
    }

    public static TheoryData<string> SharedNetworks()
    {
        var data = new TheoryData<string>();
        if (RepositoryPaths.SharedFixtures is not { } root)
        {
            data.Add("");
            return data;
        }
        foreach (var folder in new[] { "real", "generated" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.mlmodel", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, file));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SharedNetworks))]
    public void Every_shared_network_runs_or_names_its_unsupported_layers(string relativePath)
    {
        var root = RepositoryPaths.RequireSharedFixtures();
        var file = CoreMLModelFile.Load(Path.Combine(root, relativePath));
        if (file.Model.TypeCase is not (Model.TypeOneofCase.NeuralNetwork or Model.TypeOneofCase.NeuralNetworkClassifier or Model.TypeOneofCase.NeuralNetworkRegressor))
        {
            output.WriteLine($"{relativePath}: {file.Model.TypeCase}, not a NeuralNetwork");
            return;
        }
        CoreMLModel model;
        try
        {
            model = CoreMLGraphReader.Read(file);
        }
        catch (UnsupportedLayerException e)
        {
            output.WriteLine($"{relativePath}: nothing built; {e.Layer}");
            Assert.False(string.IsNullOrEmpty(e.Layer.Name));
            return;
        }
        foreach (var layer in model.Unsupported) output.WriteLine($"{relativePath}: unsupported {layer}");

        var random = new Random(1);
        var executable = model.ToExecutable();
        var inputs = model.Graph.Inputs.ToDictionary(i => i.Name, i => executable.IndexCount(i.Name) is { } vocabulary
            ? RandomIds(i.Type.Shape, vocabulary, random)
            : RandomInput(i.Type.Shape, model.Preprocessing.ContainsKey(i.Name) ? 255 : 1, random));
        using var result = Executor.Run(model.Graph, inputs);
        Assert.True(result.Completed, string.Join("; ", result.Failures));
        foreach (var value in model.Graph.Outputs) Assert.All(result[value].Floats.ToArray(), v => Assert.True(float.IsFinite(v)));
        output.WriteLine($"{relativePath}: ran, {model.Graph.Nodes.Count} nodes, {model.Unsupported.Count} unsupported");
        foreach (var tensor in inputs.Values) tensor.Dispose();
    }

    /// <summary>Token ids for an input that feeds an embedding: whole numbers below the vocabulary size.</summary>
    private static Tensor RandomIds(Shape shape, int vocabulary, Random random) =>
        Tensor.FromArray(Enumerable.Range(0, shape.ElementCount).Select(_ => (float)random.Next(vocabulary)).ToArray(), shape.Dims.ToArray());

    /// <summary>Seeded values: images get whole pixels 0..255, arrays values in [-1, 1).</summary>
    private static Tensor RandomInput(Shape shape, int pixelMax, Random random)
    {
        var values = new float[shape.ElementCount];
        for (var i = 0; i < values.Length; i++) values[i] = pixelMax > 1 ? random.Next(pixelMax + 1) : (float)(random.NextDouble() * 2 - 1);
        return Tensor.FromArray(values, shape.Dims.ToArray());
    }
}
