using System.Text.Json.Nodes;

namespace Parity.Spec.Keras;

/// <summary>
/// What a Keras model file holds, independent of its container (.h5 full model, .h5 weights plus a separate
/// JSON config, or a Keras 3 .keras archive): version, backend, the model config, and weights by layer name.
/// </summary>
public sealed class KerasFile
{
    public KerasFile(string path, string kerasVersion, string backend, JsonObject modelConfig,
        IReadOnlyDictionary<string, IReadOnlyList<KerasWeight>> weights)
    {
        Path = path;
        KerasVersion = kerasVersion;
        Backend = backend;
        ModelConfig = modelConfig;
        Weights = weights;
    }

    public string Path { get; }

    /// <summary>The keras_version the file records ("1.2.2", "2.2.4-tf", "3.1.1"), or "" when it records none (Keras 1 weight files).</summary>
    public string KerasVersion { get; }

    /// <summary>"tensorflow", "theano", "jax"...; Keras 1 files that record none ran on TensorFlow or Theano, see <see cref="IsTheano"/>.</summary>
    public string Backend { get; }

    /// <summary>
    /// True for Theano-trained files. Keras 1 files record no backend; their weight names tell: TensorFlow variables
    /// always carry a ":0" output suffix, Theano shared variables never do.
    /// </summary>
    public bool IsTheano => Backend.Length > 0
        ? Backend.Equals("theano", StringComparison.OrdinalIgnoreCase)
        : MajorVersion == 1 && Weights.Values.SelectMany(w => w).Any() && Weights.Values.SelectMany(w => w).All(w => !w.Name.EndsWith(":0", StringComparison.Ordinal));

    /// <summary>The major Keras version (1, 2 or 3), from <see cref="KerasVersion"/>; 1 when the file records none, 2 for tf.keras.</summary>
    public int MajorVersion =>
        int.TryParse(KerasVersion.Split('.')[0], out var major) ? major : 1;

    /// <summary>The model_config JSON: {"class_name": ..., "config": ...}.</summary>
    public JsonObject ModelConfig { get; }

    /// <summary>Stored weights by layer name, each list in the order the file lists them (weight_names).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KerasWeight>> Weights { get; }

    /// <summary>Opens any supported Keras file; <paramref name="configPath"/> supplies the model JSON for weights-only files.</summary>
    public static KerasFile Open(string path, string? configPath = null)
    {
        if (!System.IO.File.Exists(path)) throw new ModelFormatException(path, null, "the file does not exist.");
        return path.EndsWith(".keras", StringComparison.OrdinalIgnoreCase)
            ? KerasArchiveReader.Read(path)
            : KerasH5Reader.Read(path, configPath);
    }
}
