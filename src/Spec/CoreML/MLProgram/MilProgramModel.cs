using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.NeuralNetwork;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// A Core ML ML Program as an engine graph. Graph inputs are the function's inputs and graph values carry the MIL
/// value names (constants appear only where ops read them as data).
/// </summary>
/// <param name="Function">The function executed ("main" unless the model names another default).</param>
/// <param name="Opset">The function's opset, e.g. "CoreML5".</param>
/// <param name="OpOutputs">Every non-const op output in program order: MIL name, op type and its graph value (null when not built).</param>
/// <param name="Outputs">Each model output name to the graph value holding it.</param>
/// <param name="Unsupported">Ops not built; every op not depending on them is.</param>
/// <param name="Precision">Float16 when the program's ops compute in fp16, Float32 otherwise.</param>
public sealed record MilProgramModel(
    CoreMLModelFile File,
    string Function,
    string Opset,
    Graph Graph,
    IReadOnlyList<MilOpOutput> OpOutputs,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<UnsupportedLayer> Unsupported,
    Precision Precision)
{
    /// <summary>Image inputs by name, with the scale and bias the program applies to their raw pixels.</summary>
    public IReadOnlyDictionary<string, ImageInput> Images { get; init; } = new Dictionary<string, ImageInput>();

    /// <summary>
    /// The class labels of a classifier program (its classify op), with the model description's names for the predicted
    /// label and probability outputs and the graph value of the probabilities; null for other programs.
    /// </summary>
    public CoreMLClassifierInfo? Classifier { get; init; }

    /// <summary>
    /// The predicted label as text from the run's value of the label output (<paramref name="label"/>): string labels are
    /// carried as the class index, int64 labels as themselves.
    /// </summary>
    public string PredictedLabel(Tensor label)
    {
        var classifier = Classifier ?? throw new InvalidOperationException($"{File.Path}: the program has no classify op, so it predicts no label.");
        if (label.Length != 1 || label.DType != DType.Int64) throw new ArgumentException($"The label value is {label.Type}; expected one int64 (the classify op's label output).", nameof(label));
        var value = label.Span<long>()[0];
        if (classifier.StringLabels is null) return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return value >= 0 && value < classifier.ClassCount ? classifier.LabelOf((int)value)
            : throw new ArgumentException($"The label value is class {value}; the classifier has {classifier.ClassCount} classes.", nameof(label));
    }
}

/// <summary>Output <paramref name="Name"/> of a MIL op of type <paramref name="OpType"/>, carried by graph value <paramref name="Value"/> (null when not built).</summary>
public sealed record MilOpOutput(string Name, string OpType, string? Value);
