using System.Text.Json.Nodes;

namespace Parity.Spec.Keras;

/// <summary>
/// A Keras model config normalized across eras: Sequential (Keras 1 list form and the {name, layers} form) and
/// Functional (Keras 1/2 inbound_nodes lists and Keras 3 __keras_tensor__ args) become one list of layers with
/// explicit calls, plus the model's input and output tensors. Sequential models get an explicit input layer
/// named as Keras names it ("&lt;first layer&gt;_input") when the config only gives a batch_input_shape.
/// </summary>
public sealed record KerasModelConfig(
    string Name,
    string ClassName,
    IReadOnlyList<KerasLayerConfig> Layers,
    IReadOnlyList<KerasTensorRef> Inputs,
    IReadOnlyList<KerasTensorRef> Outputs)
{
    public static bool IsModelClass(string className) => className is "Sequential" or "Model" or "Functional";

    /// <summary>Parses {"class_name": ..., "config": ...}; <paramref name="file"/> names the source in errors.</summary>
    public static KerasModelConfig Parse(JsonObject modelConfig, string file)
    {
        var className = modelConfig["class_name"]?.GetValue<string>() ?? "";
        var config = modelConfig["config"];
        return className switch
        {
            "Sequential" => ParseSequential(config, file),
            "Model" or "Functional" => ParseFunctional(config as JsonObject
                ?? throw Error(file, "model_config", "a Functional model's config must be an object with \"layers\"."), className, file),
            _ => throw Error(file, "model_config", $"the top-level class is '{className}'; expected Sequential, Model or Functional."),
        };
    }

    private static KerasModelConfig ParseSequential(JsonNode? config, string file)
    {
        var (name, layerNodes) = config switch
        {
            JsonArray list => ("sequential", list),
            JsonObject obj when obj["layers"] is JsonArray list => (obj["name"]?.GetValue<string>() ?? "sequential", list),
            _ => throw Error(file, "model_config", "a Sequential config must be a list of layers or an object with \"layers\"."),
        };

        var layers = new List<KerasLayerConfig>();
        KerasTensorRef? previous = null;
        KerasTensorRef input = default;
        foreach (var node in layerNodes)
        {
            var (layerName, layerClass, layerConfig) = ReadLayerHeader(node, file);
            if (previous is null && layerClass != "InputLayer")
            {
                var batchShape = KerasShapes.BatchInputShape(layerConfig)
                    ?? throw Error(file, $"layer '{layerName}'", "the first layer of a Sequential model declares no input shape (batch_input_shape), so the model's input is unknown.");
                var inputName = layerName + "_input";
                var inputConfig = new JsonObject { ["name"] = inputName, ["batch_input_shape"] = batchShape.DeepClone() };
                if (layerConfig["dtype"] is JsonNode dtype) inputConfig["dtype"] = dtype.DeepClone();
                layers.Add(new KerasLayerConfig(inputName, "InputLayer", inputConfig, [], null));
                previous = input = new KerasTensorRef(inputName, 0, 0);
            }

            if (layerClass == "InputLayer")
            {
                layers.Add(new KerasLayerConfig(layerName, layerClass, layerConfig, [], null));
                previous = input = new KerasTensorRef(layerName, 0, 0);
                continue;
            }
            var call = new KerasLayerCall([previous!.Value], new Dictionary<string, IReadOnlyList<KerasTensorRef>>(), null);
            var nested = IsModelClass(layerClass) ? Parse((JsonObject)node!, file) : null;
            layers.Add(new KerasLayerConfig(layerName, layerClass, layerConfig, [call], nested));
            previous = new KerasTensorRef(layerName, 0, 0);
        }
        if (previous is null) throw Error(file, "model_config", "the Sequential model has no layers.");
        return new KerasModelConfig(name, "Sequential", layers, [input], [previous.Value]);
    }

    private static KerasModelConfig ParseFunctional(JsonObject config, string className, string file)
    {
        var layerNodes = config["layers"] as JsonArray ?? throw Error(file, "model_config", "a Functional config has no \"layers\" list.");
        var layers = new List<KerasLayerConfig>();
        foreach (var node in layerNodes)
        {
            var (layerName, layerClass, layerConfig) = ReadLayerHeader(node, file);
            var calls = new List<KerasLayerCall>();
            if (node!["inbound_nodes"] is JsonArray inbound)
            {
                foreach (var call in inbound) calls.Add(ReadCall(call, layerName, file));
            }
            var nested = IsModelClass(layerClass) ? Parse((JsonObject)node, file) : null;
            layers.Add(new KerasLayerConfig(layerName, layerClass, layerConfig, calls, nested));
        }
        return new KerasModelConfig(
            config["name"]?.GetValue<string>() ?? "model",
            className,
            layers,
            ReadEndpoints(config["input_layers"], "input_layers", file),
            ReadEndpoints(config["output_layers"], "output_layers", file));
    }

    private static (string Name, string ClassName, JsonObject Config) ReadLayerHeader(JsonNode? node, string file)
    {
        if (node is not JsonObject obj || obj["class_name"]?.GetValue<string>() is not string className)
        {
            throw Error(file, "model_config", $"a layer entry is not an object with \"class_name\": {Abbreviate(node)}");
        }
        var config = obj["config"] as JsonObject ?? [];
        var name = obj["name"]?.GetValue<string>() ?? config["name"]?.GetValue<string>()
            ?? throw Error(file, "model_config", $"a {className} layer has no name.");
        return (name, className, config);
    }

    // Keras 1/2: [["layer", node, tensor, {kwargs}], ...]. Keras 3: {"args": [...], "kwargs": {...}} with
    // {"class_name": "__keras_tensor__", "config": {"keras_history": [layer, node, tensor]}} wherever a tensor goes.
    private static KerasLayerCall ReadCall(JsonNode? call, string layer, string file)
    {
        var keywords = new Dictionary<string, IReadOnlyList<KerasTensorRef>>();
        switch (call)
        {
            case JsonArray entries:
                {
                    var inputs = new List<KerasTensorRef>();
                    JsonObject? kwargs = null;
                    foreach (var entry in entries)
                    {
                        if (entry is not JsonArray triple || triple.Count < 3)
                        {
                            throw Error(file, $"layer '{layer}'", $"an inbound node entry is not [layer, node, tensor]: {Abbreviate(entry)}");
                        }
                        inputs.Add(new KerasTensorRef(triple[0]!.GetValue<string>(), triple[1]!.GetValue<int>(), triple[2]!.GetValue<int>()));
                        kwargs ??= triple.Count > 3 ? triple[3] as JsonObject : null;
                    }
                    return new KerasLayerCall(inputs, keywords, kwargs);
                }
            case JsonObject node:
                {
                    var inputs = new List<KerasTensorRef>();
                    CollectTensors(node["args"], inputs);
                    var kwargs = node["kwargs"] as JsonObject;
                    if (kwargs is not null)
                    {
                        foreach (var (key, value) in kwargs)
                        {
                            var refs = new List<KerasTensorRef>();
                            CollectTensors(value, refs);
                            if (refs.Count > 0) keywords[key] = refs;
                        }
                    }
                    return new KerasLayerCall(inputs, keywords, kwargs);
                }
            default:
                throw Error(file, $"layer '{layer}'", $"an inbound node is neither a list nor an object: {Abbreviate(call)}");
        }
    }

    private static void CollectTensors(JsonNode? node, List<KerasTensorRef> into)
    {
        switch (node)
        {
            case JsonObject obj when obj["class_name"]?.GetValue<string>() == "__keras_tensor__":
                var history = obj["config"]?["keras_history"] as JsonArray;
                if (history is { Count: >= 3 })
                {
                    into.Add(new KerasTensorRef(history[0]!.GetValue<string>(), history[1]!.GetValue<int>(), history[2]!.GetValue<int>()));
                }
                break;
            case JsonArray list:
                foreach (var item in list) CollectTensors(item, into);
                break;
        }
    }

    // [["name", node, tensor], ...], or a single ["name", node, tensor] in Keras 3 single-input models.
    private static List<KerasTensorRef> ReadEndpoints(JsonNode? node, string field, string file)
    {
        if (node is not JsonArray list) throw Error(file, "model_config", $"a Functional config has no \"{field}\" list.");
        if (list.Count >= 3 && list[0] is JsonValue)
        {
            return [new KerasTensorRef(list[0]!.GetValue<string>(), list[1]!.GetValue<int>(), list[2]!.GetValue<int>())];
        }
        return list.Select(e => e is JsonArray t && t.Count >= 3
                ? new KerasTensorRef(t[0]!.GetValue<string>(), t[1]!.GetValue<int>(), t[2]!.GetValue<int>())
                : throw Error(file, "model_config", $"an entry of \"{field}\" is not [layer, node, tensor]: {Abbreviate(e)}"))
            .ToList();
    }

    private static string Abbreviate(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..120] + "..." : text;
    }

    private static ModelFormatException Error(string file, string location, string problem) => new(file, location, problem);
}
