using Parity.Engine.Tensors;

namespace Parity.Spec;

/// <summary>Reader options that apply across formats.</summary>
public sealed record ModelLoadOptions
{
    /// <summary>The model's JSON config (model.to_json()) for a Keras weights-only .h5 file.</summary>
    public string? KerasConfigPath { get; init; }

    /// <summary>Concrete input shapes by input name, for inputs whose declared shape leaves sizes open.</summary>
    public IReadOnlyDictionary<string, Shape> InputShapes { get; init; } = new Dictionary<string, Shape>();
}
