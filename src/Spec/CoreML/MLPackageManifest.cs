using System.Text.Json;

namespace Parity.Spec.CoreML;

/// <summary>
/// Reads an .mlpackage's Manifest.json to find the root model specification. The manifest maps item ids
/// to entries whose "path" is relative to the package's Data/ folder; "rootModelIdentifier" names the
/// entry holding the Model protobuf (usually Data/com.apple.CoreML/model.mlmodel).
/// </summary>
internal static class MLPackageManifest
{
    public const string FileName = "Manifest.json";

    // Real manifests are a few hundred bytes; anything this large is not a manifest.
    private const long MaxManifestBytes = 16L * 1024 * 1024;

    /// <summary>Returns the full path of the root model specification, checked to lie inside <paramref name="packageDirectory"/>.</summary>
    public static string ResolveRootModel(string packageDirectory, string packageLabel)
    {
        string manifestPath = Path.Combine(packageDirectory, FileName);
        string manifestLabel = Path.Combine(packageLabel, FileName);
        if (!System.IO.File.Exists(manifestPath))
        {
            throw new ModelFormatException(packageLabel, null,
                $"is a directory without {FileName}; an .mlpackage directory holds {FileName} and a Data/ folder, otherwise pass the .mlmodel file itself");
        }

        string relativePath = ReadRootModelPath(manifestPath, manifestLabel);
        string dataDirectory = Path.Combine(packageDirectory, "Data");
        string modelPath = Path.GetFullPath(Path.Combine(dataDirectory, relativePath));
        string packageRoot = Path.GetFullPath(packageDirectory);
        if (!IsInside(modelPath, packageRoot))
        {
            throw new ModelFormatException(manifestLabel, "rootModelIdentifier entry path",
                $"points to '{relativePath}', which lies outside the package; entry paths must stay inside the .mlpackage directory");
        }

        if (new FileInfo(modelPath).LinkTarget is not null)
        {
            string target = new FileInfo(modelPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? modelPath;
            if (!IsInside(target, packageRoot))
            {
                throw new ModelFormatException(manifestLabel, "rootModelIdentifier entry path",
                    $"'{relativePath}' is a link to '{target}', outside the package; entry paths must stay inside the .mlpackage directory");
            }
        }

        return modelPath;
    }

    private static string ReadRootModelPath(string manifestPath, string manifestLabel)
    {
        byte[] bytes = ReadManifestBytes(manifestPath, manifestLabel);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFormatException(manifestLabel, null, $"holds a JSON {Describe(root.ValueKind)}; expected an object with rootModelIdentifier and itemInfoEntries");
            }

            string identifier = RequireString(root, "rootModelIdentifier", manifestLabel, "rootModelIdentifier");
            if (!root.TryGetProperty("itemInfoEntries", out JsonElement entries) || entries.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFormatException(manifestLabel, "itemInfoEntries", "is missing or not an object; expected a map from item id to {path, name, ...}");
            }

            if (!entries.TryGetProperty(identifier, out JsonElement entry) || entry.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFormatException(manifestLabel, "itemInfoEntries",
                    $"has no entry for the rootModelIdentifier '{identifier}'; the package does not say where its model is");
            }

            string location = $"itemInfoEntries['{identifier}'].path";
            string relativePath = RequireString(entry, "path", manifestLabel, location);
            if (Path.IsPathRooted(relativePath))
            {
                throw new ModelFormatException(manifestLabel, location, $"is the absolute path '{relativePath}'; expected a path relative to the package's Data/ folder");
            }

            return relativePath;
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(manifestLabel, null, $"is not valid JSON ({e.Message})", e);
        }
    }

    private static byte[] ReadManifestBytes(string manifestPath, string manifestLabel)
    {
        try
        {
            long length = new FileInfo(manifestPath).Length;
            if (length > MaxManifestBytes)
            {
                throw new ModelFormatException(manifestLabel, null, $"is {length} bytes; a package manifest is a small JSON file (at most {MaxManifestBytes} bytes accepted)");
            }

            return System.IO.File.ReadAllBytes(manifestPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(manifestLabel, null, $"could not be read ({e.Message})", e);
        }
    }

    private static string RequireString(JsonElement parent, string property, string manifestLabel, string location)
    {
        if (!parent.TryGetProperty(property, out JsonElement value) || value.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(value.GetString()))
        {
            throw new ModelFormatException(manifestLabel, location, "is missing or not a non-empty string");
        }

        return value.GetString()!;
    }

    private static bool IsInside(string path, string directory)
    {
        string prefix = Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}
