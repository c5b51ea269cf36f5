using Parity.Engine.Kernels.Reductions;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Reductions.Reduction"/>: for each output element, gathers the input elements that map
/// to it by walking multi-indices and applies the textbook definition in double precision.
/// </summary>
public static class Reduction
{
    public static void Reduce(ReductionKind kind, ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<float> output)
    {
        var groups = Group(input, shape, axes);
        if (groups.Count != output.Length) throw new ArgumentException($"Output holds {output.Length} values, expected {groups.Count}.", nameof(output));
        for (var o = 0; o < groups.Count; o++) output[o] = (float)Apply(kind, groups[o]);
    }

    /// <summary>First index of the largest value along <paramref name="axis"/>; NaN is larger than any number.</summary>
    public static void ArgMax(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int axis, Span<long> output)
    {
        var groups = Group(input, shape, [axis]);
        for (var o = 0; o < groups.Count; o++)
        {
            var best = 0;
            for (var j = 1; j < groups[o].Count; j++)
            {
                if (double.IsNaN(groups[o][best])) break;
                if (double.IsNaN(groups[o][j]) || groups[o][j] > groups[o][best]) best = j;
            }
            output[o] = best;
        }
    }

    /// <summary>First index of the smallest value along <paramref name="axis"/>; NaN is chosen like NumPy does (first NaN).</summary>
    public static void ArgMin(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int axis, Span<long> output)
    {
        var groups = Group(input, shape, [axis]);
        for (var o = 0; o < groups.Count; o++)
        {
            var best = 0;
            for (var j = 1; j < groups[o].Count; j++)
            {
                if (double.IsNaN(groups[o][best])) break;
                if (double.IsNaN(groups[o][j]) || groups[o][j] < groups[o][best]) best = j;
            }
            output[o] = best;
        }
    }

    private static double Apply(ReductionKind kind, List<double> xs)
    {
        switch (kind)
        {
            case ReductionKind.Sum: return xs.Sum();
            case ReductionKind.Mean: return xs.Sum() / xs.Count;
            case ReductionKind.Max: return xs.Any(double.IsNaN) ? double.NaN : xs.Max();
            case ReductionKind.Min: return xs.Any(double.IsNaN) ? double.NaN : xs.Min();
            case ReductionKind.Product: return xs.Aggregate(1.0, (p, x) => p * x);
            case ReductionKind.SumOfSquares: return xs.Sum(x => x * x);
            case ReductionKind.L1: return xs.Sum(Math.Abs);
            case ReductionKind.L2: return Math.Sqrt(xs.Sum(x => x * x));
            case ReductionKind.LogSum: return Math.Log(xs.Sum());
            case ReductionKind.LogSumExp:
                var m = xs.Any(double.IsNaN) ? double.NaN : xs.Max();
                return double.IsFinite(m) ? m + Math.Log(xs.Sum(x => Math.Exp(x - m))) : m;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>The input values feeding each output element (row-major over the kept axes), in input order.</summary>
    private static List<List<double>> Group(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes)
    {
        var rank = shape.Length;
        var reduced = new bool[rank];
        foreach (var axis in axes) reduced[axis < 0 ? axis + rank : axis] = true;

        var outputCount = 1;
        for (var i = 0; i < rank; i++) if (!reduced[i]) outputCount *= shape[i];
        var groups = new List<List<double>>(outputCount);
        for (var o = 0; o < outputCount; o++) groups.Add([]);

        var index = new int[rank];
        for (var flat = 0; flat < input.Length; flat++)
        {
            var o = 0;
            for (var i = 0; i < rank; i++) if (!reduced[i]) o = o * shape[i] + index[i];
            groups[o].Add(input[flat]);
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < shape[i]) break;
                index[i] = 0;
            }
        }
        return groups;
    }
}
