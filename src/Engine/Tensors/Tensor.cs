using System.Runtime.InteropServices;

namespace Parity.Engine.Tensors;

/// <summary>
/// A dense, contiguous, row-major tensor over 64-byte aligned pooled storage. Views along the first axis
/// and reshapes share storage; <see cref="Dispose"/> hands storage back to the pool once no view uses it.
/// </summary>
public sealed class Tensor : IDisposable
{
    private readonly TensorStorage _storage;
    private readonly int _byteOffset;
    private bool _disposed;

    private Tensor(TensorStorage storage, int byteOffset, DType dtype, Shape shape)
    {
        _storage = storage;
        _byteOffset = byteOffset;
        DType = dtype;
        Shape = shape;
    }

    public DType DType { get; }

    public Shape Shape { get; }

    public TensorType Type => new(DType, Shape);

    public int Rank => Shape.Rank;

    /// <summary>Number of elements.</summary>
    public int Length => Shape.ElementCount;

    public int ByteLength => Length * DType.SizeOf();

    /// <summary>A zero-filled tensor.</summary>
    public static Tensor Zeros(DType dtype, Shape shape, TensorPool? pool = null)
    {
        var t = Uninitialized(dtype, shape, pool);
        t.Bytes.Clear();
        return t;
    }

    /// <summary>A float32 zero-filled tensor.</summary>
    public static Tensor Zeros(params int[] shape) => Zeros(DType.Float32, new Shape(shape));

    /// <summary>A tensor whose contents are whatever the pooled storage held; callers must overwrite every element.</summary>
    public static Tensor Uninitialized(DType dtype, Shape shape, TensorPool? pool = null)
    {
        var bytes = checked(shape.ElementCount * dtype.SizeOf());
        return new Tensor((pool ?? TensorPool.Shared).Rent(bytes), 0, dtype, shape);
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/>; the dtype follows <typeparamref name="T"/>.</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, Shape shape) where T : unmanaged
    {
        if (data.Length != shape.ElementCount)
        {
            throw new ArgumentException($"{data.Length} values do not fill shape {shape} ({shape.ElementCount} elements).", nameof(data));
        }
        var t = Uninitialized(DTypeInfo.Of<T>(), shape);
        data.CopyTo(t.Span<T>());
        return t;
    }

    /// <summary>A float32 tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(float[] data, params int[] shape) => FromSpan<float>(data, new Shape(shape));

    /// <summary>A bool tensor (stored as bytes 0/1).</summary>
    public static Tensor FromBools(ReadOnlySpan<bool> data, Shape shape)
    {
        var t = Uninitialized(DType.Bool, shape);
        var bytes = t.Bytes;
        for (var i = 0; i < data.Length; i++) bytes[i] = data[i] ? (byte)1 : (byte)0;
        return t;
    }

    /// <summary>The raw bytes of this tensor's elements.</summary>
    public Span<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _storage.Bytes.Slice(_byteOffset, ByteLength);
        }
    }

    /// <summary>The elements as <typeparamref name="T"/>; throws when <typeparamref name="T"/> is not this tensor's storage type.</summary>
    public Span<T> Span<T>() where T : unmanaged
    {
        if (!DType.IsStoredAs<T>())
        {
            throw new InvalidOperationException($"A {DType} tensor cannot be viewed as {typeof(T).Name}.");
        }
        return MemoryMarshal.Cast<byte, T>(Bytes);
    }

    /// <summary>The elements of a float32 tensor.</summary>
    public Span<float> Floats => Span<float>();

    /// <summary>A view of <paramref name="count"/> entries along the first axis starting at <paramref name="start"/>; shares storage.</summary>
    public Tensor Slice0(int start, int count)
    {
        if (Rank == 0) throw new InvalidOperationException("A scalar has no first axis to slice.");
        if (start < 0 || count < 0 || start + count > Shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows [{start}, {start + count}) are outside the first axis of {Shape}.");
        }
        var rowBytes = Shape.Product(1, Rank) * DType.SizeOf();
        return View(_byteOffset + start * rowBytes, Shape.WithDim(0, count));
    }

    /// <summary>A view with another shape of the same element count; shares storage.</summary>
    public Tensor Reshape(Shape shape)
    {
        if (shape.ElementCount != Length)
        {
            throw new ArgumentException($"Cannot reshape {Shape} ({Length} elements) to {shape} ({shape.ElementCount} elements).", nameof(shape));
        }
        return View(_byteOffset, shape);
    }

    /// <summary>Another handle on the same elements (no copy); each handle is disposed on its own.</summary>
    public Tensor Share() => View(_byteOffset, Shape);

    /// <summary>
    /// The elements as memory that outlives a span (for a list of recorded values); valid until this tensor is
    /// disposed. The storage is pinned, so the memory never moves.
    /// </summary>
    public Memory<T> AsMemory<T>() where T : unmanaged
    {
        Span<T>();
        return new TensorMemory<T>(this).Memory;
    }

    /// <summary>A copy in fresh storage.</summary>
    public Tensor Clone()
    {
        var copy = Uninitialized(DType, Shape);
        Bytes.CopyTo(copy.Bytes);
        return copy;
    }

    /// <summary>Converts to float32 (a copy even when already float32).</summary>
    public Tensor ToFloat32()
    {
        var result = Uninitialized(DType.Float32, Shape);
        var dst = result.Floats;
        switch (DType)
        {
            case DType.Float32: Floats.CopyTo(dst); break;
            case DType.Float16: System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(Span<Half>(), dst); break;
            case DType.Float64: Convert(Span<double>(), dst, v => (float)v); break;
            case DType.Int32: Convert(Span<int>(), dst, v => v); break;
            case DType.Int64: Convert(Span<long>(), dst, v => v); break;
            case DType.UInt8 or DType.Bool: Convert(Span<byte>(), dst, v => v); break;
            case DType.Int8: Convert(Span<sbyte>(), dst, v => v); break;
            default: throw new NotSupportedException($"Cannot convert {DType} to float32.");
        }
        return result;
    }

    /// <summary>Converts float32 values to <paramref name="dtype"/>: float16 rounds to nearest even, integers truncate toward zero.</summary>
    public Tensor CastFromFloat32(DType dtype)
    {
        var src = Floats;
        var result = Uninitialized(dtype, Shape);
        switch (dtype)
        {
            case DType.Float32: src.CopyTo(result.Floats); break;
            case DType.Float16: System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(src, result.Span<Half>()); break;
            case DType.Float64: Convert(src, result.Span<double>(), v => v); break;
            case DType.Int32: Convert(src, result.Span<int>(), v => (int)v); break;
            case DType.Int64: Convert(src, result.Span<long>(), v => (long)v); break;
            case DType.UInt8: Convert(src, result.Span<byte>(), v => (byte)v); break;
            case DType.Int8: Convert(src, result.Span<sbyte>(), v => (sbyte)v); break;
            case DType.Bool: Convert(src, result.Span<byte>(), v => v != 0 ? (byte)1 : (byte)0); break;
            default: throw new NotSupportedException($"Cannot convert float32 to {dtype}.");
        }
        return result;
    }

    /// <summary>Releases this tensor's hold on its storage; the storage returns to the pool when no view uses it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _storage.Release();
    }

    public override string ToString() => $"Tensor {Type}";

    private Tensor View(int byteOffset, Shape shape)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _storage.AddReference();
        return new Tensor(_storage, byteOffset, DType, shape);
    }

    private static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> from, Span<TTo> to, Func<TFrom, TTo> convert)
    {
        for (var i = 0; i < from.Length; i++) to[i] = convert(from[i]);
    }
}
