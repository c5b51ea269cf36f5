using System.Security.Cryptography;
using System.Text;
using Parity.Spec.CoreML;

namespace Parity.Validation.Runtimes.CoreML;

/// <summary>
/// Where compiled models (.mlmodelc folders from +[MLModel compileModelAtURL:error:]) are kept between runs: one
/// folder per content hash of the model, so an edited model is compiled again and a copied one is not.
/// </summary>
public sealed class CompileCache(string root)
{
    /// <summary>The default cache: parity-coreml-cache under the temp folder.</summary>
    public static CompileCache Default { get; } = new(Path.Combine(Path.GetTempPath(), "parity-coreml-cache"));

    public string Root { get; } = root;

    /// <summary>The .mlmodelc folder for <paramref name="modelPath"/>; it exists when the model was compiled before.</summary>
    public string CompiledPathFor(string modelPath) => Path.Combine(Root, Key(modelPath) + ".mlmodelc");

    /// <summary>
    /// SHA-256 (hex) of an .mlmodel file's bytes, or of an .mlpackage directory's contents: every file's path relative
    /// to the package ('/'-separated, ordinal order), length and bytes. Where the model lies does not change the key.
    /// </summary>
    public static string Key(string modelPath)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (Directory.Exists(modelPath))
        {
            var files = Directory.GetFiles(modelPath, "*", SearchOption.AllDirectories)
                .Select(f => (Full: f, Relative: Path.GetRelativePath(modelPath, f).Replace('\\', '/')))
                .OrderBy(f => f.Relative, StringComparer.Ordinal);
            foreach (var (full, relative) in files)
            {
                // Name and length frame each file, so moving bytes from one file into the next changes the key.
                hash.AppendData(Encoding.UTF8.GetBytes(relative));
                hash.AppendData([0]);
                hash.AppendData(BitConverter.GetBytes(new FileInfo(full).Length));
                Append(hash, full);
            }
        }
        else if (File.Exists(modelPath))
        {
            Append(hash, modelPath);
        }
        else
        {
            throw new FileNotFoundException($"{modelPath} does not exist; expected an .mlmodel file or an .mlpackage directory.", modelPath);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Moves a freshly compiled folder into the cache under <paramref name="modelPath"/>'s key and returns its path.
    /// Another process may have stored the same key meanwhile; its copy is as good as ours.
    /// </summary>
    public string Store(string modelPath, string compiledFolder)
    {
        var target = CompiledPathFor(modelPath);
        if (Directory.Exists(target)) return target;
        Directory.CreateDirectory(Root);
        var staging = target + "." + Guid.NewGuid().ToString("N") + ".partial";
        // Core ML compiles into its own temp folder, possibly on another volume, so the result is copied, not moved.
        PackageFolder.Copy(compiledFolder, staging);
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
        }
        return target;
    }

    private static void Append(IncrementalHash hash, string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
    }
}
