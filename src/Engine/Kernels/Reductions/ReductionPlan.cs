namespace Parity.Engine.Kernels.Reductions;

/// <summary>One pass of a reduction over a tensor viewed as [outer, reduced, inner] (row-major).</summary>
internal readonly record struct ReductionStage(int Outer, int Reduced, int Inner);

/// <summary>
/// Turns "reduce these axes of this shape" into passes over [outer, reduced, inner] views: adjacent axes with the
/// same role merge, size-1 axes drop out, and each remaining group of reduced axes becomes one pass, innermost first.
/// </summary>
internal static class ReductionPlan
{
    /// <summary>Which axes are reduced; negative axes count from the end (NumPy style), duplicates are an error.</summary>
    public static bool[] ReducedAxes(ReadOnlySpan<int> shape, ReadOnlySpan<int> axes)
    {
        var reduced = new bool[shape.Length];
        foreach (var axis in axes)
        {
            var a = axis < 0 ? axis + shape.Length : axis;
            if (a < 0 || a >= shape.Length)
            {
                throw new ArgumentException($"Axis {axis} is out of range for a rank-{shape.Length} tensor; expected -{shape.Length}..{shape.Length - 1}.", nameof(axes));
            }
            if (reduced[a])
            {
                throw new ArgumentException($"Axis {axis} is listed twice in the reduction axes [{string.Join(", ", axes.ToArray())}].", nameof(axes));
            }
            reduced[a] = true;
        }
        return reduced;
    }

    /// <summary>The dims left after reducing: reduced axes become 1 with <paramref name="keepDims"/>, else disappear.</summary>
    public static int[] OutputShape(ReadOnlySpan<int> shape, bool[] reduced, bool keepDims)
    {
        var dims = new List<int>(shape.Length);
        for (var i = 0; i < shape.Length; i++)
        {
            if (!reduced[i]) dims.Add(shape[i]);
            else if (keepDims) dims.Add(1);
        }
        return [.. dims];
    }

    /// <summary>
    /// The passes that reduce <paramref name="reduced"/> axes, innermost group first; each pass's input is the previous
    /// pass's output. With nothing to reduce there is one pass with Reduced = 1 (each output sees exactly one element).
    /// </summary>
    public static ReductionStage[] Stages(ReadOnlySpan<int> shape, bool[] reduced)
    {
        var groups = new List<(long Size, bool Reduced)>();
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1) continue;
            if (groups.Count > 0 && groups[^1].Reduced == reduced[i]) groups[^1] = (groups[^1].Size * shape[i], reduced[i]);
            else groups.Add((shape[i], reduced[i]));
        }

        var stages = new List<ReductionStage>();
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            if (!groups[g].Reduced) continue;
            long outer = 1, inner = 1;
            for (var i = 0; i < g; i++) outer *= groups[i].Size;
            for (var i = g + 1; i < groups.Count; i++) inner *= groups[i].Size;
            stages.Add(new ReductionStage((int)outer, (int)groups[g].Size, (int)inner));
            groups.RemoveAt(g);
        }
        if (stages.Count == 0)
        {
            long count = 1;
            foreach (var d in shape) count *= d;
            stages.Add(new ReductionStage((int)count, 1, 1));
        }
        return [.. stages];
    }

    /// <summary>
    /// The single [outer, reduced, inner] view for kernels that need all reduced axes adjacent (normalizations);
    /// throws when the axes (ignoring size-1 ones) do not form one contiguous run.
    /// </summary>
    public static ReductionStage SingleRun(ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, string what)
    {
        var stages = Stages(shape, ReducedAxes(shape, axes));
        if (stages.Length > 1)
        {
            throw new ArgumentException(
                $"{what} needs its axes [{string.Join(", ", axes.ToArray())}] to be adjacent in shape [{string.Join(", ", shape.ToArray())}] (size-1 axes may sit between them).",
                nameof(axes));
        }
        return stages[0];
    }
}
