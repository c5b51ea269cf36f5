using System.Runtime.InteropServices;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Features;

namespace Parity.Validation.Runtimes.CoreML;

/// <summary>
/// Moves elements between engine tensors (dense, row-major) and MLMultiArray buffers (any shape and strides, in
/// elements, as MLMultiArray.shape/strides report them; Core ML pads rows of GPU/ANE outputs, so strides matter).
/// Pure code over spans: the native side only supplies the pointer, shape, strides and data type.
/// </summary>
public static class MultiArrayLayout
{
    /// <summary>Offset in elements of the element with row-major index <paramref name="linearIndex"/> in an array with these shape and strides.</summary>
    public static long ElementOffset(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides, long linearIndex)
    {
        long offset = 0;
        for (var axis = shape.Length - 1; axis >= 0; axis--)
        {
            offset += linearIndex % shape[axis] * strides[axis];
            linearIndex /= shape[axis];
        }
        return offset;
    }

    /// <summary>Number of elements the buffer must span: one past the largest offset (0 for an empty array).</summary>
    public static long Extent(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides)
    {
        Validate(shape, strides);
        long last = 0;
        for (var axis = 0; axis < shape.Length; axis++)
        {
            if (shape[axis] == 0) return 0;
            last += (shape[axis] - 1) * strides[axis];
        }
        return last + 1;
    }

    /// <summary>Row-major strides in elements for <paramref name="shape"/>, the layout inputs are handed to Core ML in.</summary>
    public static long[] DenseStrides(ReadOnlySpan<long> shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (var axis = shape.Length - 1; axis >= 0; axis--)
        {
            strides[axis] = s;
            s *= shape[axis];
        }
        return strides;
    }

    /// <summary>
    /// Copies an MLMultiArray's elements (<paramref name="data"/> starts at its dataPointer and spans at least
    /// <see cref="Extent"/> elements) into a new dense tensor of the matching engine dtype.
    /// </summary>
    public static Tensor ToTensor(ReadOnlySpan<byte> data, MultiArrayDataType type, ReadOnlySpan<long> shape, ReadOnlySpan<long> strides)
    {
        var size = MultiArrayDataTypes.SizeOf(type);
        var extent = Extent(shape, strides);
        if (data.Length < extent * size)
        {
            throw new ArgumentException($"The multi-array buffer holds {data.Length} bytes; shape [{string.Join(", ", shape.ToArray())}] with strides [{string.Join(", ", strides.ToArray())}] needs {extent * size}.");
        }
        var dims = new int[shape.Length];
        for (var axis = 0; axis < dims.Length; axis++)
        {
            dims[axis] = shape[axis] <= int.MaxValue ? (int)shape[axis] : throw new ArgumentException($"Multi-array dimension {shape[axis]} is too large.");
        }
        var tensor = Tensor.Uninitialized(MultiArrayDataTypes.ToDType(type), new Shape(dims));
        var target = tensor.Bytes;
        for (long i = 0; i < tensor.Length; i++)
        {
            var from = checked((int)(ElementOffset(shape, strides, i) * size));
            data.Slice(from, size).CopyTo(target.Slice((int)i * size, size));
        }
        return tensor;
    }

    /// <summary>Writes <paramref name="tensor"/>'s values densely (row-major) into <paramref name="destination"/> as <paramref name="type"/>; integers round to nearest.</summary>
    public static void FromTensor(Tensor tensor, MultiArrayDataType type, Span<byte> destination)
    {
        var size = MultiArrayDataTypes.SizeOf(type);
        if (destination.Length != tensor.Length * size)
        {
            throw new ArgumentException($"A {tensor.Length}-element {type} multi-array takes {tensor.Length * size} bytes, not {destination.Length}.");
        }
        using var floats = tensor.DType == DType.Float64 ? null : tensor.ToFloat32();
        for (var i = 0; i < tensor.Length; i++)
        {
            double value = floats is null ? tensor.Span<double>()[i] : floats.Floats[i];
            var slot = destination.Slice(i * size, size);
            switch (type)
            {
                case MultiArrayDataType.Float16: MemoryMarshal.Write(slot, (Half)value); break;
                case MultiArrayDataType.Float32: MemoryMarshal.Write(slot, (float)value); break;
                case MultiArrayDataType.Double: MemoryMarshal.Write(slot, value); break;
                default: MemoryMarshal.Write(slot, (int)Math.Round(value, MidpointRounding.ToEven)); break;
            }
        }
    }

    private static void Validate(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides)
    {
        if (shape.Length != strides.Length)
        {
            throw new ArgumentException($"A multi-array of rank {shape.Length} has {strides.Length} strides; expected one per axis.");
        }
        for (var axis = 0; axis < shape.Length; axis++)
        {
            if (shape[axis] < 0 || strides[axis] < 0)
            {
                throw new ArgumentException($"Multi-array shape [{string.Join(", ", shape.ToArray())}] / strides [{string.Join(", ", strides.ToArray())}] hold a negative number.");
            }
        }
    }
}
