using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// A value known while the program is read: a const op's value, or the result of an op whose inputs were all known.
/// Numbers live in <see cref="Tensor"/> with the engine dtype that carries the MIL type (every float type as float32,
/// int8/uint8/bool as themselves, int64 as int64, other integers as int32); strings live in <see cref="Strings"/>.
/// </summary>
public sealed class MilConstant
{
    private MilConstant(DataType dataType, Shape shape, Tensor? tensor, IReadOnlyList<string>? strings)
    {
        DataType = dataType;
        Shape = shape;
        Tensor = tensor;
        Strings = strings;
    }

    /// <summary>The MIL element type the program declares (FLOAT16 stays FLOAT16 here although the tensor is float32).</summary>
    public DataType DataType { get; }

    public Shape Shape { get; }

    /// <summary>The numbers; null for a string value.</summary>
    public Tensor? Tensor { get; }

    /// <summary>The strings of a STRING value; null otherwise.</summary>
    public IReadOnlyList<string>? Strings { get; }

    public bool IsString => Strings is not null;

    public static MilConstant FromTensor(DataType dataType, Tensor tensor) => new(dataType, tensor.Shape, tensor, null);

    public static MilConstant FromStrings(Shape shape, IReadOnlyList<string> strings) => new(DataType.String, shape, null, strings);

    /// <summary>The engine dtype that carries values of MIL type <paramref name="type"/>, or null when the engine has none (strings).</summary>
    public static DType? EngineType(DataType type) => type switch
    {
        DataType.Float16 or DataType.Float32 or DataType.Float64 or DataType.Bfloat16
            or DataType.Float8E4M3Fn or DataType.Float8E5M2 => DType.Float32,
        DataType.Int64 or DataType.Uint64 or DataType.Uint32 => DType.Int64,
        DataType.Int32 or DataType.Int16 or DataType.Uint16 or DataType.Int4 or DataType.Uint4 or DataType.Uint2
            or DataType.Uint1 or DataType.Uint3 or DataType.Uint6 => DType.Int32,
        DataType.Int8 => DType.Int8,
        DataType.Uint8 => DType.UInt8,
        DataType.Bool => DType.Bool,
        _ => null,
    };

    /// <summary>True for the MIL floating-point types.</summary>
    public static bool IsFloat(DataType type) => type is DataType.Float16 or DataType.Float32 or DataType.Float64 or DataType.Bfloat16
        or DataType.Float8E4M3Fn or DataType.Float8E5M2;

    /// <summary>The values as float32 (numbers only).</summary>
    public float[] ToFloats()
    {
        var tensor = Tensor ?? throw new InvalidOperationException("A string value has no numbers.");
        using var floats = tensor.ToFloat32();
        return floats.Floats.ToArray();
    }

    /// <summary>The values as 64-bit integers (numbers only; floats truncate toward zero).</summary>
    public long[] ToLongs()
    {
        var tensor = Tensor ?? throw new InvalidOperationException("A string value has no numbers.");
        return tensor.DType switch
        {
            DType.Int32 => tensor.Span<int>().ToArray().Select(v => (long)v).ToArray(),
            DType.Int64 => tensor.Span<long>().ToArray(),
            DType.Int8 => tensor.Span<sbyte>().ToArray().Select(v => (long)v).ToArray(),
            DType.UInt8 or DType.Bool => tensor.Span<byte>().ToArray().Select(v => (long)v).ToArray(),
            _ => ToFloats().Select(v => (long)v).ToArray(),
        };
    }

    /// <summary>A short rendering for error messages and `inspect`, e.g. "int32[2] [1, 1]".</summary>
    public override string ToString()
    {
        const int shown = 8;
        var count = Shape.ElementCount;
        var values = IsString
            ? Strings!.Take(shown).Select(s => $"\"{s}\"")
            : (Tensor!.DType == DType.Float32
                ? ToFloats().Take(shown).Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))
                : ToLongs().Take(shown).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"{DataType.ToString().ToLowerInvariant()}{Shape} [{string.Join(", ", values)}{(count > shown ? ", ..." : "")}]";
    }
}
