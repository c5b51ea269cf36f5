using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// The weight-decompression ops (MIL iOS16/constexpr_ops.py, iOS18/compression.py). Their inputs are all constants, so
/// each output is decompressed while the program is read and then behaves like a const op's value
/// (<see cref="MilOpContext.DefineConstant"/>): a conv or linear reading it as weights sees the dense tensor. The
/// iOS 16 forms take a flat packed payload and a shape argument; the iOS 18 forms carry the output shape in their
/// (sub-byte) tensors, so "shape" tells them apart. The iOS 18 sparse forms (lut_to_sparse, sparse_blockwise_shift_scale)
/// return a mask and the decompressed nonzero values, which a sparse_to_dense then spreads out. Sub-byte data is packed
/// element after element from the least significant bit up, across byte boundaries (coremltools'
/// pack_elements_into_bits; <see cref="MilValueDecoder"/> reads iOS 18 tensors the same way).
/// </summary>
internal static class MilConstexprOps
{
    /// <summary>constexpr_affine_dequantize(quantized_data, zero_point, scale, axis): scale · (q - zero_point), scalar or per-axis parameters.</summary>
    public static void AffineDequantize(MilOpContext context)
    {
        var data = context.Constant("quantized_data");
        var scale = context.Constant("scale");
        var zeroPoint = context.Constant("zero_point");
        var rank = data.Shape.Rank;
        var axis = context.Int("axis");
        if (axis < -rank || axis >= rank) throw context.Error("axis", $"is {axis}; quantized_data has rank {rank}.");
        if (axis < 0) axis += rank;
        var q = data.ToFloats();
        var scales = PerAxis(context, "scale", scale, data.Shape[axis]);
        var zeros = PerAxis(context, "zero_point", zeroPoint, data.Shape[axis]);
        var inner = data.Shape.Product(axis + 1, rank);
        var size = data.Shape[axis];
        var values = new float[q.Length];
        for (var i = 0; i < q.Length; i++)
        {
            var c = i / inner % size;
            values[i] = scales[c] * (q[i] - zeros[c]);
        }
        Define(context, scale.DataType, data.Shape, values);
    }

    /// <summary>
    /// constexpr_lut_to_dense. iOS 16 (indices uint8[M], lut[2^n], shape): n-bit indices packed from the low bit of each
    /// byte up. iOS 18 (indices uint_n, lut [*blocks, 2^n, VECTOR_SIZE], vector_axis): see <see cref="Depalettize"/>.
    /// </summary>
    public static void LutToDense(MilOpContext context)
    {
        var lut = context.Constant("lut");
        var table = lut.ToFloats();
        if (context.Has("shape"))
        {
            var shape = OutputShape(context);
            var bits = (int)Math.Round(Math.Log2(table.Length));
            if (table.Length < 2 || 1 << bits != table.Length) throw context.Error("lut", $"holds {table.Length} entries; expected a power of two (2^n_bits).");
            var packed = context.Constant("indices").ToLongs();
            var count = shape.ElementCount;
            if (packed.Length != ((long)count * bits + 7) / 8) throw context.Error("indices", $"holds {packed.Length} bytes; {count} {bits}-bit indices need {((long)count * bits + 7) / 8}.");
            var values = new float[count];
            for (var i = 0; i < count; i++) values[i] = table[Unpack(packed, i, bits)];
            Define(context, lut.DataType, shape, values);
            return;
        }
        var indices = context.Constant("indices");
        var (dense, outShape) = Depalettize(context, indices.ToLongs(), indices.Shape, lut);
        Define(context, lut.DataType, outShape, dense);
    }

    /// <summary>
    /// constexpr_lut_to_sparse(indices_mask, indices_nonzero_data, lut[, vector_axis]) (iOS 18): lut_to_dense applied to
    /// the nonzero entries of a sparse index tensor. Output 0 is the mask (repeated VECTOR_SIZE times along vector_axis for
    /// vector palettization), output 1 the looked-up values at its set bits in row-major order.
    /// </summary>
    public static void LutToSparse(MilOpContext context)
    {
        var mask = context.Constant("indices_mask");
        var lut = context.Constant("lut");
        var bits = mask.ToLongs();
        var keys = Scatter(context, "indices_nonzero_data", context.Constant("indices_nonzero_data").ToLongs(), bits);
        var (values, outShape) = Depalettize(context, keys, mask.Shape, lut);
        var vectorSize = lut.Shape[lut.Shape.Rank - 1];
        var outMask = vectorSize == 1 ? bits : Repeat(bits, mask.Shape, VectorAxis(context, mask.Shape.Rank), vectorSize);
        Define(context, 0, DataType.Uint1, outShape, outMask.Select(b => (float)b).ToArray());
        Define(context, 1, lut.DataType, new Shape(outMask.Count(b => b != 0)), Gather(values, outMask));
    }

    /// <summary>
    /// The iOS 18 lut_to_dense decompression of <paramref name="keys"/> (indices of shape <paramref name="shape"/>) with
    /// lut [*blocks, 2^n, VECTOR_SIZE]: each block of the indices has its own table. With VECTOR_SIZE &gt; 1 every key
    /// reads a vector, laid out along vector_axis: output[.., c·V + j, ..] = vector(index[.., c, ..])[j].
    /// </summary>
    private static (float[] Values, Shape Shape) Depalettize(MilOpContext context, long[] keys, Shape shape, MilConstant lut)
    {
        var table = lut.ToFloats();
        var lutShape = lut.Shape;
        if (lutShape.Rank != shape.Rank + 2) throw context.Error("lut", $"has shape {lutShape}; indices {shape} need a lut of rank {shape.Rank + 2}.");
        var palette = lutShape[lutShape.Rank - 2];
        var vectorSize = lutShape[lutShape.Rank - 1];
        var blocks = BlockSizes(context, "lut", shape, lutShape);
        var vectorAxis = vectorSize > 1 ? VectorAxis(context, shape.Rank) : 0;
        var outShape = vectorSize > 1 ? shape.WithDim(vectorAxis, shape[vectorAxis] * vectorSize) : shape;
        var outStrides = outShape.Strides();
        var result = new float[outShape.ElementCount];
        var coordinates = new int[shape.Rank];
        for (var i = 0; i < keys.Length; i++)
        {
            var tableIndex = 0;
            var target = 0;
            for (var d = 0; d < shape.Rank; d++)
            {
                tableIndex = tableIndex * lutShape[d] + coordinates[d] / blocks[d];
                target += (vectorSize > 1 && d == vectorAxis ? coordinates[d] * vectorSize : coordinates[d]) * outStrides[d];
            }
            var key = keys[i];
            if (key < 0 || key >= palette) throw context.Error("indices", $"holds {key}; the tables have {palette} entries.");
            var entry = (tableIndex * palette + key) * vectorSize;
            for (var j = 0; j < vectorSize; j++) result[target + j * outStrides[vectorAxis]] = table[entry + j];
            Advance(coordinates, shape);
        }
        return (result, outShape);
    }

    /// <summary>vector_axis in [-rank, rank), required when the lut holds vectors.</summary>
    private static int VectorAxis(MilOpContext context, int rank)
    {
        if (!context.Has("vector_axis")) throw context.Error("vector_axis", "is missing; a lut whose last axis (VECTOR_SIZE) is above 1 needs it.");
        var axis = context.Int("vector_axis");
        if (axis < -rank || axis >= rank) throw context.Error("vector_axis", $"is {axis}; expected -{rank}..{rank - 1}.");
        return axis < 0 ? axis + rank : axis;
    }

    /// <summary>
    /// constexpr_sparse_to_dense(nonzero_data, mask[, shape]): the k-th set mask bit (in row-major order, low bit of each
    /// byte first in iOS 16's packed uint8 mask) takes nonzero_data[k]; the other elements are 0.
    /// </summary>
    public static void SparseToDense(MilOpContext context)
    {
        var data = context.Constant("nonzero_data");
        var nonzero = data.ToFloats();
        var mask = context.Constant("mask");
        Shape shape;
        long[] bits;
        if (context.Has("shape"))
        {
            shape = OutputShape(context);
            var bytes = mask.ToLongs();
            if (bytes.Length != (shape.ElementCount + 7) / 8) throw context.Error("mask", $"holds {bytes.Length} bytes; {shape.ElementCount} elements need {(shape.ElementCount + 7) / 8}.");
            bits = Enumerable.Range(0, shape.ElementCount).Select(i => Unpack(bytes, i, 1)).ToArray();
        }
        else
        {
            shape = mask.Shape;
            bits = mask.ToLongs();
        }
        var values = Scatter(context, "nonzero_data", nonzero, bits);
        Define(context, data.DataType, shape, values);
    }

    /// <summary>constexpr_blockwise_shift_scale(data, scale, offset = 0): scale[block] · (data - offset[block]), block = data.shape / scale.shape per axis.</summary>
    public static void BlockwiseShiftScale(MilOpContext context)
    {
        var data = context.Constant("data");
        var (values, type) = ShiftScale(context, data.ToFloats(), data.Shape);
        Define(context, type, data.Shape, values);
    }

    /// <summary>
    /// constexpr_sparse_blockwise_shift_scale(data_mask, nonzero_data, scale, offset = 0) (iOS 18): blockwise_shift_scale
    /// applied to the nonzero entries of a sparse tensor, each with the block of its place in the dense layout. Output 0
    /// is the mask, output 1 the dequantized nonzero values in mask order.
    /// </summary>
    public static void SparseBlockwiseShiftScale(MilOpContext context)
    {
        var mask = context.Constant("data_mask");
        var bits = mask.ToLongs();
        var nonzero = context.Constant("nonzero_data").ToFloats();
        var dense = Scatter(context, "nonzero_data", nonzero, bits);
        var (values, type) = ShiftScale(context, dense, mask.Shape);
        Define(context, 0, DataType.Uint1, mask.Shape, bits.Select(b => (float)b).ToArray());
        Define(context, 1, type, new Shape(nonzero.Length), Gather(values, bits));
    }

    /// <summary>scale[block] · (q - offset[block]) over <paramref name="shape"/>; returns the values and scale's MIL type.</summary>
    private static (float[] Values, DataType Type) ShiftScale(MilOpContext context, float[] q, Shape shape)
    {
        var scale = context.Constant("scale");
        var offset = context.OptionalConstant("offset");
        var blocks = BlockSizes(context, "scale", shape, scale.Shape);
        if (offset is not null && offset.Shape != scale.Shape) throw context.Error("offset", $"has shape {offset.Shape}; it must match scale {scale.Shape}.");
        var scales = scale.ToFloats();
        var offsets = offset?.ToFloats();
        var values = new float[q.Length];
        var coordinates = new int[shape.Rank];
        for (var i = 0; i < q.Length; i++)
        {
            var b = 0;
            for (var d = 0; d < shape.Rank; d++) b = b * scale.Shape[d] + coordinates[d] / blocks[d];
            values[i] = scales[b] * (q[i] - (offsets?[b] ?? 0f));
            Advance(coordinates, shape);
        }
        return (values, scale.DataType);
    }

    /// <summary>The dense layout of sparse <paramref name="nonzero"/> values: the k-th set bit of <paramref name="mask"/> (row-major) takes nonzero[k], the rest default.</summary>
    private static T[] Scatter<T>(MilOpContext context, string argument, T[] nonzero, long[] mask)
    {
        var dense = new T[mask.Length];
        var k = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] == 0) continue;
            if (k >= nonzero.Length) throw context.Error(argument, $"holds {nonzero.Length} values; the mask sets more bits.");
            dense[i] = nonzero[k++];
        }
        if (k != nonzero.Length) throw context.Error(argument, $"holds {nonzero.Length} values; the mask sets {k} bits.");
        return dense;
    }

    /// <summary>The values at the set bits of <paramref name="mask"/>, in row-major order.</summary>
    private static float[] Gather(float[] values, long[] mask) => values.Where((_, i) => mask[i] != 0).ToArray();

    /// <summary><paramref name="bits"/> of <paramref name="shape"/> with each entry repeated <paramref name="times"/> times along <paramref name="axis"/>.</summary>
    private static long[] Repeat(long[] bits, Shape shape, int axis, int times)
    {
        var outer = shape.Product(0, axis + 1);
        var inner = shape.Product(axis + 1, shape.Rank);
        var result = new long[bits.Length * times];
        for (var o = 0; o < outer; o++)
        {
            for (var t = 0; t < times; t++) Array.Copy(bits, o * inner, result, (o * times + t) * inner, inner);
        }
        return result;
    }

    /// <summary>constexpr_cast(source_val, output_dtype): fp16 weights widened to fp32 (the values do not change).</summary>
    public static void Cast(MilOpContext context)
    {
        var source = context.Constant("source_val");
        var dtype = context.String("output_dtype");
        var target = dtype switch
        {
            "fp32" => DataType.Float32,
            "fp16" => DataType.Float16,
            _ => throw context.Unsupported($"constexpr_cast to '{dtype}' is not executed (fp16 and fp32 are)."),
        };
        Define(context, target, source.Shape, source.ToFloats());
    }

    private static Shape OutputShape(MilOpContext context)
    {
        var dims = context.Ints("shape");
        if (dims.Any(d => d < 0)) throw context.Error("shape", $"is {MilOpContext.Text(dims)}; sizes cannot be negative.");
        return new Shape(dims);
    }

    /// <summary>Per-axis block sizes data.shape[d] / parameter.shape[d], each a whole number.</summary>
    private static int[] BlockSizes(MilOpContext context, string argument, Shape data, Shape parameter)
    {
        if (parameter.Rank < data.Rank) throw context.Error(argument, $"has shape {parameter}; it needs the rank of {data}.");
        var blocks = new int[data.Rank];
        for (var d = 0; d < data.Rank; d++)
        {
            if (parameter[d] < 1 || data[d] % parameter[d] != 0) throw context.Error(argument, $"has shape {parameter}; axis {d} of {data} must split into whole blocks.");
            blocks[d] = data[d] / parameter[d];
        }
        return blocks;
    }

    private static float[] PerAxis(MilOpContext context, string argument, MilConstant value, int size)
    {
        var values = value.ToFloats();
        if (values.Length == 1) return Enumerable.Repeat(values[0], size).ToArray();
        return values.Length == size ? values : throw context.Error(argument, $"holds {values.Length} values; expected 1 or {size} (the size of the axis).");
    }

    private static long Unpack(long[] bytes, int index, int bits)
    {
        long value = 0;
        for (var b = 0; b < bits; b++)
        {
            var bit = (long)index * bits + b;
            value |= ((bytes[bit >> 3] >> (int)(bit & 7)) & 1) << b;
        }
        return value;
    }

    private static void Advance(int[] coordinates, Shape shape)
    {
        for (var d = coordinates.Length - 1; d >= 0 && ++coordinates[d] == shape[d]; d--) coordinates[d] = 0;
    }

    /// <summary>Defines output 0 as <paramref name="values"/> carried in the engine dtype of <paramref name="type"/> (fp16 values rounded to half).</summary>
    private static void Define(MilOpContext context, DataType type, Shape shape, float[] values) => Define(context, 0, type, shape, values);

    /// <summary>Defines output <paramref name="index"/> as <paramref name="values"/> carried in the engine dtype of the declared (or else <paramref name="type"/>) MIL type.</summary>
    private static void Define(MilOpContext context, int index, DataType type, Shape shape, float[] values)
    {
        var declared = context.OutputDataType(index) is var d && d != DataType.UnusedType ? d : type;
        Tensor tensor = MilConstant.EngineType(declared) switch
        {
            DType.Float32 => Tensor.FromSpan<float>(declared == DataType.Float16 ? values.Select(v => (float)(Half)v).ToArray() : values, shape),
            DType.Int32 => Tensor.FromSpan<int>(values.Select(v => (int)v).ToArray(), shape),
            DType.Int8 => Tensor.FromSpan<sbyte>(values.Select(v => (sbyte)v).ToArray(), shape),
            DType.UInt8 => Tensor.FromSpan<byte>(values.Select(v => (byte)v).ToArray(), shape),
            _ => throw context.Unsupported($"a decompressed {declared} tensor is not produced (float and 8-bit or narrower integers are)."),
        };
        context.DefineConstant(index, MilConstant.FromTensor(declared, tensor));
    }
}
