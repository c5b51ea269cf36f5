using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Joins tensors along one axis (NumPy concatenate, Keras Concatenate, Core ML concat/ConcatND). Row-major layout
/// makes every input one contiguous block per outer index, so the kernel is a sequence of block copies on raw bytes
/// and works for every dtype.
/// </summary>
public static class Concat
{
    /// <summary>The joined shape; all inputs must share rank, dtype and every dimension except <paramref name="axis"/>.</summary>
    public static Shape OutputShape(IReadOnlyList<Shape> inputs, int axis)
    {
        if (inputs.Count == 0) throw new ArgumentException("Concat needs at least one input.", nameof(inputs));
        var first = inputs[0];
        var a = ShapeTransforms.NormalizeAxis(axis, first.Rank, first, "Concat");
        var dims = first.ToArray();
        for (var i = 1; i < inputs.Count; i++)
        {
            var s = inputs[i];
            var fits = s.Rank == first.Rank;
            for (var d = 0; fits && d < s.Rank; d++) fits = d == a || s[d] == first[d];
            if (!fits)
            {
                throw new ArgumentException(
                    $"Concat along axis {axis}: input {i} has shape {s}, which differs from input 0 {first} outside that axis.", nameof(inputs));
            }
            dims[a] += s[a];
        }
        return new Shape(dims);
    }

    /// <summary>Writes the inputs one after another along <paramref name="axis"/> into <paramref name="output"/> (shape from <see cref="OutputShape"/>).</summary>
    public static void Run(IReadOnlyList<Tensor> inputs, int axis, Tensor output)
    {
        var expected = OutputShape(inputs.Select(t => t.Shape).ToArray(), axis);
        if (expected != output.Shape) throw new ArgumentException($"Concat output has shape {output.Shape}; expected {expected}.", nameof(output));
        foreach (var t in inputs)
        {
            if (t.DType != output.DType) throw new ArgumentException($"Concat input is {t.DType}, output is {output.DType}.", nameof(inputs));
        }
        var a = output.Shape.Axis(axis);
        var outer = output.Shape.Product(0, a);
        var size = output.DType.SizeOf();
        var outBlock = output.Shape.Product(a, output.Rank) * size;
        var dst = output.Bytes;
        var offset = 0;
        foreach (var t in inputs)
        {
            var block = t.Shape.Product(a, t.Rank) * size;
            var src = t.Bytes;
            for (var o = 0; o < outer; o++) src.Slice(o * block, block).CopyTo(dst.Slice(o * outBlock + offset, block));
            offset += block;
        }
    }
}
