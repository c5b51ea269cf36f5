namespace Parity.Engine.Tensors;

/// <summary>Maps NumPy dtype descriptors ('&lt;f4', '|b1', ...) to <see cref="DType"/> and back; little-endian only.</summary>
internal static class NpyDType
{
    public static string Descriptor(DType type) => type switch
    {
        DType.Float32 => "<f4",
        DType.Float16 => "<f2",
        DType.Float64 => "<f8",
        DType.Int32 => "<i4",
        DType.Int64 => "<i8",
        DType.UInt8 => "|u1",
        DType.Int8 => "|i1",
        DType.Bool => "|b1",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No .npy descriptor for this dtype."),
    };

    /// <summary>
    /// Parses a descriptor: a byte-order character then a kind and size. '&lt;' is little-endian, '=' native
    /// (little-endian on every platform .NET runs Parity on), '|' "not applicable" for one-byte types.
    /// </summary>
    public static DType Parse(string descriptor, string source)
    {
        const string supported = "'<f4', '<f2', '<f8', '<i4', '<i8', '|u1', '|i1' or '|b1'";
        if (descriptor.Length < 2)
        {
            throw new NpyFormatException(source, $"dtype '{descriptor}' is not a NumPy type descriptor; expected one of {supported}.");
        }
        var order = descriptor[0];
        var code = descriptor[1..];
        DType? type = code switch
        {
            "f4" => DType.Float32,
            "f2" => DType.Float16,
            "f8" => DType.Float64,
            "i4" => DType.Int32,
            "i8" => DType.Int64,
            "u1" => DType.UInt8,
            "i1" => DType.Int8,
            "b1" => DType.Bool,
            _ => null,
        };
        if (type is null)
        {
            var why = code.StartsWith('O') ? "object arrays hold Python objects, not numbers" : "this element type is not supported";
            throw new NpyFormatException(source, $"dtype '{descriptor}': {why}; expected one of {supported}.");
        }
        var oneByte = type.Value.SizeOf() == 1;
        var littleEndian = order == '<' || (order == '=' && BitConverter.IsLittleEndian);
        if (oneByte ? order is not ('|' or '<' or '>' or '=') : !littleEndian)
        {
            var what = order == '>' || order == '=' ? "big-endian data is not supported" : $"byte order '{order}' is not valid for a {type.Value.SizeOf()}-byte type";
            throw new NpyFormatException(source, $"dtype '{descriptor}': {what}; expected little-endian '<{code}'.");
        }
        return type.Value;
    }
}
