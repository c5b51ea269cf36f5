using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Cuts a tensor into consecutive pieces along one axis (NumPy split, TF/MIL split, Core ML SplitND); the inverse of
/// <see cref="Concat"/>, as block copies on raw bytes for every dtype.
/// </summary>
public static class Split
{
    /// <summary>Sizes of <paramref name="parts"/> equal pieces of a dimension of <paramref name="length"/>; it must divide evenly.</summary>
    public static int[] EqualSizes(int length, int parts)
    {
        if (parts <= 0 || length % parts != 0)
        {
            throw new ArgumentException($"A dimension of {length} cannot be split into {parts} equal parts.", nameof(parts));
        }
        return Enumerable.Repeat(length / parts, parts).ToArray();
    }

    /// <summary>The piece shapes; <paramref name="sizes"/> must be non-negative and add up to the axis length.</summary>
    public static Shape[] OutputShapes(Shape input, int axis, ReadOnlySpan<int> sizes)
    {
        var a = ShapeTransforms.NormalizeAxis(axis, input.Rank, input, "Split");
        var total = 0;
        foreach (var s in sizes)
        {
            if (s < 0) throw new ArgumentException($"Split sizes [{string.Join(", ", sizes.ToArray())}] contain a negative size.", nameof(sizes));
            total += s;
        }
        if (total != input[a])
        {
            throw new ArgumentException(
                $"Split sizes [{string.Join(", ", sizes.ToArray())}] add up to {total}, but axis {axis} of {input} has {input[a]}.", nameof(sizes));
        }
        var shapes = new Shape[sizes.Length];
        for (var i = 0; i < sizes.Length; i++) shapes[i] = input.WithDim(a, sizes[i]);
        return shapes;
    }

    /// <summary>Fills each output with its piece; the pieces' sizes along <paramref name="axis"/> are read from the output shapes.</summary>
    public static void Run(Tensor input, int axis, IReadOnlyList<Tensor> outputs)
    {
        var sizes = outputs.Select(t => t.Rank == input.Rank ? t.Shape[input.Shape.Axis(axis)] : -1).ToArray();
        var expected = OutputShapes(input.Shape, axis, sizes);
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i].Shape != expected[i] || outputs[i].DType != input.DType)
            {
                throw new ArgumentException($"Split output {i} is {outputs[i].Type}; expected {new TensorType(input.DType, expected[i])}.", nameof(outputs));
            }
        }
        var a = input.Shape.Axis(axis);
        var outer = input.Shape.Product(0, a);
        var size = input.DType.SizeOf();
        var inBlock = input.Shape.Product(a, input.Rank) * size;
        var src = input.Bytes;
        var offset = 0;
        foreach (var t in outputs)
        {
            var block = t.Shape.Product(a, t.Rank) * size;
            var dst = t.Bytes;
            for (var o = 0; o < outer; o++) src.Slice(o * inBlock + offset, block).CopyTo(dst.Slice(o * block, block));
            offset += block;
        }
    }
}
