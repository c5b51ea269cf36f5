using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;
using Tensor = Parity.Engine.Tensors.Tensor;
using TensorType = Parity.Spec.CoreML.Format.Mil.TensorType;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// Decodes MIL values (a const op's "val" attribute or an argument bound to an immediate value) into
/// <see cref="MilConstant"/>s: immediate tensors in any of their encodings (floats, doubles, ints, long ints, bools,
/// strings, or raw little-endian bytes for fp16, bf16, int8, uint8 and the packed sub-byte types) and blob file values
/// read through <see cref="MilWeightFiles"/>. Every element count is checked against the declared shape.
/// </summary>
internal static class MilValueDecoder
{
    /// <summary>Largest constant accepted, in elements: a corrupt shape must not ask for absurd memory.</summary>
    public const long MaxElements = Shape.MaxElements;

    public static MilConstant Decode(Value value, MilWeightFiles weights, Func<string, Exception> error)
    {
        if (value.Type?.ListType is { } listType) return DecodeList(value, listType, weights, error);
        var tensorType = value.Type?.TensorType
            ?? throw error($"has type {value.Type?.TypeCase.ToString() ?? "none"}; only tensor values are read (lists, tuples, dictionaries and states are not).");
        var dataType = tensorType.DataType;
        var shape = ShapeOf(tensorType, error);
        return value.ValueCase switch
        {
            Value.ValueOneofCase.ImmediateValue => Immediate(value.ImmediateValue, dataType, shape, error),
            Value.ValueOneofCase.BlobFileValue => Blob(weights.Read(value.BlobFileValue, error), dataType, shape, error),
            _ => throw error("holds neither an immediate value nor a blob file value."),
        };
    }

    /// <summary>An immediate list of scalars (classify's classes) as one 1-D constant of their element type.</summary>
    private static MilConstant DecodeList(Value value, ListType listType, MilWeightFiles weights, Func<string, Exception> error)
    {
        var elementType = listType.Type?.TensorType ?? throw error("is a list whose elements are not tensors; only lists of scalars are read.");
        if (value.ImmediateValue?.List is not { } list) throw error("is a list type without an immediate list value.");
        var elements = list.Values.Select(v => Decode(v.Type is null ? new Value(v) { Type = listType.Type } : v, weights, error)).ToList();
        if (elements.Any(e => e.Shape.ElementCount != 1 || e.DataType != elementType.DataType))
        {
            throw error($"is a list whose elements are not all {elementType.DataType} scalars.");
        }
        var shape = new Shape(elements.Count);
        if (elementType.DataType == DataType.String) return MilConstant.FromStrings(shape, elements.Select(e => e.Strings![0]).ToList());
        var engineType = MilConstant.EngineType(elementType.DataType) ?? throw error($"is a list of {elementType.DataType}, which Parity does not read.");
        return engineType == DType.Float32
            ? MilConstant.FromTensor(elementType.DataType, Tensor.FromSpan<float>(elements.SelectMany(e => e.ToFloats()).ToArray(), shape))
            : Integers(elementType.DataType, engineType, shape, elements.SelectMany(e => e.ToLongs()).ToArray());
    }

    /// <summary>The constant shape of a tensor type; unknown dimensions and absurd sizes are errors.</summary>
    public static Shape ShapeOf(TensorType type, Func<string, Exception> error)
    {
        if (type.Rank < 0 || type.Rank > 16) throw error($"declares rank {type.Rank}; expected 0..16.");
        if (type.Dimensions.Count != type.Rank) throw error($"declares rank {type.Rank} but lists {type.Dimensions.Count} dimensions.");
        var dims = new int[type.Rank];
        long count = 1;
        for (var i = 0; i < dims.Length; i++)
        {
            var dimension = type.Dimensions[i];
            if (dimension.DimensionCase != Dimension.DimensionOneofCase.Constant) throw error($"has an unknown size on axis {i}; a constant needs a fixed shape.");
            var size = dimension.Constant.Size;
            if (size > int.MaxValue) throw error($"has size {size} on axis {i}; expected at most {int.MaxValue}.");
            dims[i] = (int)size;
            count *= Math.Max(1, dims[i]);
            if (count > MaxElements) throw error($"declares more than {MaxElements} elements; constants that large are not read.");
        }
        return new Shape(dims);
    }

    private static MilConstant Immediate(Value.Types.ImmediateValue immediate, DataType dataType, Shape shape, Func<string, Exception> error)
    {
        if (immediate.ValueCase != Value.Types.ImmediateValue.ValueOneofCase.Tensor)
        {
            throw error($"is an immediate {immediate.ValueCase}; only tensor immediates are read.");
        }
        var tensor = immediate.Tensor;
        var count = shape.ElementCount;
        if (dataType == DataType.String)
        {
            if (tensor.ValueCase != TensorValue.ValueOneofCase.Strings) throw error($"is a STRING value stored as {tensor.ValueCase}; expected strings.");
            var strings = tensor.Strings.Values;
            Expect(strings.Count, count, shape, error);
            return MilConstant.FromStrings(shape, strings.ToList());
        }
        var engineType = MilConstant.EngineType(dataType) ?? throw error($"has element type {dataType}, which Parity does not read.");
        switch (tensor.ValueCase)
        {
            case TensorValue.ValueOneofCase.Floats:
                Expect(tensor.Floats.Values.Count, count, shape, error);
                return Numbers(dataType, engineType, shape, tensor.Floats.Values.Select(v => (double)v).ToArray());
            case TensorValue.ValueOneofCase.Doubles:
                Expect(tensor.Doubles.Values.Count, count, shape, error);
                return Numbers(dataType, engineType, shape, tensor.Doubles.Values.ToArray());
            case TensorValue.ValueOneofCase.Ints:
                Expect(tensor.Ints.Values.Count, count, shape, error);
                return Integers(dataType, engineType, shape, tensor.Ints.Values.Select(v => (long)v).ToArray());
            case TensorValue.ValueOneofCase.LongInts:
                Expect(tensor.LongInts.Values.Count, count, shape, error);
                return Integers(dataType, engineType, shape, tensor.LongInts.Values.ToArray());
            case TensorValue.ValueOneofCase.Bools:
                Expect(tensor.Bools.Values.Count, count, shape, error);
                return Integers(dataType, engineType, shape, tensor.Bools.Values.Select(v => v ? 1L : 0L).ToArray());
            case TensorValue.ValueOneofCase.Bytes:
                return FromBytes(dataType, shape, tensor.Bytes.Values.Span, error);
            default:
                throw error($"is a {dataType} tensor stored as {tensor.ValueCase}, which holds no numbers.");
        }
    }

    private static MilConstant Blob(MilBlob blob, DataType dataType, Shape shape, Func<string, Exception> error)
    {
        var expected = BlobTypeOf(dataType) ?? throw error($"has element type {dataType}, which blob files do not store.");
        if (blob.DataType != expected) throw error($"is declared {dataType}, but its blob holds {blob.DataType}.");
        if (dataType == DataType.Float32 && BitConverter.IsLittleEndian)
        {
            RequireBytes(blob.Length, dataType, shape, error);
            var tensor = Tensor.Uninitialized(DType.Float32, shape, TensorPool.Unpooled);
            blob.ReadInto(MemoryMarshal.AsBytes(tensor.Floats));
            return MilConstant.FromTensor(dataType, tensor);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(blob.Length);
        try
        {
            blob.ReadInto(buffer.AsSpan(0, blob.Length));
            return FromBytes(dataType, shape, buffer.AsSpan(0, blob.Length), error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static MilBlobDataType? BlobTypeOf(DataType type) => type switch
    {
        DataType.Float16 => MilBlobDataType.Float16,
        DataType.Float32 => MilBlobDataType.Float32,
        DataType.Uint8 => MilBlobDataType.UInt8,
        DataType.Int8 => MilBlobDataType.Int8,
        DataType.Bfloat16 => MilBlobDataType.BFloat16,
        DataType.Int16 => MilBlobDataType.Int16,
        DataType.Uint16 => MilBlobDataType.UInt16,
        DataType.Int4 => MilBlobDataType.Int4,
        DataType.Uint1 => MilBlobDataType.UInt1,
        DataType.Uint2 => MilBlobDataType.UInt2,
        DataType.Uint4 => MilBlobDataType.UInt4,
        DataType.Uint3 => MilBlobDataType.UInt3,
        DataType.Uint6 => MilBlobDataType.UInt6,
        DataType.Int32 => MilBlobDataType.Int32,
        DataType.Uint32 => MilBlobDataType.UInt32,
        _ => null,
    };

    /// <summary>The bits per element of <paramref name="dataType"/>, once <paramref name="length"/> bytes are checked to hold exactly <paramref name="shape"/>'s elements.</summary>
    private static int RequireBytes(long length, DataType dataType, Shape shape, Func<string, Exception> error)
    {
        var count = shape.ElementCount;
        var bits = dataType switch
        {
            DataType.Float16 or DataType.Bfloat16 or DataType.Int16 or DataType.Uint16 => 16,
            DataType.Float32 or DataType.Int32 or DataType.Uint32 => 32,
            DataType.Float64 or DataType.Int64 or DataType.Uint64 => 64,
            DataType.Int8 or DataType.Uint8 or DataType.Bool => 8,
            DataType.Int4 or DataType.Uint4 => 4,
            DataType.Uint6 => 6,
            DataType.Uint3 => 3,
            DataType.Uint2 => 2,
            DataType.Uint1 => 1,
            _ => throw error($"is a {dataType} tensor stored as bytes, which Parity does not decode."),
        };
        var needed = ((long)count * bits + 7) / 8;
        if (length != needed) throw error($"holds {length} bytes; {count} {dataType} elements of shape {shape} need {needed}.");
        return bits;
    }

    /// <summary>Raw little-endian elements; sub-byte types are packed from the least significant bit of each byte up.</summary>
    private static MilConstant FromBytes(DataType dataType, Shape shape, ReadOnlySpan<byte> bytes, Func<string, Exception> error)
    {
        var count = shape.ElementCount;
        var bits = RequireBytes(bytes.Length, dataType, shape, error);
        var engineType = MilConstant.EngineType(dataType)!.Value;
        // Weights decode straight into the tensor that keeps them (exact size, unpooled: they live as long as the model).
        switch (dataType)
        {
            case DataType.Float16:
            {
                var tensor = Tensor.Uninitialized(DType.Float32, shape, TensorPool.Unpooled);
                Float16Bytes.Widen(bytes, tensor.Floats);
                return MilConstant.FromTensor(dataType, tensor);
            }
            case DataType.Bfloat16:
            {
                // bfloat16 is the upper half of a float32.
                var tensor = Tensor.Uninitialized(DType.Float32, shape, TensorPool.Unpooled);
                var values = tensor.Floats;
                for (var i = 0; i < count; i++) values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16);
                return MilConstant.FromTensor(dataType, tensor);
            }
            case DataType.Float32:
            {
                var tensor = Tensor.Uninitialized(DType.Float32, shape, TensorPool.Unpooled);
                var values = tensor.Floats;
                for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
                return MilConstant.FromTensor(dataType, tensor);
            }
            case DataType.Float64:
            {
                var values = new double[count];
                for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
                return Numbers(dataType, engineType, shape, values);
            }
        }
        var integers = new long[count];
        for (var i = 0; i < count; i++)
        {
            integers[i] = dataType switch
            {
                DataType.Int8 => (sbyte)bytes[i],
                DataType.Uint8 or DataType.Bool => bytes[i],
                DataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]),
                DataType.Uint16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]),
                DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]),
                DataType.Uint32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes[(4 * i)..]),
                DataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 * i)..]),
                DataType.Uint64 => (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes[(8 * i)..]),
                DataType.Int4 => SignExtend(Packed(bytes, i, 4), 4),
                _ => Packed(bytes, i, bits),
            };
        }
        return Integers(dataType, engineType, shape, integers);
    }

    private static long Packed(ReadOnlySpan<byte> bytes, int index, int bits)
    {
        long value = 0;
        var first = (long)index * bits;
        for (var b = 0; b < bits; b++)
        {
            var bit = first + b;
            value |= (long)((bytes[(int)(bit >> 3)] >> (int)(bit & 7)) & 1) << b;
        }
        return value;
    }

    private static long SignExtend(long value, int bits) => value >= 1L << (bits - 1) ? value - (1L << bits) : value;

    private static void Expect(int found, int count, Shape shape, Func<string, Exception> error)
    {
        if (found != count) throw error($"holds {found} values; shape {shape} needs {count}.");
    }

    private static MilConstant Numbers(DataType dataType, DType engineType, Shape shape, double[] values)
    {
        if (engineType != DType.Float32) return Integers(dataType, engineType, shape, values.Select(v => (long)v).ToArray());
        var floats = new float[values.Length];
        for (var i = 0; i < values.Length; i++) floats[i] = dataType == DataType.Float16 ? (float)(Half)values[i] : (float)values[i];
        return MilConstant.FromTensor(dataType, Tensor.FromSpan<float>(floats, shape));
    }

    private static MilConstant Integers(DataType dataType, DType engineType, Shape shape, long[] values)
    {
        Tensor tensor = engineType switch
        {
            DType.Float32 => Tensor.FromSpan<float>(values.Select(v => (float)v).ToArray(), shape),
            DType.Int64 => Tensor.FromSpan<long>(values, shape),
            DType.Int32 => Tensor.FromSpan<int>(values.Select(v => unchecked((int)v)).ToArray(), shape),
            DType.Int8 => Tensor.FromSpan<sbyte>(values.Select(v => unchecked((sbyte)v)).ToArray(), shape),
            DType.UInt8 => Tensor.FromSpan<byte>(values.Select(v => unchecked((byte)v)).ToArray(), shape),
            _ => Tensor.FromBools(values.Select(v => v != 0).ToArray(), shape),
        };
        return MilConstant.FromTensor(dataType, tensor);
    }
}
