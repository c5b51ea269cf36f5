using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Output shapes of the ops that only reinterpret a row-major buffer (reshape, flatten, squeeze, expand_dims):
/// their data never moves, so each is a shape rule plus a byte copy.
/// </summary>
public static class ShapeTransforms
{
    /// <summary>
    /// The shape <paramref name="target"/> describes for <paramref name="input"/>. One entry may be -1 (inferred so the
    /// element count is kept). With <paramref name="zeroCopiesDimension"/> (ONNX Reshape with allowzero=0, MIL reshape
    /// when the target rank equals the input rank) a 0 entry copies the input's dimension at that position; otherwise
    /// 0 is a literal empty dimension (TensorFlow, NumPy).
    /// </summary>
    public static Shape Reshape(Shape input, ReadOnlySpan<int> target, bool zeroCopiesDimension = false)
    {
        var dims = target.ToArray();
        var inferred = -1;
        long known = 1;
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 0 && zeroCopiesDimension)
            {
                if (i >= input.Rank) throw Mismatch(input, target, $"entry {i} is 0 (copy) but the input has only {input.Rank} axes");
                dims[i] = input[i];
            }
            if (dims[i] == -1)
            {
                if (inferred >= 0) throw Mismatch(input, target, "more than one entry is -1");
                inferred = i;
                continue;
            }
            if (dims[i] < 0) throw Mismatch(input, target, $"entry {i} is {dims[i]}; only -1 may be negative");
            known *= dims[i];
        }
        var count = input.ElementCount;
        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                throw Mismatch(input, target, $"{count} elements cannot be split into the known dimensions (product {known})");
            }
            dims[inferred] = (int)(count / known);
        }
        else if (known != count)
        {
            throw Mismatch(input, target, $"it holds {known} elements, the input holds {count}");
        }
        return new Shape(dims);
    }

    /// <summary>
    /// Keras/ONNX Flatten: a 2-D shape [product of dims before <paramref name="axis"/>, product of the rest].
    /// Axis may be negative and may equal the rank (then the second dimension is 1).
    /// </summary>
    public static Shape Flatten(Shape input, int axis)
    {
        var a = axis < 0 ? axis + input.Rank : axis;
        if (a < 0 || a > input.Rank)
        {
            throw new ArgumentException($"Flatten axis {axis} is out of range for shape {input}; expected -{input.Rank}..{input.Rank}.", nameof(axis));
        }
        return new Shape(input.Product(0, a), input.Product(a, input.Rank));
    }

    /// <summary>Removes the listed axes (each must have size 1), or every size-1 axis when <paramref name="axes"/> is empty.</summary>
    public static Shape Squeeze(Shape input, ReadOnlySpan<int> axes)
    {
        var remove = new bool[input.Rank];
        if (axes.IsEmpty)
        {
            for (var i = 0; i < input.Rank; i++) remove[i] = input[i] == 1;
        }
        foreach (var axis in axes)
        {
            var a = NormalizeAxis(axis, input.Rank, input, "Squeeze");
            if (input[a] != 1) throw new ArgumentException($"Squeeze axis {axis} of shape {input} has size {input[a]}; expected 1.", nameof(axes));
            remove[a] = true;
        }
        var dims = new List<int>();
        for (var i = 0; i < input.Rank; i++)
        {
            if (!remove[i]) dims.Add(input[i]);
        }
        return new Shape(dims.ToArray());
    }

    /// <summary>
    /// Inserts size-1 axes at the listed positions of the output (negative positions count from the output's end,
    /// as in ONNX Unsqueeze and MIL expand_dims).
    /// </summary>
    public static Shape ExpandDims(Shape input, ReadOnlySpan<int> axes)
    {
        var rank = input.Rank + axes.Length;
        var inserted = new bool[rank];
        foreach (var axis in axes)
        {
            var a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank || inserted[a])
            {
                throw new ArgumentException($"ExpandDims axis {axis} is out of range or repeated for shape {input} growing to rank {rank}.", nameof(axes));
            }
            inserted[a] = true;
        }
        var dims = new int[rank];
        var next = 0;
        for (var i = 0; i < rank; i++) dims[i] = inserted[i] ? 1 : input[next++];
        return new Shape(dims);
    }

    /// <summary>Normalizes a possibly negative axis and names the op and shape when it is out of range.</summary>
    internal static int NormalizeAxis(int axis, int rank, Shape shape, string op)
    {
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ArgumentException($"{op} axis {axis} is out of range for shape {shape}; expected -{rank}..{rank - 1}.");
        return a;
    }

    private static ArgumentException Mismatch(Shape input, ReadOnlySpan<int> target, string why) =>
        new($"Cannot reshape {input} to [{string.Join(", ", target.ToArray())}]: {why}.", nameof(target));
}
