using Parity.Spec.CoreML.Format.Mil;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// Resolves a program's BlobFileValue file names to weight files and reads blobs from them. coremltools writes
/// "@model_path/weights/weight.bin", where @model_path is the folder holding the model specification
/// (Data/com.apple.CoreML/ in a package); a name that resolves outside the package (or, for a bare .mlmodel,
/// outside the specification's folder) is refused.
/// </summary>
internal sealed class MilWeightFiles(CoreMLModelFile file)
{
    private const string ModelPathPrefix = "@model_path/";
    private readonly Dictionary<string, MilBlobFile> _open = [];

    public MilBlob Read(Value.Types.BlobFileValue blob, Func<string, Exception> error)
    {
        var name = blob.FileName;
        if (!name.StartsWith(ModelPathPrefix, StringComparison.Ordinal))
        {
            throw error($"reads blob file '{name}'; expected a path starting with {ModelPathPrefix}.");
        }
        var modelFolder = Path.GetDirectoryName(file.SpecificationPath)!;
        var root = Path.GetFullPath(file.PackageRoot ?? modelFolder);
        var full = Path.GetFullPath(Path.Combine(modelFolder, name[ModelPathPrefix.Length..]));
        var rootPrefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootPrefix, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
        {
            throw error($"reads blob file '{name}', which lies outside the model package; weight files must stay inside it.");
        }
        if (!_open.TryGetValue(full, out var weights))
        {
            var label = Path.Combine(file.Path, Path.GetRelativePath(root, full));
            weights = MilBlobFile.Open(full, label);
            _open[full] = weights;
        }
        return weights.Read(blob.Offset);
    }
}
