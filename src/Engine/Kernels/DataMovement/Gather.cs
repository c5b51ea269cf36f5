using System.Numerics;
using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// numpy.take / ONNX Gather / MIL gather: picks slices of <c>data</c> along one axis by integer indices of any shape;
/// output shape is data[:axis] + indices.shape + data[axis+1:]. Negative indices count from the end; any index
/// outside [-n, n) is an error naming the index and where it was found.
/// </summary>
public static class Gather
{
    public static Shape OutputShape(Shape data, int axis, Shape indices)
    {
        var a = ShapeTransforms.NormalizeAxis(axis, data.Rank, data, "Gather");
        var dims = new List<int>();
        dims.AddRange(data.Dims[..a].ToArray());
        dims.AddRange(indices.Dims.ToArray());
        dims.AddRange(data.Dims[(a + 1)..].ToArray());
        return new Shape(dims.ToArray());
    }

    /// <summary>Gathers along <paramref name="axis"/>; <paramref name="indices"/> are read flat (their shape only matters for <see cref="OutputShape"/>).</summary>
    public static void Run<T, TIndex>(ReadOnlySpan<T> data, ReadOnlySpan<int> dataShape, int axis, ReadOnlySpan<TIndex> indices, Span<T> output)
        where T : unmanaged
        where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        var shape = new Shape(dataShape);
        var a = ShapeTransforms.NormalizeAxis(axis, shape.Rank, shape, "Gather");
        var n = shape[a];
        var outer = shape.Product(0, a);
        var inner = shape.Product(a + 1, shape.Rank);
        if (data.Length != shape.ElementCount || output.Length != outer * indices.Length * inner)
        {
            throw new ArgumentException($"Gather from {shape} with {indices.Length} indices: got {data.Length} data and {output.Length} output elements.");
        }
        var rows = new int[indices.Length];
        for (var k = 0; k < indices.Length; k++) rows[k] = Normalize(long.CreateTruncating(indices[k]), n, k, shape, a);
        for (var o = 0; o < outer; o++)
        {
            var src = data.Slice(o * n * inner, n * inner);
            var dst = output.Slice(o * indices.Length * inner, indices.Length * inner);
            for (var k = 0; k < rows.Length; k++) src.Slice(rows[k] * inner, inner).CopyTo(dst.Slice(k * inner, inner));
        }
    }

    /// <summary>
    /// Embedding lookup (Keras Embedding, Core ML EmbeddingLayer / EmbeddingND): row ids[k] of a [vocabulary, width]
    /// table. Ids arrive as floats in those formats; each must be a whole number in [0, vocabulary).
    /// </summary>
    public static void Embedding(ReadOnlySpan<float> table, int vocabulary, int width, ReadOnlySpan<float> ids, Span<float> output)
    {
        if (table.Length != vocabulary * width || output.Length != ids.Length * width)
        {
            throw new ArgumentException($"Embedding table [{vocabulary}, {width}] with {ids.Length} ids: got {table.Length} table and {output.Length} output values.");
        }
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[k];
            if (!(id >= 0 && id < vocabulary) || id != MathF.Floor(id))
            {
                throw new ArgumentException($"Embedding id {id} at position {k} is not a whole number in [0, {vocabulary}).", nameof(ids));
            }
            table.Slice((int)id * width, width).CopyTo(output.Slice(k * width, width));
        }
    }

    internal static int Normalize(long index, int n, int position, Shape shape, int axis)
    {
        var i = index < 0 ? index + n : index;
        if (i < 0 || i >= n)
        {
            throw new ArgumentException($"Gather index {index} at position {position} is out of range for axis {axis} of {shape}; expected -{n}..{n - 1}.");
        }
        return (int)i;
    }
}
