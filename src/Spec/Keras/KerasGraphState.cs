using Parity.Engine.Graph;

namespace Parity.Spec.Keras;

/// <summary>The graph under construction while a Keras model is read, with every value's type inferred as nodes are added.</summary>
internal sealed class KerasGraphState(KerasFile file) : ReaderGraph
{
    public KerasFile File { get; } = file;

    /// <summary>The Keras mask (a bool [batch, time] value) riding along with a value, for values that carry one.</summary>
    public Dictionary<string, string> Masks { get; } = [];

    public void Add(string nodeName, IOperator op, string[] inputs, string[] outputs, KerasLayerArgs layer) =>
        AddTyped(nodeName, op, inputs, outputs, layer.Error);
}
