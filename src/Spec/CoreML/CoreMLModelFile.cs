using System.Text;
using Google.Protobuf;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>
/// A Core ML model read from disk: an .mlmodel file, or an .mlpackage directory whose Manifest.json
/// names the model specification inside it. Holds the parsed <see cref="Format.Model"/> and what the
/// reader noticed without refusing the file (unknown fields, an unfamiliar specification version).
/// </summary>
public sealed class CoreMLModelFile
{
    /// <summary>Largest specification accepted: protobuf messages cannot exceed 2 GiB, and bigger weights belong in an .mlpackage blob.</summary>
    public const long MaxSpecificationBytes = int.MaxValue;

    /// <summary>The newest specification version our .proto files describe (versions run from 1 = iOS 11 to 10 = iOS 26).</summary>
    public const int NewestKnownSpecificationVersion = 10;

    private CoreMLModelFile(string path, string specificationPath, string? packageRoot, Model model,
        IReadOnlyList<string> unknownFieldPaths, IReadOnlyList<string> notes, DeferredWeights? deferredWeights = null)
    {
        DeferredWeights = deferredWeights;
        Path = path;
        SpecificationPath = specificationPath;
        PackageRoot = packageRoot;
        Model = model;
        UnknownFieldPaths = unknownFieldPaths;
        Notes = notes;
    }

    /// <summary>The path the caller passed (an .mlmodel file or an .mlpackage directory).</summary>
    public string Path { get; }

    /// <summary>The protobuf file actually parsed (inside the package for an .mlpackage).</summary>
    public string SpecificationPath { get; }

    /// <summary>The .mlpackage directory (weight blobs are resolved against it later); null for a plain .mlmodel.</summary>
    public string? PackageRoot { get; }

    /// <summary>The parsed model specification.</summary>
    public Model Model { get; }

    /// <summary>Messages holding fields this reader does not declare (kept, not fatal), e.g. "Model.neuralNetwork.layers[2]".</summary>
    public IReadOnlyList<string> UnknownFieldPaths { get; }

    /// <summary>Non-fatal findings worth showing the user, one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// The float weight payloads left in the file when it was loaded with deferWeights (their WeightParams messages in
    /// <see cref="Model"/> hold no values); null when every value is in <see cref="Model"/>.
    /// </summary>
    internal DeferredWeights? DeferredWeights { get; }

    /// <summary>This file with <paramref name="model"/> as its specification, held in memory (nothing is written): an edited clone to read.</summary>
    public CoreMLModelFile WithModel(Model model) => new(Path, SpecificationPath, PackageRoot, model, [], Notes);

    /// <summary>
    /// Reads an .mlmodel file or .mlpackage directory; any problem with the file becomes a <see cref="ModelFormatException"/>.
    /// With <paramref name="deferWeights"/> the large float weight payloads are located but not parsed: the graph readers
    /// read them from the file straight into the tensors that keep them (one copy instead of two; on MobileNetV2 the
    /// parse allocates 14 MB less). Such a file's <see cref="Model"/> lacks those values, so it is for building graphs
    /// only, not for editing, writing or counting parameters.
    /// </summary>
    public static CoreMLModelFile Load(string path, bool deferWeights = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        string? packageRoot = null;
        string specificationPath;
        string specificationLabel;
        if (Directory.Exists(path))
        {
            packageRoot = System.IO.Path.GetFullPath(path);
            specificationPath = MLPackageManifest.ResolveRootModel(packageRoot, path);
            specificationLabel = System.IO.Path.Combine(path, System.IO.Path.GetRelativePath(packageRoot, specificationPath));
            if (!File.Exists(specificationPath))
            {
                throw new ModelFormatException(specificationLabel, null,
                    $"does not exist, although {MLPackageManifest.FileName} names it as the package's root model");
            }
        }
        else if (File.Exists(path))
        {
            specificationPath = System.IO.Path.GetFullPath(path);
            specificationLabel = path;
        }
        else
        {
            throw new ModelFormatException(path, null, "does not exist; expected an .mlmodel file or an .mlpackage directory");
        }

        // Taken before mapping, so a file rewritten after this moment fails the deferred reads' identity check.
        var written = deferWeights ? File.GetLastWriteTimeUtc(specificationPath) : default;
        using var bytes = MapSpecification(specificationPath, specificationLabel);
        if (deferWeights && BitConverter.IsLittleEndian && ParseDeferred(bytes, specificationPath, specificationLabel, written) is var (deferredModel, deferred))
        {
            return new CoreMLModelFile(path, specificationPath, packageRoot, deferredModel, [], CollectNotes(deferredModel, []), deferred);
        }
        // Unknown fields are located by parsing twice, keeping and discarding them. When the discarding parse already
        // re-encodes to the file's exact size nothing was discarded (the usual case) and it serves as the model: the
        // second parse, as costly as the first for megabytes of weights, is skipped.
        Model withoutUnknown = Parse(bytes.Span, specificationLabel, Model.Parser.WithDiscardUnknownFields(true));
        Model model = withoutUnknown.CalculateSize() == bytes.Length ? withoutUnknown : Parse(bytes.Span, specificationLabel, Model.Parser);
        IReadOnlyList<string> unknownFieldPaths = ReferenceEquals(model, withoutUnknown)
            ? []
            : UnknownFieldLocator.Locate(model, withoutUnknown, nameof(Format.Model));
        return new CoreMLModelFile(path, specificationPath, packageRoot, model, unknownFieldPaths, CollectNotes(model, unknownFieldPaths));
    }

    /// <summary>
    /// The model parsed without its large weight payloads, or null when the file is not plain enough to vouch for that
    /// (then the whole parse, which also locates unknown fields, reads it). The scan accepts only declared fields with
    /// their declared wire types, so the payloads are all the masked parse leaves out.
    /// </summary>
    private static (Model, DeferredWeights)? ParseDeferred(MappedFileBytes bytes, string file, string label, DateTime written)
    {
        if (ForeignFormat(bytes.Span) is not null || WeightPayloadScan.Of(bytes.Span) is not { Payloads.Count: > 0 } scan) return null;
        Model model;
        try
        {
            model = Model.Parser.WithDiscardUnknownFields(true).ParseFrom(scan.Masked(bytes.Memory));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        if (model.TypeCase == Model.TypeOneofCase.None) return null;
        return DeferredWeights.Attach(model, scan, file, label, bytes.Length, written) is { } deferred ? (model, deferred) : null;
    }

    private static MappedFileBytes MapSpecification(string file, string label)
    {
        try
        {
            long length = new FileInfo(file).Length;
            if (length == 0)
            {
                throw new ModelFormatException(label, null, "is empty (0 bytes); a Core ML model file holds a protobuf Model message");
            }

            if (length > MaxSpecificationBytes)
            {
                throw new ModelFormatException(label, null,
                    $"is {length / (1024.0 * 1024 * 1024):F1} GiB; model specifications over 2 GiB cannot be read (protobuf's limit), large weights belong in an .mlpackage weight file");
            }

            return new MappedFileBytes(file, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(label, null, $"could not be read ({e.Message})", e);
        }
    }

    private static Model Parse(ReadOnlySpan<byte> bytes, string label, MessageParser<Model> parser)
    {
        if (ForeignFormat(bytes) is { } foreign)
        {
            throw new ModelFormatException(label, null, $"is {foreign}, not a Core ML model (a protobuf Model message)");
        }

        Model model;
        try
        {
            model = parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFormatException(label, null,
                $"is not a readable Core ML model: its protobuf data is damaged or truncated ({e.Message})", e);
        }

        if (model.TypeCase == Model.TypeOneofCase.None)
        {
            throw new ModelFormatException(label, "Model.Type",
                $"no model type is set (specificationVersion {model.SpecificationVersion}); the file is not a Core ML model, is damaged, or uses a model type newer than this reader knows");
        }

        return model;
    }

    // Files users commonly pass by mistake (the Keras side of a pair); protobuf would read some of them as garbage.
    private static string? ForeignFormat(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];
        ReadOnlySpan<byte> zipSignature = [(byte)'P', (byte)'K', 0x03, 0x04];
        if (bytes.StartsWith(hdf5Signature))
        {
            return "an HDF5 file (a Keras .h5 model?)";
        }

        if (bytes.StartsWith(zipSignature))
        {
            return "a zip archive (a Keras 3 .keras model?)";
        }

        return null;
    }

    private static List<string> CollectNotes(Model model, IReadOnlyList<string> unknownFieldPaths)
    {
        var notes = new List<string>();
        int version = model.SpecificationVersion;
        if (version < 1 || version > NewestKnownSpecificationVersion)
        {
            notes.Add($"specificationVersion {version} is outside the versions this reader knows (1..{NewestKnownSpecificationVersion}); the file may be newer than this reader or damaged.");
        }

        if (model.Description is null)
        {
            notes.Add("The model has no description: its inputs and outputs are not declared.");
        }

        if (unknownFieldPaths.Count > 0)
        {
            const int shown = 5;
            var text = new StringBuilder("The file holds fields this reader does not know (kept, ignored) in ");
            text.AppendJoin(", ", unknownFieldPaths.Take(shown));
            if (unknownFieldPaths.Count > shown)
            {
                text.Append($" and {unknownFieldPaths.Count - shown} more messages");
            }

            notes.Add(text.Append('.').ToString());
        }

        return notes;
    }
}
