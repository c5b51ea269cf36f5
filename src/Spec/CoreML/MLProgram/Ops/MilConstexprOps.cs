using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// The weight-decompression ops (MIL iOS16/constexpr_ops.py, iOS18/compression.py). Their inputs are all constants, so
/// each output is decompressed while the program is read and then behaves like a const op's value
/// (<see cref="MilOpContext.DefineConstant"/>): a conv or linear reading it as weights sees the dense tensor. The
/// iOS 16 forms take a flat packed payload and a shape argument; the iOS 18 forms carry the output shape in their
/// (sub-byte) tensors, so "shape" tells them apart.
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
    /// byte up. iOS 18 (indices uint_n of the output shape, lut [*blocks, 2^n, 1]): each block of the output has its own
    /// table; vector palettization (VECTOR_SIZE &gt; 1) is not executed.
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
        var outShape = indices.Shape;
        var lutShape = lut.Shape;
        if (lutShape.Rank != outShape.Rank + 2) throw context.Error("lut", $"has shape {lutShape}; indices {outShape} need a lut of rank {outShape.Rank + 2}.");
        if (lutShape[lutShape.Rank - 1] != 1) throw context.Unsupported($"vector palettization (VECTOR_SIZE {lutShape[lutShape.Rank - 1]}) is not executed yet.");
        var palette = lutShape[lutShape.Rank - 2];
        var blocks = BlockSizes(context, "lut", outShape, lutShape);
        var keys = indices.ToLongs();
        var result = new float[keys.Length];
        var coordinates = new int[outShape.Rank];
        for (var i = 0; i < keys.Length; i++)
        {
            var offset = 0;
            for (var d = 0; d < outShape.Rank; d++) offset = offset * lutShape[d] + coordinates[d] / blocks[d];
            var key = keys[i];
            if (key < 0 || key >= palette) throw context.Error("indices", $"holds {key}; the tables have {palette} entries.");
            result[i] = table[offset * palette + key];
            Advance(coordinates, outShape);
        }
        Define(context, lut.DataType, outShape, result);
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
        Func<int, bool> set;
        if (context.Has("shape"))
        {
            shape = OutputShape(context);
            var bytes = mask.ToLongs();
            if (bytes.Length != (shape.ElementCount + 7) / 8) throw context.Error("mask", $"holds {bytes.Length} bytes; {shape.ElementCount} elements need {(shape.ElementCount + 7) / 8}.");
            set = i => Unpack(bytes, i, 1) != 0;
        }
        else
        {
            shape = mask.Shape;
            var bits = mask.ToLongs();
            set = i => bits[i] != 0;
        }
        var values = new float[shape.ElementCount];
        var k = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!set(i)) continue;
            if (k >= nonzero.Length) throw context.Error("nonzero_data", $"holds {nonzero.Length} values; the mask sets more bits.");
            values[i] = nonzero[k++];
        }
        if (k != nonzero.Length) throw context.Error("nonzero_data", $"holds {nonzero.Length} values; the mask sets {k} bits.");
        Define(context, data.DataType, shape, values);
    }

    /// <summary>constexpr_blockwise_shift_scale(data, scale, offset = 0): scale[block] · (data - offset[block]), block = data.shape / scale.shape per axis.</summary>
    public static void BlockwiseShiftScale(MilOpContext context)
    {
        var data = context.Constant("data");
        var scale = context.Constant("scale");
        var offset = context.OptionalConstant("offset");
        var shape = data.Shape;
        var blocks = BlockSizes(context, "scale", shape, scale.Shape);
        if (offset is not null && offset.Shape != scale.Shape) throw context.Error("offset", $"has shape {offset.Shape}; it must match scale {scale.Shape}.");
        var q = data.ToFloats();
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
        Define(context, scale.DataType, shape, values);
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
    private static void Define(MilOpContext context, DataType type, Shape shape, float[] values)
    {
        var declared = context.OutputDataType() is var d && d != DataType.UnusedType ? d : type;
        Tensor tensor = MilConstant.EngineType(declared) switch
        {
            DType.Float32 => Tensor.FromSpan<float>(declared == DataType.Float16 ? values.Select(v => (float)(Half)v).ToArray() : values, shape),
            DType.Int32 => Tensor.FromSpan<int>(values.Select(v => (int)v).ToArray(), shape),
            DType.Int8 => Tensor.FromSpan<sbyte>(values.Select(v => (sbyte)v).ToArray(), shape),
            DType.UInt8 => Tensor.FromSpan<byte>(values.Select(v => (byte)v).ToArray(), shape),
            _ => throw context.Unsupported($"a decompressed {declared} tensor is not produced (float and 8-bit or narrower integers are)."),
        };
        context.DefineConstant(0, MilConstant.FromTensor(declared, tensor));
    }
}
