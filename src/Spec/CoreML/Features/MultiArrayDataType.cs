using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.Features;

/// <summary>
/// Apple's MLMultiArrayDataType (an NSInteger enum in CoreML/MLMultiArray.h): 0x10000 | bits for floats,
/// 0x20000 | bits for integers. The same numbers are ArrayFeatureType.ArrayDataType in the model specification.
/// </summary>
public enum MultiArrayDataType : long
{
    Float16 = 0x10000 | 16,
    Float32 = 0x10000 | 32,
    Double = 0x10000 | 64,
    Int32 = 0x20000 | 32,
}

/// <summary>Element sizes of <see cref="MultiArrayDataType"/> and the engine dtypes they map to.</summary>
public static class MultiArrayDataTypes
{
    /// <summary>Bytes per element: the low 16 bits of the value are the bit width.</summary>
    public static int SizeOf(MultiArrayDataType type) => type switch
    {
        MultiArrayDataType.Float16 => 2,
        MultiArrayDataType.Float32 or MultiArrayDataType.Int32 => 4,
        MultiArrayDataType.Double => 8,
        _ => throw new ArgumentException($"MLMultiArrayDataType {(long)type} is not one of FLOAT16, FLOAT32, DOUBLE, INT32."),
    };

    /// <summary>Reads the raw value Core ML returned, refusing numbers it does not define.</summary>
    public static MultiArrayDataType FromNative(long value) => Enum.IsDefined((MultiArrayDataType)value)
        ? (MultiArrayDataType)value
        : throw new ArgumentException($"MLMultiArrayDataType {value} is not one of FLOAT16 (65552), FLOAT32 (65568), DOUBLE (65600), INT32 (131104).");

    /// <summary>The engine dtype holding values of <paramref name="type"/> without loss.</summary>
    public static DType ToDType(MultiArrayDataType type) => type switch
    {
        MultiArrayDataType.Float16 => DType.Float16,
        MultiArrayDataType.Float32 => DType.Float32,
        MultiArrayDataType.Double => DType.Float64,
        MultiArrayDataType.Int32 => DType.Int32,
        _ => throw new ArgumentException($"MLMultiArrayDataType {(long)type} has no engine dtype."),
    };
}
