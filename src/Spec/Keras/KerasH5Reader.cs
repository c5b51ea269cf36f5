using PureHDF;

namespace Parity.Spec.Keras;

/// <summary>
/// Reads Keras HDF5 files: full models (model_config + model_weights/) from Keras 1.x to 3.x and weights-only
/// files (layer_names at the root) paired with the JSON that model.to_json() wrote.
/// </summary>
internal static class KerasH5Reader
{
    public static KerasFile Read(string path, string? configPath)
    {
        try
        {
            using var file = H5File.OpenRead(path);
            return Read(path, file, configPath);
        }
        catch (ModelFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelFormatException(path, null, $"is not a readable Keras HDF5 file: {e.Message}", e);
        }
    }

    private static KerasFile Read(string path, IH5Group root, string? configPath)
    {
        var weightsRoot = root.LinkExists("model_weights") ? (IH5Group)root.Get("model_weights") : root;
        var version = Hdf5Attributes.ReadString(root, "keras_version") ?? Hdf5Attributes.ReadString(weightsRoot, "keras_version") ?? "";
        var backend = Hdf5Attributes.ReadString(root, "backend") ?? Hdf5Attributes.ReadString(weightsRoot, "backend") ?? "";

        var configText = configPath is not null
            ? ReadConfigFile(configPath)
            : Hdf5Attributes.ReadString(root, "model_config")
              ?? throw new ModelFormatException(path, "model_config",
                  "this HDF5 file holds weights only (no model_config attribute). Pass the model's JSON (what model.to_json() wrote) with --config model.json.");
        var config = KerasJson.ParseConfig(configPath ?? path, configText);

        var layerNames = Hdf5Attributes.ReadStringList(weightsRoot, "layer_names")
            ?? throw new ModelFormatException(path, "layer_names", "the file has no layer_names attribute, so it is not a Keras weights file.");
        var fileLength = new FileInfo(path).Length;
        var weights = new Dictionary<string, IReadOnlyList<KerasWeight>>();
        foreach (var layer in layerNames)
        {
            weights[layer] = ReadLayerWeights(path, weightsRoot, layer, fileLength);
        }
        return new KerasFile(path, version, backend, config, weights);
    }

    private static List<KerasWeight> ReadLayerWeights(string path, IH5Group weightsRoot, string layer, long fileLength)
    {
        if (!weightsRoot.LinkExists(layer))
        {
            throw new ModelFormatException(path, $"layer '{layer}'", "is listed in layer_names but has no weight group.");
        }
        var group = (IH5Group)weightsRoot.Get(layer);
        var names = Hdf5Attributes.ReadStringList(group, "weight_names") ?? [];
        var list = new List<KerasWeight>(names.Count);
        foreach (var name in names)
        {
            if (!group.LinkExists(name) || group.Get(name) is not IH5Dataset dataset)
            {
                throw new ModelFormatException(path, $"layer '{layer}'", $"weight '{name}' is listed in weight_names but no such dataset exists.");
            }
            try
            {
                list.Add(new KerasWeight(name, Hdf5Tensors.ReadFloat32(dataset, fileLength)));
            }
            catch (InvalidDataException e)
            {
                throw new ModelFormatException(path, $"layer '{layer}'", e.Message, e);
            }
        }
        return list;
    }

    private static string ReadConfigFile(string configPath)
    {
        if (!File.Exists(configPath)) throw new ModelFormatException(configPath, null, "the config file does not exist.");
        return File.ReadAllText(configPath);
    }
}
