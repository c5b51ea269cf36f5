using Parity.Engine.Graph;

namespace Parity.Spec;

/// <summary>
/// A model file read into an engine graph with its own format's semantics, and the names users know its values by:
/// each layer's output (Keras layer names, Core ML blob names) mapped to the graph value that holds it.
/// Unsupported layers and everything depending on them are absent from the graph and listed instead.
/// </summary>
public sealed record ExecutableModel(
    string File,
    string Format,
    Graph Graph,
    IReadOnlyList<NamedValue> Layers,
    IReadOnlyList<UnsupportedLayer> Unsupported,
    IReadOnlyList<string> NotBuilt);

/// <summary>Layer output <paramref name="Name"/> (of a layer of type <paramref name="Type"/>) is graph value <paramref name="Value"/>.</summary>
public sealed record NamedValue(string Name, string Type, string Value);
