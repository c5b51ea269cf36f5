using Parity.Engine.Tensors;

namespace Parity.Cli.Commands;

/// <summary>Writes tensors as .npy files (and a few text files) into a folder, refusing to replace files that already exist unless told to.</summary>
internal sealed class OutputFolder(string root, bool overwrite)
{
    private readonly List<(string Path, Tensor Value)> _pending = [];
    private readonly List<(string Path, string Text)> _texts = [];

    /// <summary>Queues <paramref name="value"/> as &lt;root&gt;/&lt;subfolder&gt;/&lt;name&gt;.npy; nothing is written until <see cref="Commit"/>.</summary>
    public void Add(string subfolder, string name, Tensor value) =>
        _pending.Add((Path.Combine(root, subfolder, FileNameOf(name) + ".npy"), value));

    /// <summary>Queues <paramref name="text"/> as &lt;root&gt;/&lt;fileName&gt;; nothing is written until <see cref="Commit"/>.</summary>
    public void AddText(string fileName, string text) => _texts.Add((Path.Combine(root, fileName), text));

    /// <summary>Checks every target first, so a refused run writes nothing, then writes all files.</summary>
    public IReadOnlyList<string> Commit()
    {
        if (!overwrite)
        {
            var existing = _pending.Select(p => p.Path).Concat(_texts.Select(t => t.Path)).Where(File.Exists).ToList();
            if (existing.Count > 0)
            {
                throw new IOException($"{existing.Count} output file(s) already exist (first: {existing[0]}); nothing was written. Choose another --output folder or pass --overwrite.");
            }
        }
        foreach (var (path, value) in _pending)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Npy.Write(path, value);
        }
        foreach (var (path, text) in _texts)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        return _pending.Select(p => p.Path).Concat(_texts.Select(t => t.Path)).ToList();
    }

    // Layer and blob names may hold '/', ':' or other characters a file name cannot.
    private static string FileNameOf(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':']).ToHashSet();
        return new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
    }
}
