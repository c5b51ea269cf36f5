using Parity.Engine.Tensors;

namespace Parity.Spec.Keras;

/// <summary>How to read a Keras model: the JSON config for a weights-only file, and concrete shapes for inputs with unknown sizes.</summary>
public sealed record KerasReadOptions
{
    /// <summary>model.to_json() output for a weights-only .h5 file.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Concrete shapes by input name, overriding what the config declares (which may leave sizes unknown).</summary>
    public IReadOnlyDictionary<string, Shape> InputShapes { get; init; } = new Dictionary<string, Shape>();

    /// <summary>Size used for an unknown non-batch dimension (e.g. a variable sequence length) when no shape is given.</summary>
    public int UnknownDimension { get; init; } = 16;
}
