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
    IReadOnlyList<string> NotBuilt)
{
    /// <summary>Inputs that are images, by graph input name: they take raw pixel values 0..255 and preprocess them inside the graph.</summary>
    public IReadOnlyDictionary<string, ImageInput> ImageInputs { get; init; } = new Dictionary<string, ImageInput>();

    /// <summary>
    /// The precision the model computes in on device: Float16 for ML Programs whose ops compute in fp16 (coremltools'
    /// default since 6), Float32 otherwise. Runs use it unless told otherwise (`--precision fp32`).
    /// </summary>
    public Precision Precision { get; init; } = Precision.Float32;

    /// <summary>
    /// Graph outputs that hand recurrent state to the next call (Core ML's h_out/c_out beside the optional h_in/c_in
    /// inputs): results of the model's streaming interface, which a model it is compared with need not have.
    /// </summary>
    public IReadOnlySet<string> StateOutputs { get; init; } = new HashSet<string>();

    /// <summary>
    /// For an input that holds token ids (it feeds an embedding lookup), the vocabulary size; null otherwise. Random
    /// inputs must then be whole numbers below it, whatever dtype the model declares (Keras declares float32).
    /// </summary>
    public int? IndexCount(string input)
    {
        // Readers may reshape the ids first (Core ML's rank-5 blobs), so look through reshapes.
        foreach (var node in Graph.ConsumersOf(input))
        {
            if (node.Op is Engine.Ops.DataMovement.EmbeddingOp embedding) return embedding.Table.Shape[0];
            if (node.Op is Engine.Ops.DataMovement.ReshapeOp && node.Outputs.Count == 1 && IndexCount(node.Outputs[0]) is { } count) return count;
        }
        return null;
    }
}

/// <summary>
/// An image input's declared channel order ("RGB", "BGR" or "GRAYSCALE") and the preprocessing the model applies to its
/// raw pixels: y = Scale * x + Bias[c], biases in the declared channel order.
/// </summary>
public sealed record ImageInput(string ColorSpace, float Scale, IReadOnlyList<float> Bias);

/// <summary>Layer output <paramref name="Name"/> (of a layer of type <paramref name="Type"/>) is graph value <paramref name="Value"/>.</summary>
public sealed record NamedValue(string Name, string Type, string Value);
