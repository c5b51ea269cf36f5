namespace Parity.Spec;

/// <summary>What `parity inspect` shows of any model file: format, inputs, outputs, notes and a layer table.</summary>
public sealed record ModelSummary(
    string File,
    string Format,
    IReadOnlyList<KeyValuePair<string, string>> Properties,
    IReadOnlyList<FeatureSummary> Inputs,
    IReadOnlyList<FeatureSummary> Outputs,
    IReadOnlyList<LayerSummary> Layers,
    IReadOnlyList<string> Notes)
{
    public long TotalParameters => Layers.Sum(l => l.Parameters);
}

/// <summary>A model input or output: its name and its type rendered for people, e.g. "float32[?, 28, 28, 1]".</summary>
public sealed record FeatureSummary(string Name, string Type, string? Description = null);

/// <summary>One row of the layer table. <see cref="Unsupported"/> says why Parity cannot execute the layer, when it cannot.</summary>
public sealed record LayerSummary(
    string Name,
    string Type,
    string Inputs,
    string OutputShape,
    long Parameters,
    string? Unsupported = null);
