using PureHDF;

namespace Parity.Spec.Keras;

/// <summary>Reads the string attributes Keras writes, in every form h5py produced over the years.</summary>
internal static class Hdf5Attributes
{
    /// <summary>A scalar string attribute, or null when absent. Keras stores these as str or bytes, fixed or variable length.</summary>
    public static string? ReadString(IH5Object obj, string name)
    {
        if (!obj.AttributeExists(name)) return null;
        var attribute = obj.Attribute(name);
        return attribute.Space.Dimensions.Length == 0
            ? attribute.Read<string>()
            : string.Concat(attribute.Read<string[]>());
    }

    /// <summary>
    /// A string-list attribute such as layer_names or weight_names. h5py writes an empty list as a zero-length
    /// float64 array (FINDINGS.md 1) and splits lists over 64 KiB into name0, name1, ... attributes.
    /// </summary>
    public static IReadOnlyList<string>? ReadStringList(IH5Object obj, string name)
    {
        if (obj.AttributeExists(name)) return ReadList(obj.Attribute(name));
        if (!obj.AttributeExists(name + "0")) return null;
        var all = new List<string>();
        for (var chunk = 0; obj.AttributeExists(name + chunk); chunk++)
        {
            all.AddRange(ReadList(obj.Attribute(name + chunk)));
        }
        return all;
    }

    private static IReadOnlyList<string> ReadList(IH5Attribute attribute)
    {
        var count = attribute.Space.Dimensions.Aggregate(1UL, (a, d) => a * d);
        if (count == 0) return [];
        if (attribute.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
        {
            throw new InvalidDataException($"attribute '{attribute.Name}' holds {attribute.Type.Class} values, expected strings.");
        }
        return attribute.Space.Dimensions.Length == 0 ? [attribute.Read<string>()] : attribute.Read<string[]>();
    }
}
