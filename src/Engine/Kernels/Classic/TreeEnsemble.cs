namespace Parity.Engine.Kernels.Classic;

/// <summary>
/// Tree ensemble evaluation: every row walks every tree from its root to a leaf, and the leaves' values are summed onto
/// the base prediction per output dimension. Features are compared and sums accumulated in double, as Core ML
/// evaluates its tree ensembles; the sums are rounded to float32 once at the end.
/// </summary>
public static class TreeEnsemble
{
    /// <summary>
    /// Writes scores [rows, layout.Dimensions] for <paramref name="x"/> [rows, features] row-major.
    /// <paramref name="basePrediction"/> holds one value per dimension.
    /// </summary>
    public static void Evaluate(TreeEnsembleLayout layout, ReadOnlySpan<float> x, int rows, int features, ReadOnlySpan<double> basePrediction, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var dimensions = layout.Dimensions;
        if (rows < 0 || features < 0 || x.Length != (long)rows * features)
        {
            throw new ArgumentException($"Tree ensemble input must hold rows x features = {rows} x {features} values; got {x.Length}.", nameof(x));
        }
        if (layout.MaxFeatureIndex >= features)
        {
            throw new ArgumentException($"The trees branch on feature {layout.MaxFeatureIndex}, but rows hold {features} features.", nameof(features));
        }
        if (basePrediction.Length != dimensions) throw new ArgumentException($"Base prediction must hold {dimensions} values; got {basePrediction.Length}.", nameof(basePrediction));
        if (scores.Length != (long)rows * dimensions) throw new ArgumentException($"Scores must hold {rows} x {dimensions} values; got {scores.Length}.", nameof(scores));

        var input = x.ToArray();
        var output = new float[scores.Length];
        var bases = basePrediction.ToArray();
        // Each row walks a few hundred nodes at most: split rows in chunks big enough to pay for a thread.
        Parallelism.For(rows, 64, (start, end) =>
        {
            var sums = new double[dimensions];
            for (var row = start; row < end; row++)
            {
                bases.CopyTo(sums, 0);
                Accumulate(layout, input.AsSpan(row * features, features), sums);
                for (var d = 0; d < dimensions; d++) output[row * dimensions + d] = (float)sums[d];
            }
        });
        output.CopyTo(scores);
    }

    private static void Accumulate(TreeEnsembleLayout layout, ReadOnlySpan<float> row, Span<double> sums)
    {
        var branches = layout.Branches;
        foreach (var root in layout.Roots)
        {
            var node = root;
            while (branches[node] != TreeBranch.Leaf)
            {
                var takesTrue = TreeNode.TakesTrueChild(branches[node], row[layout.Features[node]], layout.Thresholds[node], layout.MissingTracksTrue[node]);
                node = takesTrue ? layout.TrueChildren[node] : layout.FalseChildren[node];
            }
            for (var v = layout.LeafStarts[node]; v < layout.LeafStarts[node + 1]; v++)
            {
                sums[layout.LeafValues[v].Dimension] += layout.LeafValues[v].Value;
            }
        }
    }
}
