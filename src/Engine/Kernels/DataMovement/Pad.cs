using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Pads every axis by its own before/after amounts (asymmetric pads allowed). Pads larger than the axis keep
/// reflecting (or repeating) as numpy.pad does, so any non-negative amount is accepted for every mode.
/// </summary>
public static class Pad
{
    public static Shape OutputShape(Shape input, ReadOnlySpan<int> before, ReadOnlySpan<int> after)
    {
        if (before.Length != input.Rank || after.Length != input.Rank)
        {
            throw new ArgumentException($"Pads for shape {input} need {input.Rank} before and after amounts; got {before.Length} and {after.Length}.");
        }
        var dims = input.ToArray();
        for (var a = 0; a < dims.Length; a++)
        {
            if (before[a] < 0 || after[a] < 0)
            {
                throw new ArgumentException($"Pad amounts of axis {a} for shape {input} are ({before[a]}, {after[a]}); expected non-negative amounts.");
            }
            dims[a] += before[a] + after[a];
        }
        return new Shape(dims);
    }

    /// <summary>Pads <paramref name="input"/> of <paramref name="shape"/>; <paramref name="value"/> is used only by <see cref="PadMode.Constant"/>.</summary>
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> before, ReadOnlySpan<int> after, PadMode mode, T value, Span<T> output)
        where T : unmanaged
    {
        var outShape = OutputShape(new Shape(shape), before, after);
        var maps = new int[shape.Length][];
        for (var a = 0; a < shape.Length; a++)
        {
            if (mode != PadMode.Constant && shape[a] == 0 && outShape[a] > 0)
            {
                throw new ArgumentException($"Axis {a} of [{string.Join(", ", shape.ToArray())}] is empty; {mode} padding has nothing to copy.", nameof(shape));
            }
            maps[a] = new int[outShape[a]];
            for (var o = 0; o < maps[a].Length; o++) maps[a][o] = SourceIndex(o - before[a], shape[a], mode);
        }
        AxisMapGather.Run(input, shape, maps, value, output);
    }

    /// <summary>The input index that position <paramref name="i"/> (relative to the input's start) copies, or -1 for the constant.</summary>
    internal static int SourceIndex(int i, int n, PadMode mode)
    {
        if (i >= 0 && i < n) return i;
        switch (mode)
        {
            case PadMode.Constant:
                return -1;
            case PadMode.Edge:
                return Math.Clamp(i, 0, n - 1);
            case PadMode.Reflect:
            {
                if (n == 1) return 0;
                // Reflection without the edge repeats with period 2(n-1): 0,1,..,n-1,n-2,..,1,0,1,...
                var period = 2 * (n - 1);
                var m = ((i % period) + period) % period;
                return m < n ? m : period - m;
            }
            case PadMode.Symmetric:
            {
                // Reflection with the edge repeats with period 2n: 0,..,n-1,n-1,..,0,0,...
                var period = 2 * n;
                var m = ((i % period) + period) % period;
                return m < n ? m : period - 1 - m;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown pad mode.");
        }
    }
}
