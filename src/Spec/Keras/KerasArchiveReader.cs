using System.IO.Compression;
using PureHDF;

namespace Parity.Spec.Keras;

/// <summary>
/// Reads Keras 3 ".keras" archives: a zip holding config.json, metadata.json and model.weights.h5, whose weights
/// sit at layers/&lt;layer&gt;/vars/&lt;i&gt; with nested objects (an RNN's cell, a wrapper's inner layers) as subgroups.
/// </summary>
internal static class KerasArchiveReader
{
    // A model.weights.h5 larger than this is refused before it is unpacked (zip bombs, corrupt size fields).
    private const long MaxWeightsBytes = 4L << 30;

    public static KerasFile Read(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var config = KerasJson.ParseConfig(path + "!config.json", ReadText(path, zip, "config.json"));
            var metadata = zip.GetEntry("metadata.json") is null ? null : KerasJson.ParseMetadata(ReadText(path, zip, "metadata.json"));
            var version = metadata?["keras_version"]?.GetValue<string>() ?? "3";
            using var weightsStream = Unpack(path, zip, "model.weights.h5");
            using var h5 = H5File.Open(weightsStream, leaveOpen: true);
            var weights = ReadWeights(path, h5, weightsStream.Length);
            return new KerasFile(path, version, "", config, weights);
        }
        catch (ModelFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelFormatException(path, null, $"is not a readable Keras 3 archive: {e.Message}", e);
        }
    }

    private static Dictionary<string, IReadOnlyList<KerasWeight>> ReadWeights(string path, IH5Group root, long length)
    {
        var weights = new Dictionary<string, IReadOnlyList<KerasWeight>>();
        if (!root.LinkExists("layers")) return weights;
        foreach (var layer in ((IH5Group)root.Get("layers")).Children().OfType<IH5Group>())
        {
            var list = new List<KerasWeight>();
            Collect(path, layer, "", list, length);
            weights[layer.Name] = list;
        }
        return weights;
    }

    // Own variables first (vars/0, vars/1, ... in numeric order), then nested objects; names keep the relative
    // path ("cell/vars/0", "forward_layer/cell/vars/1") so wrappers can pick their parts.
    private static void Collect(string path, IH5Group group, string prefix, List<KerasWeight> into, long length)
    {
        if (group.LinkExists("vars") && group.Get("vars") is IH5Group vars)
        {
            foreach (var dataset in vars.Children().OfType<IH5Dataset>().OrderBy(d => int.TryParse(d.Name, out var i) ? i : int.MaxValue))
            {
                try
                {
                    into.Add(new KerasWeight($"{prefix}vars/{dataset.Name}", Hdf5Tensors.ReadFloat32(dataset, length)));
                }
                catch (InvalidDataException e)
                {
                    throw new ModelFormatException(path, $"layer '{group.Name}'", e.Message, e);
                }
            }
        }
        foreach (var child in group.Children().OfType<IH5Group>().Where(g => g.Name != "vars").OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            Collect(path, child, $"{prefix}{child.Name}/", into, length);
        }
    }

    private static string ReadText(string path, ZipArchive zip, string entryName)
    {
        using var stream = Unpack(path, zip, entryName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static MemoryStream Unpack(string path, ZipArchive zip, string entryName)
    {
        var entry = zip.GetEntry(entryName)
            ?? throw new ModelFormatException(path, entryName, "is missing from the archive; a Keras 3 .keras file holds config.json and model.weights.h5.");
        if (entry.Length > MaxWeightsBytes)
        {
            throw new ModelFormatException(path, entryName, $"declares {entry.Length} bytes unpacked, more than Parity reads ({MaxWeightsBytes}).");
        }
        var memory = new MemoryStream((int)entry.Length);
        using (var source = entry.Open()) source.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }
}
