using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// One keras-js golden case (tests/fixtures/keras/transcranial__keras-js): the layer calls of CASES.json turned into a
/// Keras 2 Functional model config, the case's weights in get_weights() order, its inputs and Keras's expected output.
/// </summary>
internal sealed partial class KerasJsCase
{
    public static string Folder => Path.Combine(RepositoryPaths.Fixtures, "keras", "transcranial__keras-js");

    private static readonly Lazy<JsonObject> Cases = new(() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Folder, "CASES.json")))!["layers"]!.AsObject());

    private static readonly Lazy<JsonObject> Graphs = new(() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Folder, "CASES.json")))!["graphs"]!.AsObject());

    private static readonly Lazy<Dictionary<string, JsonObject>> Data = new(() =>
    {
        var all = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Folder, "test", "data"), "*.json", SearchOption.AllDirectories))
        {
            foreach (var (key, value) in JsonNode.Parse(System.IO.File.ReadAllText(file))!.AsObject()) all[key] = value!.AsObject();
        }
        return all;
    });

    private KerasJsCase(string key, KerasFile file, IReadOnlyList<Tensor> inputs, Tensor expected, bool stateful)
    {
        Stateful = stateful;
        Key = key;
        File = file;
        Inputs = inputs;
        Expected = expected;
    }

    public static IEnumerable<string> Keys => Cases.Value.Select(kv => kv.Key);

    public static IEnumerable<string> GraphKeys => Graphs.Value.Select(kv => kv.Key);

    public string Key { get; }

    public KerasFile File { get; }

    public IReadOnlyList<Tensor> Inputs { get; }

    public Tensor Expected { get; }

    /// <summary>True when the inputs hold the case's sequence twice (see <see cref="Load"/>).</summary>
    public bool Stateful { get; }

    public static KerasJsCase Load(string key)
    {
        var meta = Cases.Value[key]!.AsObject();
        var data = Data.Value[key];
        Tensor[] inputs = [ToTensor(data["input"]!, batch: true)];
        // Stateful cases ran model.predict twice and kept the second result, which started from the state the first
        // left. Running once on the sequence repeated twice along time computes the same thing (with go_backwards too:
        // reverse(x ++ x) = reverse(x) ++ reverse(x)); the second run's outputs are the trailing steps.
        var stateful = meta["layer_calls"]!.AsArray().Any(c => c!["kwargs"]?["stateful"]?.GetValue<bool>() == true);
        if (stateful) inputs[0] = Repeated(inputs[0]);
        var expected = ToTensor(data["expected"]!, batch: true);
        var weights = (data["weights"]?.AsArray() ?? []).Select(n => ToTensor(n!, batch: false)).ToList();

        // "L" entries are the notebooks' `L(layer_0)` calls of the layer constructed just before, not layers.
        var calls = meta["layer_calls"]!.AsArray().Select(c => c!.AsObject()).Where(c => c["class_name"]!.GetValue<string>() != "L").ToList();
        if (calls.Count == 0) calls = [ImpliedCall(key)];
        var embedding = EmbeddingDims().Match(meta["description"]?.GetValue<string>() ?? "");

        // Merge cases run the same number of layers in several branches off the one input, then merge the branches.
        var merge = MergeClasses.Contains(calls[^1]["class_name"]!.GetValue<string>());
        var branches = merge ? calls.Count(c => c["class_name"]!.GetValue<string>() == "Dense") : 1;
        var perBranch = merge ? (calls.Count - 1) / branches : calls.Count;
        var layers = new JsonArray
        {
            Layer("input_1", "InputLayer", new JsonObject
            {
                ["batch_input_shape"] = new JsonArray([null, .. inputs[0].Shape.Dims[1..].ToArray().Select(d => (JsonNode)d)]),
                ["dtype"] = "float32",
            }, []),
        };
        var ends = new List<string>();
        var ordered = new List<(string Layer, int Count)>();
        for (var b = 0; b < branches; b++)
        {
            var previous = "input_1";
            for (var c = 0; c < perBranch; c++)
            {
                var call = calls[b * perBranch + c];
                var (className, config, skip) = Config(call, c + 1 < calls.Count ? calls[b * perBranch + c + 1] : null, embedding);
                var name = $"layer_{b}_{c}";
                layers.Add(Layer(name, className, config, [previous]));
                ordered.Add((name, WeightCount(className, config)));
                previous = name;
                c += skip;
            }
            ends.Add(previous);
        }
        if (merge)
        {
            var (className, config, _) = Config(calls[^1], null, embedding);
            layers.Add(Layer("merge", className, config, ends));
            ends = ["merge"];
        }

        var model = new JsonObject
        {
            ["class_name"] = "Model",
            ["config"] = new JsonObject
            {
                ["name"] = "case",
                ["layers"] = layers,
                ["input_layers"] = new JsonArray(new JsonArray("input_1", 0, 0)),
                ["output_layers"] = new JsonArray(new JsonArray(ends[0], 0, 0)),
            },
        };
        return new KerasJsCase(key, new KerasFile(key, "2.1.2", "tensorflow", model, AssignWeights(ordered, weights)), inputs, expected, stateful);
    }

    /// <summary>
    /// A multi-input graph case: the notebook's node list (Python variables reassigned along a branch become distinct
    /// layers) as a Functional config. Weights follow Keras 2.1's model.layers order: deepest layers first (depth =
    /// longest path to the output), ties in the order a depth-first walk from the output, inputs in order, meets them.
    /// </summary>
    public static KerasJsCase LoadGraph(string key)
    {
        var nodes = Graphs.Value[key]!["graph"]!.AsArray().Select(n => n!.AsObject()).ToList();
        var data = Data.Value[key];
        var inputs = data["inputs"]!.AsArray().Select(n => ToTensor(n!, batch: true)).ToList();
        var weights = data["weights"]!.AsArray().Select(n => ToTensor(n!, batch: false)).ToList();

        var layers = new JsonArray();
        var variables = new Dictionary<string, string>();
        var inboundOf = new Dictionary<string, List<string>>();
        var countOf = new Dictionary<string, int>();
        var inputNames = new List<string>();
        string output = "";
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var variable = node["name"]!.GetValue<string>();
            var className = node["class_name"]!.GetValue<string>();
            if (className == "Model")
            {
                output = variables[node["kwargs"]!["outputs"]!.GetValue<string>()];
                continue;
            }
            var name = $"node_{i}";
            if (className == "Input")
            {
                var shape = node["kwargs"]!["shape"]!.AsArray();
                layers.Add(Layer(name, "InputLayer", new JsonObject
                {
                    ["batch_input_shape"] = new JsonArray([null, .. shape.Select(d => d!.DeepClone())]),
                    ["dtype"] = "float32",
                }, []));
                inputNames.Add(name);
            }
            else
            {
                var sources = node["inputs"]!.AsArray().Select(v => v!.GetValue<string>())
                    .SelectMany(v => v.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    .Select(v => variables[v]).ToList();
                var call = node.DeepClone().AsObject();
                call["kwargs"]!.AsObject().Remove("name");
                var (layerClass, config, _) = Config(call, null, Match.Empty);
                layers.Add(Layer(name, layerClass, config, sources));
                inboundOf[name] = sources;
                countOf[name] = WeightCount(layerClass, config);
            }
            variables[variable] = name;
        }

        var depth = new Dictionary<string, int>();
        var discovery = new List<string>();
        void Walk(string layer, int d)
        {
            if (!depth.TryGetValue(layer, out var known) || known < d) depth[layer] = d;
            if (!discovery.Contains(layer)) discovery.Add(layer);
            foreach (var source in inboundOf.GetValueOrDefault(layer) ?? []) Walk(source, d + 1);
        }
        Walk(output, 0);
        var ordered = inboundOf.Keys.OrderByDescending(l => depth[l]).ThenBy(discovery.IndexOf).Select(l => (l, countOf[l])).ToList();

        var model = new JsonObject
        {
            ["class_name"] = "Model",
            ["config"] = new JsonObject
            {
                ["name"] = key,
                ["layers"] = layers,
                ["input_layers"] = new JsonArray(inputNames.Select(n => (JsonNode)new JsonArray(n, 0, 0)).ToArray()),
                ["output_layers"] = new JsonArray(new JsonArray(output, 0, 0)),
            },
        };
        return new KerasJsCase(key, new KerasFile(key, "2.1.2", "tensorflow", model, AssignWeights(ordered, weights)),
            inputs, ToTensor(data["expected"]!, batch: true), stateful: false);
    }

    // The weights list is flat; layers take theirs in model order: a fixed count, or (count < 0) whatever the fixed-count
    // layers leave. A Bidirectional wrapper's weights are forward then backward, named so the reader tells them apart.
    private static Dictionary<string, IReadOnlyList<KerasWeight>> AssignWeights(IReadOnlyList<(string Layer, int Count)> layers, List<Tensor> weights)
    {
        var result = new Dictionary<string, IReadOnlyList<KerasWeight>>();
        var rest = weights.Count - layers.Where(l => l.Count > 0).Sum(l => l.Count);
        var next = 0;
        foreach (var (layer, count) in layers.Where(l => l.Count != 0))
        {
            var own = weights.Skip(next).Take(count > 0 ? count : rest).ToList();
            next += own.Count;
            result[layer] = own.Select((w, k) => new KerasWeight(
                $"{layer}/{(count == -2 ? (k < own.Count / 2 ? "forward" : "backward") : "w")}_{k}:0", w)).ToList();
        }
        return result;
    }

    // How many weights a layer owns: 0 for weightless layers, -1 for "the rest" (a single weighted layer), -2 for a
    // Bidirectional wrapper (also the rest, split in two). Dense in merge chains owns kernel and bias.
    private static int WeightCount(string className, JsonObject config) => className switch
    {
        "Dense" or "Conv2D" => config["use_bias"]?.GetValue<bool>() == false ? 1 : 2,
        "Bidirectional" => -2,
        "Dropout" or "GaussianDropout" or "GaussianNoise" or "RepeatVector" or "Activation" or "Flatten" or "Reshape" or "Permute"
            or "LeakyReLU" or "ELU" or "ThresholdedReLU" or "ReLU" => 0,
        _ when className.Contains("Pooling", StringComparison.Ordinal) || className.StartsWith("ZeroPadding", StringComparison.Ordinal)
            || className.StartsWith("Cropping", StringComparison.Ordinal) || className.StartsWith("UpSampling", StringComparison.Ordinal) => 0,
        _ => -1,
    };

    private static JsonObject Layer(string name, string className, JsonObject config, List<string> inputs)
    {
        config["name"] = name;
        var layer = new JsonObject { ["class_name"] = className, ["name"] = name, ["config"] = config };
        layer["inbound_nodes"] = inputs.Count == 0
            ? new JsonArray()
            : new JsonArray(new JsonArray(inputs.Select(i => (JsonNode)new JsonArray(i, 0, 0, new JsonObject())).ToArray()));
        return layer;
    }

    /// <summary>The layer's Keras 2 config from the notebook's constructor call; skip = 1 when the next call is the wrapped layer.</summary>
    private static (string ClassName, JsonObject Config, int Skip) Config(JsonObject call, JsonObject? next, Match embedding)
    {
        var className = call["class_name"]!.GetValue<string>();
        var args = call["args"]!.AsArray();
        var config = call["kwargs"]!.DeepClone().AsObject();
        string[] positional = className switch
        {
            "Conv1D" or "Conv2D" or "Conv2DTranspose" or "Conv3D" or "SeparableConv2D" => ["filters", "kernel_size"],
            "Dense" or "SimpleRNN" or "GRU" or "LSTM" => ["units"],
            "Dropout" or "GaussianDropout" => ["rate"],
            "GaussianNoise" => ["stddev"],
            "Permute" => ["dims"],
            "RepeatVector" => ["n"],
            "Reshape" => ["target_shape"],
            "Activation" => ["activation"],
            _ => [],
        };
        if (className is "Bidirectional" or "TimeDistributed")
        {
            var (innerClass, innerConfig, _) = Config(next!, null, embedding);
            config["layer"] = new JsonObject { ["class_name"] = innerClass, ["config"] = innerConfig };
            return (className, config, 1);
        }
        if (className == "Embedding")
        {
            config["input_dim"] = int.Parse(embedding.Groups[1].Value, CultureInfo.InvariantCulture);
            config["output_dim"] = int.Parse(embedding.Groups[2].Value, CultureInfo.InvariantCulture);
            config["input_length"] = int.Parse(embedding.Groups[3].Value, CultureInfo.InvariantCulture);
            return (className, config, 0);
        }
        for (var i = 0; i < positional.Length && i < args.Count; i++) config[positional[i]] = args[i]!.DeepClone();
        // Keras expands an int kernel_size/strides to every spatial axis; write what the saved config would hold.
        var rank = className switch { "Conv2D" or "Conv2DTranspose" or "SeparableConv2D" => 2, "Conv3D" => 3, _ => 1 };
        foreach (var key in new[] { "kernel_size", "strides", "dilation_rate" })
        {
            if (config[key] is JsonValue v && v.TryGetValue<int>(out var n)) config[key] = new JsonArray(Enumerable.Repeat((JsonNode)n, rank).Select(x => x.DeepClone()).ToArray());
        }
        return (className, config, 0);
    }

    // Cases of activations.json call the activation function itself: activations.<name>.<i>.
    private static JsonObject ImpliedCall(string key)
    {
        var parts = key.Split('.');
        var description = Cases.Value[key]!["description"]?.GetValue<string>() ?? "";
        var alpha = Regex.Match(description, @"alpha=([0-9.]+)");
        var maxValue = Regex.Match(description, @"max_value=([0-9.]+)");
        JsonObject Call(string className, JsonObject kwargs, params JsonNode[] args) =>
            new() { ["class_name"] = className, ["args"] = new JsonArray(args), ["kwargs"] = kwargs };
        double Number(Match m) => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return (parts[0], parts[1]) switch
        {
            ("core", "Flatten") => Call("Flatten", []),
            ("activations", "elu") when alpha.Success => Call("ELU", new JsonObject { ["alpha"] = Number(alpha) }),
            ("activations", "relu") when alpha.Success => Call("ReLU", new JsonObject { ["negative_slope"] = Number(alpha) }),
            ("activations", "relu") when maxValue.Success => Call("ReLU", new JsonObject { ["max_value"] = Number(maxValue) }),
            ("activations", var name) => Call("Activation", [], name),
            _ => throw new InvalidOperationException($"case {key} has no layer calls and is not an activation case."),
        };
    }

    private static readonly HashSet<string> MergeClasses = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Dot"];

    [GeneratedRegex(@"input_dim (\d+), output_dim (\d+), input_length=(\d+)")]
    private static partial Regex EmbeddingDims();

    private static Tensor Repeated(Tensor sequence)
    {
        var data = sequence.Floats.ToArray();
        return Tensor.FromArray([.. data, .. data], [1, 2 * sequence.Shape[1], .. sequence.Shape.Dims[2..].ToArray()]);
    }

    private static Tensor ToTensor(JsonNode node, bool batch)
    {
        var data = node["data"]!.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();
        var shape = node["shape"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();
        return Tensor.FromArray(data, batch ? [1, .. shape] : shape);
    }

}
