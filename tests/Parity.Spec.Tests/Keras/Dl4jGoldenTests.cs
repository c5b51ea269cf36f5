using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;
using PureHDF;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// The Deeplearning4j test models ($PARITY_FIXTURES/real/malfaro2__dl4j-test-resources, Apache-2.0) come with
/// *_inputs_and_outputs.h5 files that real Keras wrote: inputs/&lt;input layer&gt;, predictions/&lt;output layer&gt;
/// (model.predict) and sometimes activations/&lt;layer&gt;. Parity must reproduce every one of them, for the full-model
/// file and for the weights file read with its JSON config.
/// </summary>
public class Dl4jGoldenTests
{
    private const double RelativeBound = KerasOracle.RelativeBound;

    private static string Examples(string root) =>
        Path.Combine(root, "real", "malfaro2__dl4j-test-resources", "modelimport", "keras", "examples");

    public static TheoryData<string, bool> Models()
    {
        var data = new TheoryData<string, bool>();
        var root = RepositoryPaths.SharedFixtures;
        if (root is null)
        {
            data.Add("", false);
            return data;
        }
        foreach (var golden in Directory.EnumerateFiles(Examples(root), "*_inputs_and_outputs.h5", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stem = Path.GetRelativePath(Examples(root), golden)[..^"_inputs_and_outputs.h5".Length];
            data.Add(stem, false);
            data.Add(stem, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Reproduces_what_keras_computed(string stem, bool weightsAndConfig)
    {
        var root = RepositoryPaths.RequireSharedFixtures();
        var prefix = Path.Combine(Examples(root), stem);
        using var golden = H5File.OpenRead(prefix + "_inputs_and_outputs.h5");
        if (!golden.LinkExists("predictions"))
        {
            // simple_lstm_tf_keras_2 stores only inputs/ and outputs/; its outputs are not what the model predicts
            // (they differ from every Keras implementation's prediction), so they look like training targets.
            Assert.Skip("this file has no predictions/ group (its outputs/ hold training targets, not model.predict).");
        }
        var inputs = Datasets(golden, "inputs");
        var expected = Datasets(golden, "predictions").Concat(golden.LinkExists("activations") ? Datasets(golden, "activations") : []).ToList();

        var options = new KerasReadOptions
        {
            ConfigPath = weightsAndConfig ? prefix + "_config.json" : null,
        };
        var file = KerasFile.Open(weightsAndConfig ? prefix + "_weights.h5" : prefix + "_model.h5", options.ConfigPath);
        var names = KerasModelConfig.Parse(file.ModelConfig, file.Path).Inputs.Select(i => i.Layer).ToList();
        var model = KerasGraphReader.Read(file, options with
        {
            InputShapes = names.Select((n, i) => (n, inputs[i].Value.Shape)).ToDictionary(p => p.n, p => p.Shape),
        });
        // Keras 1 named a Sequential model's implicit input after a per-session counter ("lstm_input_1"), which the
        // file does not record; Parity names it "<first layer>_input" as Keras 2 does, so inputs are matched by order.
        Assert.Equal(inputs.Count, model.Graph.Inputs.Count);
        var feed = model.Graph.Inputs.Select((v, i) => (v.Name, inputs[i].Value)).ToDictionary(p => p.Name, p => p.Value);
        using var recorder = new RecordingObserver();
        using var result = model.Graph.Compile(feed.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(feed, new ExecutionOptions { Observer = recorder });

        foreach (var (layer, want) in expected)
        {
            var value = model.LayerValues.FirstOrDefault(l => l.Layer == layer && l.Node == 0 && l.Tensor == 0)?.Value
                ?? throw new InvalidOperationException($"the model has no layer '{layer}' ({string.Join(", ", model.LayerValues.Select(l => l.Layer))}).");
            var got = recorder.Values[value];
            Assert.True(got.Length == want.Length, $"{layer}: Parity gives {got.Shape}, Keras {want.Shape}");
            var scale = 1.0;
            foreach (var v in want.Floats) scale = Math.Max(scale, Math.Abs(v));
            using var actual = got.ToFloat32();
            var diff = TensorComparison.MaxAbsDifference(want.Floats, actual.Floats);
            Assert.True(diff <= RelativeBound * scale, $"{layer}: max abs diff {diff:G3} > {RelativeBound * scale:G3}");
        }
        Assert.NotEmpty(expected);
    }

    /// <summary>fullconfigs/cnn: Conv2D, BatchNormalization, Activation, Conv2D, Flatten, Dense (Keras 2.1.3) on 5 inputs.</summary>
    [Fact]
    public void Cnn_with_batch_norm_reproduces_its_predictions()
    {
        var root = RepositoryPaths.RequireSharedFixtures();
        var folder = Path.Combine(root, "real", "malfaro2__dl4j-test-resources", "modelimport", "keras", "fullconfigs", "cnn");
        using var input = Npy.Read(Path.Combine(folder, "input.npy")).ToFloat32();
        using var want = Npy.Read(Path.Combine(folder, "predictions.npy")).ToFloat32();
        var file = KerasFile.Open(Path.Combine(folder, "cnn_batch_norm.h5"));
        var name = Assert.Single(KerasModelConfig.Parse(file.ModelConfig, file.Path).Inputs).Layer;
        var model = KerasGraphReader.Read(file, new KerasReadOptions { InputShapes = new Dictionary<string, Shape> { [name] = input.Shape } });
        var feed = new Dictionary<string, Tensor> { [model.Graph.Inputs[0].Name] = input };
        using var result = model.Graph.Compile(feed.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(feed);
        using var got = result.Outputs[model.Graph.Outputs[0]].ToFloat32();
        Assert.Equal(want.Shape, got.Shape);
        var scale = 1.0;
        foreach (var v in want.Floats) scale = Math.Max(scale, Math.Abs(v));
        var diff = TensorComparison.MaxAbsDifference(want.Floats, got.Floats);
        Assert.True(diff <= RelativeBound * scale, $"max abs diff {diff:G3} > {RelativeBound * scale:G3}");
    }

    private static List<(string Name, Tensor Value)> Datasets(IH5Group file, string group)
    {
        var list = new List<(string, Tensor)>();
        foreach (var child in ((IH5Group)file.Get(group)).Children())
        {
            if (child is not IH5Dataset dataset) continue;
            var shape = new Shape(dataset.Space.Dimensions.Select(d => (int)d).ToArray());
            var values = dataset.Type.Size == 8 ? Array.ConvertAll(dataset.Read<double[]>(), v => (float)v) : dataset.Read<float[]>();
            list.Add((child.Name, Tensor.FromSpan<float>(values, shape)));
        }
        return list;
    }
}
