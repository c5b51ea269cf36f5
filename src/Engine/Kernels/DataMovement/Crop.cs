using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Removes given amounts from the start and end of each axis (Keras Cropping1D/2D/3D, Core ML CropLayer border
/// amounts, MIL crop); a contiguous slice, copied as runs.
/// </summary>
public static class Crop
{
    public static Shape OutputShape(Shape input, ReadOnlySpan<int> cropBegin, ReadOnlySpan<int> cropEnd)
    {
        if (cropBegin.Length != input.Rank || cropEnd.Length != input.Rank)
        {
            throw new ArgumentException($"Crop of shape {input} needs {input.Rank} begin and end amounts; got {cropBegin.Length} and {cropEnd.Length}.");
        }
        var dims = input.ToArray();
        for (var a = 0; a < dims.Length; a++)
        {
            if (cropBegin[a] < 0 || cropEnd[a] < 0 || cropBegin[a] + cropEnd[a] > dims[a])
            {
                throw new ArgumentException(
                    $"Crop amounts ({cropBegin[a]}, {cropEnd[a]}) do not fit axis {a} of shape {input}; expected non-negative amounts summing to at most {dims[a]}.");
            }
            dims[a] -= cropBegin[a] + cropEnd[a];
        }
        return new Shape(dims);
    }

    /// <summary>Copies the part of <paramref name="input"/> left after cropping; <paramref name="output"/> has the shape from <see cref="OutputShape"/>.</summary>
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> cropBegin, ReadOnlySpan<int> cropEnd, Span<T> output)
        where T : unmanaged
    {
        var outShape = OutputShape(new Shape(shape), cropBegin, cropEnd);
        var maps = new int[shape.Length][];
        for (var a = 0; a < shape.Length; a++)
        {
            maps[a] = new int[outShape[a]];
            for (var o = 0; o < maps[a].Length; o++) maps[a][o] = cropBegin[a] + o;
        }
        AxisMapGather.Run(input, shape, maps, default, output);
    }
}
