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
    IReadOnlyList<string> NotBuilt);

/// <summary>Output <paramref name="Tensor"/> of call <paramref name="Node"/> of layer <paramref name="Layer"/> is graph value <paramref name="Value"/>.</summary>
public sealed record KerasLayerOutput(string Layer, string ClassName, int Node, int Tensor, string Value);
