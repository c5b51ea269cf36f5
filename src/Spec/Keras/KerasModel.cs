using Parity.Engine.Graph;

namespace Parity.Spec.Keras;

/// <summary>
/// A Keras model as an engine graph with Keras semantics. <see cref="LayerValues"/> maps each layer (and each
/// call of a shared layer) to the graph value holding its output, so layer outputs can be observed by name.
/// Layers listed in <see cref="Unsupported"/> and every layer depending on them are absent from the graph.
/// </summary>
public sealed record KerasModel(
    KerasFile File,
    KerasModelConfig Config,
    Graph Graph,
    IReadOnlyList<KerasLayerOutput> LayerValues,
    IReadOnlyList<UnsupportedLayer> Unsupported,
    IReadOnlyList<string> NotBuilt)
{
    /// <summary>
    /// The format-independent view: layer outputs named as Keras names layers, with ":&lt;call&gt;" for later calls of a
    /// shared layer and "_&lt;k&gt;" for the k-th extra output of a layer with several.
    /// </summary>
    public ExecutableModel ToExecutable() => new(
        File.Path,
        "Keras",
        Graph,
        LayerValues.Select(l => new NamedValue(
            l.Layer + (l.Node > 0 ? $":{l.Node}" : "") + (l.Tensor > 0 ? $"_{l.Tensor}" : ""), l.ClassName, l.Value)).ToList(),
        Unsupported,
        NotBuilt);
}

/// <summary>Output <paramref name="Tensor"/> of call <paramref name="Node"/> of layer <paramref name="Layer"/> is graph value <paramref name="Value"/>.</summary>
public sealed record KerasLayerOutput(string Layer, string ClassName, int Node, int Tensor, string Value);
