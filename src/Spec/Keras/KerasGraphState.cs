using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras;

/// <summary>The graph under construction while a Keras model is read, with every value's type inferred as nodes are added.</summary>
internal sealed class KerasGraphState(KerasFile file)
{
    public KerasFile File { get; } = file;

    public GraphBuilder Builder { get; } = new();

    public Dictionary<string, TensorType> Types { get; } = [];

    /// <summary>The Keras mask (a bool [batch, time] value) riding along with a value, for values that carry one.</summary>
    public Dictionary<string, string> Masks { get; } = [];

    public void AddInput(string name, TensorType type)
    {
        Builder.AddInput(name, type);
        Types[name] = type;
    }

    public void Add(string nodeName, IOperator op, string[] inputs, string[] outputs, KerasLayerArgs layer)
    {
        IReadOnlyList<TensorType> types;
        try
        {
            types = op.InferOutputTypes(inputs.Select(v => Types[v]).ToArray());
        }
        catch (Exception e) when (e is ShapeMismatchException or ArgumentException)
        {
            var found = string.Join(", ", inputs.Select(v => Types[v].ToString()));
            throw layer.Error($"cannot take input(s) {found}: {e.Message}");
        }
        if (types.Count != outputs.Length)
        {
            throw new InvalidOperationException($"Operator {op.Kind} produces {types.Count} outputs; the reader expected {outputs.Length}.");
        }
        Builder.AddNode(nodeName, op, inputs, outputs);
        for (var k = 0; k < outputs.Length; k++) Types[outputs[k]] = types[k];
    }
}
