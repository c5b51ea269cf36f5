using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras;

/// <summary>
/// What a layer builder sees while turning one call of one Keras layer into engine nodes: the layer's config,
/// its weights, the input values with their types, and <see cref="Emit"/> to add nodes (types are inferred at once,
/// so later builders can read shapes).
/// </summary>
public sealed class KerasLayerContext
{
    private readonly KerasGraphState _state;
    private readonly string _valuePrefix;

    internal KerasLayerContext(KerasGraphState state, KerasLayerArgs args, IReadOnlyList<KerasWeight> weights,
        IReadOnlyList<string> inputs, IReadOnlyDictionary<string, IReadOnlyList<string>> keywordInputs, string valuePrefix)
    {
        _state = state;
        Args = args;
        Weights = weights;
        Inputs = inputs;
        KeywordInputs = keywordInputs;
        _valuePrefix = valuePrefix;
    }

    public KerasLayerArgs Args { get; }

    public KerasFile File => _state.File;

    /// <summary>1, 2 or 3: activations and defaults differ by Keras era.</summary>
    public int KerasMajorVersion => _state.File.MajorVersion;

    public IReadOnlyList<KerasWeight> Weights { get; }

    /// <summary>Input values of this call, in positional order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Tensors passed by keyword (e.g. Keras 3 initial_state).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> KeywordInputs { get; }

    public TensorType TypeOf(string value) => _state.Types[value];

    /// <summary>The Keras mask carried by <paramref name="value"/> (a bool [batch, time] value), or null when it has none.</summary>
    public string? MaskOf(string value) => _state.Masks.GetValueOrDefault(value);

    /// <summary>
    /// The mask this call's first output carries, when the builder computes one (Masking, Embedding with mask_zero);
    /// left null, the usual Keras propagation applies (<see cref="KerasMasks"/>).
    /// </summary>
    public string? OutputMask { get; set; }

    public Shape ShapeOf(string value) => _state.Types[value].Shape;

    /// <summary>The single input of a one-input layer.</summary>
    public string Input => Inputs.Count == 1 ? Inputs[0] : throw Args.Error($"takes 1 input, but this call passes {Inputs.Count}.");

    /// <summary>Weight <paramref name="index"/> in file order, checked to have <paramref name="shape"/> when given.</summary>
    public Tensor Weight(int index, Shape? shape = null)
    {
        if (index >= Weights.Count)
        {
            throw Args.Error($"needs at least {index + 1} stored weight(s), but the file has {Weights.Count} ({string.Join(", ", Weights.Select(w => w.Name))}).");
        }
        var weight = Weights[index];
        if (shape is { } expected && weight.Value.Shape != expected)
        {
            throw Args.Error($"weight '{weight.Name}' has shape {weight.Value.Shape}; expected {expected}.");
        }
        return weight.Value;
    }

    /// <summary>
    /// Builds a wrapped layer (TimeDistributed's, Bidirectional's) on <paramref name="input"/> with this layer's weights;
    /// its values are named after this layer plus <paramref name="step"/>.
    /// </summary>
    public IReadOnlyList<string> BuildWrapped(string className, System.Text.Json.Nodes.JsonObject config, string input, string step)
    {
        var args = new KerasLayerArgs(File.Path, Args.Layer, className, config);
        var builder = KerasLayers.Find(className)
            ?? throw new UnsupportedLayerException(File.Path, new UnsupportedLayer(Args.Layer, Args.ClassName, $"the wrapped layer class '{className}' is not supported."));
        var inner = new KerasLayerContext(_state, args, Weights, [input], new Dictionary<string, IReadOnlyList<string>>(), $"{_valuePrefix}/{step}");
        return builder(inner);
    }

    /// <summary>
    /// Adds a node running <paramref name="op"/> on <paramref name="inputs"/> and returns its output value. The
    /// layer's last node passes <paramref name="step"/> "" so its value carries the layer's own name.
    /// </summary>
    public string Emit(string step, IOperator op, params string[] inputs) => EmitMany(step, op, 1, inputs)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs; value names get suffixes ":1", ":2"... after the first.</summary>
    public IReadOnlyList<string> EmitMany(string step, IOperator op, int outputs, params string[] inputs)
    {
        var baseName = step.Length == 0 ? _valuePrefix : $"{_valuePrefix}/{step}";
        var names = Enumerable.Range(0, outputs).Select(k => k == 0 ? baseName : $"{baseName}:{k}").ToArray();
        _state.Add(baseName, op, inputs, names, Args);
        return names;
    }
}
