using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Enumerates the slices a normalization works on, straight from multi-indices (shared by the reference twins).</summary>
internal static class NormalizedSlices
{
    /// <summary>
    /// For each combination of the axes not in <paramref name="axes"/>: the flat indices of its elements and each
    /// element's row-major position within the normalized axes.
    /// </summary>
    public static IEnumerable<(int[] Indices, int[] Positions)> Of(ReadOnlySpan<int> shape, ReadOnlySpan<int> axes)
    {
        var rank = shape.Length;
        var normalized = new bool[rank];
        foreach (var a in axes) normalized[a < 0 ? a + rank : a] = true;
        var dims = shape.ToArray();
        var total = dims.Aggregate(1, (x, y) => x * y);
        var slices = new Dictionary<int, (List<int> Indices, List<int> Positions)>();
        var index = new int[rank];
        for (var flat = 0; flat < total; flat++)
        {
            int key = 0, position = 0;
            for (var i = 0; i < rank; i++)
            {
                if (normalized[i]) position = position * dims[i] + index[i];
                else key = key * dims[i] + index[i];
            }
            if (!slices.TryGetValue(key, out var slice)) slices[key] = slice = ([], []);
            slice.Indices.Add(flat);
            slice.Positions.Add(position);
            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < dims[i]) break;
                index[i] = 0;
            }
        }
        return slices.Values.Select(s => (s.Indices.ToArray(), s.Positions.ToArray()));
    }

    public static double Spread(double variance, float epsilon, EpsilonPlacement placement) => placement switch
    {
        EpsilonPlacement.AddToVariance => Math.Sqrt(variance + epsilon),
        EpsilonPlacement.AddToStandardDeviation => Math.Sqrt(variance) + epsilon,
        _ => throw new ArgumentOutOfRangeException(nameof(placement)),
    };
}
