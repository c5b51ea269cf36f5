using System.Runtime.CompilerServices;
using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>
/// What a layer builder sees while turning one Core ML layer into engine nodes: the layer message, its input
/// values with their types, weight decoding, and <see cref="Emit"/> (types are inferred at once).
/// </summary>
public sealed class NeuralNetworkLayerContext
{
    private readonly NeuralNetworkGraphState _state;

    internal NeuralNetworkLayerContext(NeuralNetworkGraphState state, NeuralNetworkLayer layer, IReadOnlyList<string> inputs, string typeName)
    {
        _state = state;
        Layer = layer;
        Inputs = inputs;
        TypeName = typeName;
    }

    /// <summary>Values of each graph under construction that are constants known at read time, by value name.</summary>
    private static readonly ConditionalWeakTable<NeuralNetworkGraphState, Dictionary<string, Tensor>> KnownValues = new();

    public NeuralNetworkLayer Layer { get; }

    /// <summary>The graph being built; control-flow layers build nested networks against it and rebind blobs.</summary>
    internal NeuralNetworkGraphState State => _state;

    /// <summary>The layer's type as the proto names it, e.g. "convolution".</summary>
    public string TypeName { get; }

    /// <summary>Graph values of the layer's input blobs, in order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public string Input => Inputs.Count == 1 ? Inputs[0] : throw Error("input", $"lists {Inputs.Count} blobs; this layer takes exactly 1.");

    public Shape ShapeOf(string value) => _state.Types[value].Shape;

    /// <summary>
    /// The tensor <paramref name="value"/> holds when a layer of this network made it a constant (loadConstantND, getShape of
    /// a static shape, ...), else null. Layers whose second input sets a parameter that fixes the output shape (tile reps,
    /// topK K, reshapeDynamic...) run when that input is known this way, since Parity builds graphs with static shapes.
    /// </summary>
    public Tensor? KnownValue(string value) => KnownValues.TryGetValue(_state, out var known) && known.TryGetValue(value, out var tensor) ? tensor : null;

    /// <summary>Records constants, and copies of known values (a copy layer passes its input on unchanged).</summary>
    private void Remember(string value, IOperator op, string[] inputs)
    {
        if (op is Constant constant) KnownValues.GetOrCreateValue(_state)[value] = constant.Value;
        else if (op is Parity.Engine.Ops.Core.Identity && inputs.Length == 1 && KnownValue(inputs[0]) is { } known) KnownValues.GetOrCreateValue(_state)[value] = known;
    }

    /// <summary>Adds a node; step "" makes the layer's output blob (its first output), other steps are internal values.</summary>
    public string Emit(string step, IOperator op, params string[] inputs)
    {
        string value;
        if (step.Length == 0)
        {
            if (Layer.Output.Count == 0) throw Error("output", "is empty; every layer must name its output blob.");
            value = _state.FreshValue(Layer.Output[0]);
        }
        else
        {
            value = _state.FreshValue($"{Layer.Name}/{step}");
        }
        _state.Add(step.Length == 0 ? Layer.Name : $"{Layer.Name}/{step}", op, inputs, value, problem => Error("input", problem));
        Remember(value, op, inputs);
        return value;
    }

    /// <summary>Adds a node with <paramref name="outputs"/> internal output values (named after <paramref name="step"/>).</summary>
    public IReadOnlyList<string> EmitMany(string step, IOperator op, int outputs, params string[] inputs)
    {
        var values = new string[outputs];
        for (var k = 0; k < outputs; k++) values[k] = _state.FreshValue($"{Layer.Name}/{step}:{k}");
        _state.Add($"{Layer.Name}/{step}", op, inputs, values, problem => Error("input", problem));
        return values;
    }

    /// <summary>Adds a node producing output blob <paramref name="index"/> of the layer.</summary>
    public string EmitOutput(int index, IOperator op, params string[] inputs)
    {
        if (index >= Layer.Output.Count) throw Error("output", $"lists {Layer.Output.Count} blobs; expected at least {index + 1}.");
        var value = _state.FreshValue(Layer.Output[index]);
        _state.Add($"{Layer.Name}:{index}", op, inputs, value, problem => Error("input", problem));
        Remember(value, op, inputs);
        return value;
    }

    /// <summary><paramref name="field"/> decoded to a float32 tensor of <paramref name="shape"/>, in exact-size storage (it lives as long as the model).</summary>
    public Tensor Weights(WeightParams? weights, int[] shape, string field) => NeuralNetworkWeights.Read(this, weights, shape, field, TensorPool.Unpooled);

    /// <summary>
    /// <paramref name="field"/> decoded into shared pooled storage, for weights the layer only reads while it is built
    /// (an op that packs them keeps its own copy): the memory goes back to the pool for the runs to reuse.
    /// </summary>
    public Tensor TransientWeights(WeightParams? weights, int[] shape, string field) => NeuralNetworkWeights.Read(this, weights, shape, field, TensorPool.Shared);

    /// <summary>A non-negative size field, checked to be sane (a corrupt file must not ask for absurd memory).</summary>
    public int Size(ulong value, string field, int minimum = 0)
    {
        if (value < (ulong)minimum || value > int.MaxValue / 16) throw Error(field, $"is {value}; expected between {minimum} and {int.MaxValue / 16}.");
        return (int)value;
    }

    public ModelFormatException Error(string field, string problem) =>
        new(_state.Path, $"layer '{Layer.Name}' ({TypeName}): {field}", problem);

    public UnsupportedLayerException Unsupported(string reason) => new(_state.Path, new UnsupportedLayer(Layer.Name, TypeName, reason));
}
