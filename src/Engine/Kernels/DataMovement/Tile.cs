using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Repeats the whole tensor along each axis (numpy.tile with one repeat count per axis, ONNX Tile, Core ML
/// TileLayer, MIL tile). Keras RepeatVector(n) on [B, F] is Tile on [B, 1, F] with repeats [1, n, 1].
/// </summary>
public static class Tile
{
    public static Shape OutputShape(Shape input, ReadOnlySpan<int> repeats)
    {
        if (repeats.Length != input.Rank)
        {
            throw new ArgumentException($"Tile of shape {input} needs {input.Rank} repeat counts; got [{string.Join(", ", repeats.ToArray())}].", nameof(repeats));
        }
        var dims = input.ToArray();
        for (var a = 0; a < dims.Length; a++)
        {
            if (repeats[a] < 0) throw new ArgumentException($"Tile repeat count of axis {a} is {repeats[a]}; expected >= 0.", nameof(repeats));
            dims[a] *= repeats[a];
        }
        return new Shape(dims);
    }

    /// <summary>Writes <paramref name="input"/> of <paramref name="shape"/> repeated per axis; <paramref name="output"/> has the shape from <see cref="OutputShape"/>.</summary>
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> repeats, Span<T> output) where T : unmanaged
    {
        var outShape = OutputShape(new Shape(shape), repeats);
        var maps = new int[shape.Length][];
        for (var a = 0; a < shape.Length; a++)
        {
            maps[a] = new int[outShape[a]];
            for (var o = 0; o < maps[a].Length; o++) maps[a][o] = o % shape[a];
        }
        AxisMapGather.Run(input, shape, maps, default, output);
    }
}
