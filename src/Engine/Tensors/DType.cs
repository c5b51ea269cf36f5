namespace Parity.Engine.Tensors;

/// <summary>Element types a <see cref="Tensor"/> can hold. Compute is float32; the others are storage and index types.</summary>
public enum DType
{
    Float32,
    Float16,
    Float64,
    Int32,
    Int64,
    UInt8,
    Int8,
    Bool,
}

/// <summary>Sizes and CLR types of <see cref="DType"/> values.</summary>
public static class DTypeInfo
{
    public static int SizeOf(this DType type) => type switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.Float16 => 2,
        DType.Float64 or DType.Int64 => 8,
        DType.UInt8 or DType.Int8 or DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The dtype whose elements are stored as <typeparamref name="T"/>; bool tensors are stored as bytes (0 or 1).</summary>
    public static DType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(Half)) return DType.Float16;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(sbyte)) return DType.Int8;
        throw new NotSupportedException($"No tensor dtype is stored as {typeof(T).Name}.");
    }

    /// <summary>True when a span of <typeparamref name="T"/> may view a tensor of <paramref name="type"/>.</summary>
    public static bool IsStoredAs<T>(this DType type) where T : unmanaged =>
        type == DType.Bool ? typeof(T) == typeof(byte) : Of<T>() == type;

    public static bool IsFloatingPoint(this DType type) => type is DType.Float32 or DType.Float16 or DType.Float64;
}
