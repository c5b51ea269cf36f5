using Parity.Engine.Graph;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>
/// A Core ML NeuralNetwork model as an engine graph: graph inputs are the model's raw inputs (images as float32
/// [1, C, H, W] pixel values 0..255 in the declared channel order), followed by the model's own preprocessing.
/// </summary>
/// <param name="Blobs">
/// Each Core ML blob name to the graph value carrying it. An input's blob maps to the value the layers read: for an
/// image, the preprocessed pixels (the raw pixels are the graph input of the same name); for a rank-1 or rank-3
/// multi-array, its [1, C, H, W] reshape.
/// </param>
/// <param name="Classifier">Labels and output names when the model is a NeuralNetworkClassifier; null otherwise.</param>
/// <param name="Unsupported">Layers not built; every layer not depending on them is.</param>
/// <param name="Preprocessing">The image preprocessing applied to each image input, by input name.</param>
public sealed record CoreMLModel(
    CoreMLModelFile File,
    Graph Graph,
    IReadOnlyDictionary<string, string> Blobs,
    CoreMLClassifierInfo? Classifier,
    IReadOnlyList<UnsupportedLayer> Unsupported,
    IReadOnlyDictionary<string, CoreMLImagePreprocessing> Preprocessing)
{
    /// <summary>Graph values of declared outputs that are final recurrent states (a recurrent layer's outputs after its first).</summary>
    public IReadOnlyList<string> StateOutputs { get; init; } = [];

    /// <summary>
    /// The stages of a pipeline model in order, with their layers under the names <see cref="Blobs"/> uses; empty for a
    /// model that is not a pipeline (a single classic model is a pipeline of one stage).
    /// </summary>
    public IReadOnlyList<CoreMLStage> Stages { get; init; } = [];
}

/// <summary>
/// One pipeline stage: its name (the pipeline's name for it, else its model type), its model type, and its layers
/// (one per NeuralNetwork layer; a classic model is one layer named after the stage) with outputs under their exposed blob names.
/// </summary>
public sealed record CoreMLStage(string Name, string ModelType, IReadOnlyList<CoreMLLayerSummary> Layers);

/// <summary>What building one NeuralNetwork into a graph state produced: its blob map, declared outputs, classifier, unsupported layers, image preprocessing and recurrent state outputs.</summary>
internal sealed record NeuralNetworkBuild(
    IReadOnlyDictionary<string, string> Blobs,
    IReadOnlyDictionary<string, string> Outputs,
    CoreMLClassifierInfo? Classifier,
    IReadOnlyList<UnsupportedLayer> Unsupported,
    IReadOnlyDictionary<string, CoreMLImagePreprocessing> Images,
    IReadOnlyList<string> StateOutputs);

/// <summary>A NeuralNetworkClassifier's labels (strings or int64s, one per probability) and its output names.</summary>
/// <param name="ProbabilityValue">The graph value holding the class probabilities (the classifier's probability blob).</param>
public sealed record CoreMLClassifierInfo(
    IReadOnlyList<string>? StringLabels,
    IReadOnlyList<long>? Int64Labels,
    string? ProbabilityOutputName,
    string? LabelOutputName,
    string ProbabilityValue)
{
    public int ClassCount => StringLabels?.Count ?? Int64Labels?.Count ?? 0;

    /// <summary>The label of class <paramref name="index"/> as text.</summary>
    public string LabelOf(int index) => StringLabels is { } s ? s[index] : Int64Labels![index].ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The preprocessing Core ML applies to one image input: y = Scale * x + Bias[c] per channel (biases in the image's
/// own channel order), after subtracting MeanImage when the model stores one.
/// </summary>
public sealed record CoreMLImagePreprocessing(string ColorSpace, float Scale, IReadOnlyList<float> Bias, IReadOnlyList<float>? MeanImage);
