using System.Text.Json.Nodes;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// Keras masks: Masking(mask_value) and Embedding(mask_zero=True) produce one, layers with supports_masking pass it on,
/// recurrent layers skip masked steps (keeping their state and repeating the previous output).
/// </summary>
public class KerasMaskingTests
{
    // SimpleRNN(1, activation=linear) with kernel 1, recurrent kernel 1, bias 1: h_t = x_t + h_{t-1} + 1.
    private static readonly JsonObject Rnn = new()
    {
        ["class_name"] = "SimpleRNN",
        ["config"] = new JsonObject { ["name"] = "rnn", ["units"] = 1, ["activation"] = "linear", ["return_sequences"] = true },
    };

    private static readonly KerasWeight[] RnnWeights =
    [
        new("rnn/kernel:0", Tensor.FromArray([1f], 1, 1)),
        new("rnn/recurrent_kernel:0", Tensor.FromArray([1f], 1, 1)),
        new("rnn/bias:0", Tensor.FromArray([1f], 1)),
    ];

    [Fact]
    public void Masking_zeroes_masked_steps_and_the_rnn_skips_them()
    {
        var masking = new JsonObject
        {
            ["class_name"] = "Masking",
            ["config"] = new JsonObject { ["name"] = "masking", ["mask_value"] = 0.0, ["batch_input_shape"] = new JsonArray(null, 3, 1) },
        };
        var values = Run(Sequential(masking, Rnn), new() { ["rnn"] = RnnWeights }, Tensor.FromArray([1f, 0f, 2f], 1, 3, 1));

        // Masking: x * any(x != 0) = [1, 0, 2]. RNN: h1 = 1 + 0 + 1 = 2; step 2 is masked, so h2 = h1 = 2;
        // h3 = 2 + 2 + 1 = 5. Without the mask it would be [2, 3, 6].
        Assert.Equal([1f, 0f, 2f], values["masking"]);
        Assert.Equal([2f, 2f, 5f], values["rnn"]);
    }

    [Fact]
    public void Embedding_with_mask_zero_masks_id_zero()
    {
        var embedding = new JsonObject
        {
            ["class_name"] = "Embedding",
            ["config"] = new JsonObject
            {
                ["name"] = "embedding", ["input_dim"] = 4, ["output_dim"] = 1, ["mask_zero"] = true,
                ["batch_input_shape"] = new JsonArray(null, 3),
            },
        };
        var dense = new JsonObject
        {
            ["class_name"] = "Dense",
            ["config"] = new JsonObject { ["name"] = "dense", ["units"] = 1, ["activation"] = "linear" },
        };
        var weights = new Dictionary<string, IReadOnlyList<KerasWeight>>
        {
            ["embedding"] = [new("embedding/embeddings:0", Tensor.FromArray([0f, 1f, 2f, 3f], 4, 1))],
            ["dense"] = [new("dense/kernel:0", Tensor.FromArray([1f], 1, 1)), new("dense/bias:0", Tensor.FromArray([0f], 1))],
            ["rnn"] = RnnWeights,
        };
        var values = Run(Sequential(embedding, dense, Rnn), weights, Tensor.FromArray([3f, 0f, 1f], 1, 3));

        // Rows [3, 0, 1] pass Dense (identity weights, which keeps the mask); ids != 0 -> mask [1, 0, 1].
        // h1 = 3 + 0 + 1 = 4; step 2 masked: h2 = 4; h3 = 1 + 4 + 1 = 6.
        Assert.Equal([3f, 0f, 1f], values["dense"]);
        Assert.Equal([4f, 4f, 6f], values["rnn"]);
    }

    /// <summary>
    /// dl4j's masking_zero_lstm.h5 (Masking(0) -> LSTM(32), Keras 2.2.0): with masked steps the LSTM keeps its state,
    /// so the output on a sequence with all-zero steps equals the output on that sequence with those steps removed.
    /// </summary>
    [Fact]
    public void Masked_steps_of_a_real_model_count_as_absent()
    {
        var root = RepositoryPaths.RequireSharedFixtures();
        var path = Path.Combine(root, "real", "malfaro2__dl4j-test-resources", "modelimport", "keras", "examples", "masking", "masking_zero_lstm.h5");
        var file = KerasFile.Open(path);
        var input = Assert.Single(KerasModelConfig.Parse(file.ModelConfig, path).Inputs).Layer;
        const int steps = 10, features = 42;
        int[] masked = [0, 3, 4, 9];
        var random = new Random(7);
        var full = new float[steps * features];
        var kept = new List<float>();
        for (var t = 0; t < steps; t++)
        {
            for (var f = 0; f < features; f++)
            {
                var v = masked.Contains(t) ? 0f : (float)(random.NextDouble() * 2 - 1);
                full[t * features + f] = v;
                if (!masked.Contains(t)) kept.Add(v);
            }
        }

        float[] Output(float[] data, int time)
        {
            var model = KerasGraphReader.Read(file, new KerasReadOptions { InputShapes = new Dictionary<string, Shape> { [input] = new(1, time, features) } });
            var feed = new Dictionary<string, Tensor> { [model.Graph.Inputs[0].Name] = Tensor.FromArray(data, 1, time, features) };
            using var result = model.Graph.Compile(feed.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(feed);
            return result.Outputs[model.Graph.Outputs[0]].Floats.ToArray();
        }

        var withMask = Output(full, steps);
        var without = Output([.. kept], steps - masked.Length);
        Assert.Equal(32, withMask.Length);
        Assert.True(TensorComparison.MaxAbsDifference(withMask, without) <= 1e-6, "masked steps changed the LSTM's output");
    }

    private static KerasFile Sequential(params JsonObject[] layers) =>
        new("masking-test", "2.2.4", "tensorflow",
            new JsonObject { ["class_name"] = "Sequential", ["config"] = new JsonArray(layers.Select(l => (JsonNode)l.DeepClone()).ToArray()) },
            new Dictionary<string, IReadOnlyList<KerasWeight>>());

    private static Dictionary<string, float[]> Run(KerasFile file, Dictionary<string, IReadOnlyList<KerasWeight>> weights, Tensor input)
    {
        var withWeights = new KerasFile(file.Path, file.KerasVersion, file.Backend, file.ModelConfig, weights);
        var model = KerasGraphReader.Read(withWeights);
        var feed = new Dictionary<string, Tensor> { [model.Graph.Inputs[0].Name] = input };
        using var recorder = new RecordingObserver();
        using var result = model.Graph.Compile(feed.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(feed, new ExecutionOptions { Observer = recorder });
        return model.LayerValues.ToDictionary(l => l.Layer, l => recorder.Values[l.Value].Floats.ToArray());
    }
}
