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

    /// <summary>True when a Core ML NeuralNetwork model stores some weights as float16 (WeightParams.float16Value).</summary>
    public bool StoresFloat16Weights { get; init; }

    /// <summary>
    /// Graph outputs that hand recurrent state to the next call (Core ML's h_out/c_out beside the optional h_in/c_in
    /// inputs): results of the model's streaming interface, which a model it is compared with need not have.
    /// </summary>
    public IReadOnlySet<string> StateOutputs { get; init; } = new HashSet<string>();

    /// <summary>For a classifier (Core ML neuralNetworkClassifier, glmClassifier, pipelineClassifier), its labels and outputs; null otherwise.</summary>
    public ClassifierOutput? Classifier { get; init; }

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

/// <summary>
/// A classifier's class labels as text (one per probability, in the model's order; <paramref name="Int64Labels"/> when
/// the model declares them as integers), the graph value holding its class probabilities (last axis one per label), and
/// the declared names of its predicted-label and probability outputs. The label is not a graph value: as in Core ML, it
/// is the class of highest probability (<see cref="Predict"/>).
/// </summary>
public sealed record ClassifierOutput(IReadOnlyList<string> Labels, bool Int64Labels, string ProbabilityValue, string? LabelOutputName, string? ProbabilityOutputName)
{
    /// <summary>The predicted class of each row of <see cref="Labels"/>.Count probabilities: the first of highest probability.</summary>
    public IReadOnlyList<ClassPrediction> Predict(ReadOnlySpan<float> probabilities)
    {
        var classes = Labels.Count;
        if (classes == 0 || probabilities.Length == 0 || probabilities.Length % classes != 0)
        {
            throw new ArgumentException($"Expected rows of {classes} class probabilities; got {probabilities.Length} values.", nameof(probabilities));
        }
        var predictions = new List<ClassPrediction>();
        for (var row = 0; row < probabilities.Length; row += classes)
        {
            var best = 0;
            for (var k = 1; k < classes; k++)
            {
                if (probabilities[row + k] > probabilities[row + best]) best = k;
            }
            predictions.Add(new ClassPrediction(best, Labels[best], probabilities[row + best]));
        }
        return predictions;
    }
}

/// <summary>A predicted class: its index among the labels, its label, and its probability.</summary>
public readonly record struct ClassPrediction(int Index, string Label, float Probability);

/// <summary>Layer output <paramref name="Name"/> (of a layer of type <paramref name="Type"/>) is graph value <paramref name="Value"/>.</summary>
public sealed record NamedValue(string Name, string Type, string Value);
