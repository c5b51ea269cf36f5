using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;
using Parity.Spec;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;

namespace Parity.Validation.Diagnosis;

/// <summary>
/// The converted model's Core ML NeuralNetwork specification, which diagnosis hypotheses alter in memory (a clone per
/// hypothesis) and read back with the ordinary NeuralNetwork reader. This is the one place diagnosis touches protobuf
/// messages: a hypothesis is a change a corrected converter would have written into the file.
/// </summary>
public sealed class ConvertedSpec
{
    private ConvertedSpec(string path, Model model)
    {
        Path = path;
        Model = model;
    }

    public string Path { get; }

    /// <summary>The specification as read; hypotheses alter clones, never this.</summary>
    public Model Model { get; }

    /// <summary>The specification of <paramref name="model"/> when it is a Core ML NeuralNetwork model file; null otherwise (ML Programs, other formats).</summary>
    public static ConvertedSpec? TryLoad(ExecutableModel model)
    {
        if (ModelFiles.FormatOf(model.File) != ModelFormat.CoreML) return null;
        var file = CoreMLModelFile.Load(model.File);
        return Layers(file.Model) is null ? null : new ConvertedSpec(model.File, file.Model);
    }

    /// <summary>The layers of a neuralNetwork, classifier or regressor specification; null for other model types.</summary>
    public static RepeatedField<NeuralNetworkLayer>? Layers(Model model) => model.TypeCase switch
    {
        Model.TypeOneofCase.NeuralNetwork => model.NeuralNetwork.Layers,
        Model.TypeOneofCase.NeuralNetworkClassifier => model.NeuralNetworkClassifier.Layers,
        Model.TypeOneofCase.NeuralNetworkRegressor => model.NeuralNetworkRegressor.Layers,
        _ => null,
    };

    /// <summary>The image preprocessing steps of the specification (empty for other model types).</summary>
    public static RepeatedField<NeuralNetworkPreprocessing> Preprocessing(Model model) => model.TypeCase switch
    {
        Model.TypeOneofCase.NeuralNetwork => model.NeuralNetwork.Preprocessing,
        Model.TypeOneofCase.NeuralNetworkClassifier => model.NeuralNetworkClassifier.Preprocessing,
        Model.TypeOneofCase.NeuralNetworkRegressor => model.NeuralNetworkRegressor.Preprocessing,
        _ => [],
    };

    /// <summary>The classifier's labels as text, one per probability; null when the model is not a classifier.</summary>
    public IReadOnlyList<string>? ClassLabels => Model.TypeCase != Model.TypeOneofCase.NeuralNetworkClassifier ? null
        : Model.NeuralNetworkClassifier.ClassLabelsCase switch
        {
            NeuralNetworkClassifier.ClassLabelsOneofCase.StringClassLabels => Model.NeuralNetworkClassifier.StringClassLabels.Vector.ToList(),
            NeuralNetworkClassifier.ClassLabelsOneofCase.Int64ClassLabels => Model.NeuralNetworkClassifier.Int64ClassLabels.Vector
                .Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            _ => null,
        };

    /// <summary>True when some weight tensor is stored as float16 (WeightParams.float16Value).</summary>
    public bool HasFloat16Weights => Weights(Model).Any(w => w.Float16Value.Length > 0);

    /// <summary>Every WeightParams message inside <paramref name="message"/>, found by walking its fields.</summary>
    public static IEnumerable<WeightParams> Weights(IMessage message)
    {
        if (message is WeightParams weights)
        {
            yield return weights;
            yield break;
        }
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType != FieldType.Message || field.IsMap) continue;
            var value = field.Accessor.GetValue(message);
            var children = field.IsRepeated ? ((IList)value).OfType<IMessage>() : value is IMessage one ? [one] : [];
            foreach (var child in children)
            {
                foreach (var found in Weights(child)) yield return found;
            }
        }
    }

    /// <summary>
    /// Reads <paramref name="altered"/> (a changed clone of <see cref="Model"/>) into an executable model with the
    /// NeuralNetwork reader, through a temporary file that is deleted again.
    /// </summary>
    public static ExecutableModel Read(Model altered)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"parity-diagnosis-{Guid.NewGuid():N}.mlmodel");
        File.WriteAllBytes(path, altered.ToByteArray());
        try
        {
            return ModelFiles.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
