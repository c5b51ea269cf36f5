using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// NumPy-style strided slicing with TF/MIL masks: x[b0:e0:s0, b1:e1:s1, ...], negative strides included.
/// <see cref="Resolve"/> turns the user's slice into start/step/count per axis (the semantics); <see cref="Run"/>
/// copies, as contiguous runs wherever the last axis has stride 1.
/// </summary>
public static class StridedSlice
{
    /// <summary>
    /// Resolves <paramref name="axes"/> (at most one per input axis; missing trailing axes are taken whole) against
    /// <paramref name="input"/>. Clamping follows CPython's slice.indices: for a positive stride begin and end clamp
    /// to [0, n]; for a negative stride to [-1, n-1], where -1 means "before the first element".
    /// </summary>
    public static ResolvedSlice Resolve(Shape input, ReadOnlySpan<SliceAxis> axes)
    {
        if (axes.Length > input.Rank) throw new ArgumentException($"{axes.Length} slice axes were given for shape {input}.", nameof(axes));
        var rank = input.Rank;
        var start = new int[rank];
        var step = new int[rank];
        var count = new int[rank];
        var squeezed = new bool[rank];
        for (var a = 0; a < rank; a++)
        {
            var n = input[a];
            var s = a < axes.Length ? axes[a] : SliceAxis.All;
            if (s.Stride == 0) throw new ArgumentException($"Slice stride of axis {a} is 0 for shape {input}.", nameof(axes));
            if (s.Squeeze)
            {
                var i = s.Begin < 0 ? s.Begin + n : s.Begin;
                if (i < 0 || i >= n) throw new ArgumentException($"Squeezed slice index {s.Begin} is outside axis {a} of {input}.", nameof(axes));
                (start[a], step[a], count[a], squeezed[a]) = (i, 1, 1, true);
                continue;
            }
            int b, e;
            if (s.Stride > 0)
            {
                b = s.BeginMasked ? 0 : ClampForward(s.Begin, n);
                e = s.EndMasked ? n : ClampForward(s.End, n);
                count[a] = e > b ? (e - b - 1) / s.Stride + 1 : 0;
            }
            else
            {
                b = s.BeginMasked ? n - 1 : ClampBackward(s.Begin, n);
                e = s.EndMasked ? -1 : ClampBackward(s.End, n);
                count[a] = b > e ? (b - e - 1) / -s.Stride + 1 : 0;
            }
            (start[a], step[a]) = (count[a] == 0 ? 0 : b, s.Stride);
        }
        return new ResolvedSlice(start, step, count, squeezed);
    }

    /// <summary>The sliced shape, without the squeezed axes.</summary>
    public static Shape OutputShape(ResolvedSlice slice)
    {
        var dims = new List<int>();
        for (var a = 0; a < slice.Count.Length; a++)
        {
            if (!slice.Squeezed[a]) dims.Add(slice.Count[a]);
        }
        return new Shape(dims.ToArray());
    }

    /// <summary>Copies the elements a <see cref="Resolve"/>d slice selects from <paramref name="input"/> of <paramref name="shape"/>.</summary>
    public static void Run<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, ResolvedSlice slice, Span<T> output) where T : unmanaged
    {
        var maps = new int[shape.Length][];
        for (var a = 0; a < shape.Length; a++)
        {
            maps[a] = new int[slice.Count[a]];
            for (var k = 0; k < slice.Count[a]; k++) maps[a][k] = slice.Start[a] + k * slice.Step[a];
        }
        AxisMapGather.Run(input, shape, maps, default, output);
    }

    private static int ClampForward(int i, int n) => i < 0 ? Math.Max(i + n, 0) : Math.Min(i, n);

    private static int ClampBackward(int i, int n) => i < 0 ? Math.Max(i + n, -1) : Math.Min(i, n - 1);
}
