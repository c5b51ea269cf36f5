using Parity.Spec.CoreML;
using Parity.Spec.CoreML.MLProgram;
using Parity.Spec.CoreML.NeuralNetwork;
using Parity.Spec.CoreML.Pipeline;
using Parity.Spec.Keras;

namespace Parity.Spec;

/// <summary>Opens a model file of any supported format, chosen by its extension.</summary>
public static class ModelFiles
{
    /// <summary>The `parity inspect` view of <paramref name="path"/>; <paramref name="kerasConfig"/> is the JSON config for a weights-only Keras file.</summary>
    public static ModelSummary Summarize(string path, string? kerasConfig = null) => FormatOf(path) switch
    {
        ModelFormat.Keras => KerasModelSummary.Create(KerasFile.Open(path, kerasConfig)),
        ModelFormat.CoreML => CoreMLExecutable.Summarize(CoreMLModelFile.Load(path)),
        _ => throw new ModelFormatException(path, null, $"is not a model format Parity reads. Expected {SupportedExtensions}."),
    };

    /// <summary>Reads <paramref name="path"/> into an engine graph with its format's semantics.</summary>
    public static ExecutableModel Load(string path, ModelLoadOptions? options = null)
    {
        options ??= new ModelLoadOptions();
        return FormatOf(path) switch
        {
            ModelFormat.Keras => KerasGraphReader.Read(path, new KerasReadOptions { ConfigPath = options.KerasConfigPath, InputShapes = options.InputShapes }).ToExecutable(),
            ModelFormat.CoreML => LoadCoreML(CoreMLModelFile.Load(path, deferWeights: true), options),
            _ => throw new ModelFormatException(path, null, $"is not a model format Parity reads. Expected {SupportedExtensions}."),
        };
    }

    public const string SupportedExtensions = "a Keras .h5/.hdf5/.keras file or a Core ML .mlmodel/.mlpackage";

    /// <summary>
    /// Reads <paramref name="path"/> to be compared with <paramref name="source"/>: a Core ML model whose inputs leave
    /// the sequence length open runs the sequence length the source model's inputs hold (see <see cref="CoreMLSequenceLengths"/>).
    /// </summary>
    public static ExecutableModel LoadCounterpart(string path, ExecutableModel source)
    {
        if (FormatOf(path) != ModelFormat.CoreML) return Load(path);
        var file = CoreMLModelFile.Load(path, deferWeights: true);
        return LoadCoreML(file, new ModelLoadOptions { InputShapes = CoreMLSequenceLengths.FromCounterpart(file, source.Graph.Inputs) });
    }

    private static ExecutableModel LoadCoreML(CoreMLModelFile file, ModelLoadOptions options)
    {
        var path = file.Path;
        var type = CoreMLModelSummary.ModelTypeName(file.Model);
        if (file.Model.TypeCase == Parity.Spec.CoreML.Format.Model.TypeOneofCase.MlProgram)
        {
            return MilProgramReader.Read(file, options).ToExecutable();
        }
        if (CoreMLPipelineReader.CanRead(file.Model))
        {
            return CoreMLPipelineReader.Read(file, new CoreMLReadOptions { InputShapes = options.InputShapes }).ToExecutable();
        }
        if (!type.StartsWith("neuralNetwork", StringComparison.Ordinal))
        {
            throw new UnsupportedLayerException(path, new UnsupportedLayer(Path.GetFileName(path), type, $"running {type} models is not supported yet."));
        }
        return CoreMLGraphReader.Read(file, new CoreMLReadOptions { InputShapes = options.InputShapes }).ToExecutable();
    }

    public static ModelFormat FormatOf(string path)
    {
        var extension = Path.GetExtension(path.TrimEnd('/', '\\')).ToLowerInvariant();
        return extension switch
        {
            ".h5" or ".hdf5" or ".keras" => ModelFormat.Keras,
            ".mlmodel" or ".mlpackage" => ModelFormat.CoreML,
            _ => ModelFormat.Unknown,
        };
    }
}

/// <summary>The model formats Parity tells apart.</summary>
public enum ModelFormat
{
    Unknown,
    Keras,
    CoreML,
}
