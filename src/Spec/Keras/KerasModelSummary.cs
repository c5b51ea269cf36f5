using System.Text.Json.Nodes;

namespace Parity.Spec.Keras;

/// <summary>Builds the `parity inspect` view of a Keras file: version, backend, inputs, outputs and one row per layer.</summary>
public static class KerasModelSummary
{
    public static ModelSummary Create(KerasFile file)
    {
        // Output shapes come from building the graph (batch 1, open sizes as KerasReadOptions sets them).
        var built = KerasGraphReader.Read(file);
        var model = built.Config;
        var properties = new List<KeyValuePair<string, string>>
        {
            new("Keras version", file.KerasVersion.Length > 0 ? file.KerasVersion : "not recorded (Keras 1 weights file)"),
            new("Backend", file.Backend.Length > 0 ? file.Backend : "not recorded"),
            new("Model class", model.ClassName),
            new("Model name", model.Name),
        };
        var inputs = model.Inputs.Select(i => new FeatureSummary(i.Layer, DescribeInput(model, i.Layer))).ToList();
        var outputs = model.Outputs.Select(o => new FeatureSummary(o.ToString(), model.Layers.FirstOrDefault(l => l.Name == o.Layer)?.ClassName ?? "?")).ToList();
        var types = built.Graph.Compile().ValueTypes;
        var shapes = built.LayerValues.Where(v => v.Node == 0 && v.Tensor == 0)
            .ToDictionary(v => v.Layer, v => types[v.Value].Shape.ToString());
        var unsupported = built.Unsupported.ToDictionary(u => u.Name, u => u.Reason);
        foreach (var name in built.NotBuilt) unsupported.TryAdd(name, "depends on an unsupported layer.");
        var layers = model.Layers.Select(l => new LayerSummary(
            l.Name,
            l.ClassName,
            string.Join(", ", l.Calls.SelectMany(c => c.Inputs).Select(r => r.ToString()).Distinct()),
            l.ClassName == "InputLayer" ? types.GetValueOrDefault(l.Name).Shape.ToString() : shapes.GetValueOrDefault(l.Name, ""),
            file.Weights.TryGetValue(l.Name, out var w) ? w.Sum(x => (long)x.Value.Length) : 0,
            unsupported.GetValueOrDefault(l.Name))).ToList();
        var notes = new List<string>();
        if (model.Inputs.Any(i => HasOpenSize(model, i.Layer)))
        {
            notes.Add("Output shapes are for batch 1; open sizes other than the batch are taken as 16 (give --shape to choose).");
        }
        return new ModelSummary(file.Path, "Keras", properties, inputs, outputs, layers, notes);
    }

    private static bool HasOpenSize(KerasModelConfig model, string layerName) =>
        model.Layers.FirstOrDefault(l => l.Name == layerName) is { } layer
        && KerasShapes.BatchInputShape(layer.Config) is { } shape
        && KerasShapes.ToDims(shape).Skip(1).Any(d => d is null);

    private static string DescribeInput(KerasModelConfig model, string layerName)
    {
        var layer = model.Layers.FirstOrDefault(l => l.Name == layerName);
        if (layer is null) return "?";
        var dtype = layer.Config["dtype"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "float32";
        var shape = KerasShapes.BatchInputShape(layer.Config);
        return shape is null ? dtype : $"{dtype}[{string.Join(", ", KerasShapes.ToDims(shape).Select(d => d?.ToString() ?? "?"))}]";
    }
}
