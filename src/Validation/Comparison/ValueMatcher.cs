using Parity.Engine.Tensors;

namespace Parity.Validation.Comparison;

/// <summary>One value a model run produced: a layer output or a model output, by the name users know it by.</summary>
/// <param name="Data">The elements as float32; for a run's value, a view of the run's own tensor, valid while the run is.</param>
/// <param name="OutputIndex">Position among the model's outputs, or -1 for an intermediate value.</param>
public sealed record RecordedValue(string Name, string LayerType, string GraphValue, Shape Shape, ReadOnlyMemory<float> Data, int OutputIndex = -1)
{
    public bool IsOutput => OutputIndex >= 0;
}

/// <summary>Value <paramref name="A"/> (index into A's list) is paired with <paramref name="B"/>; B's data rearranged by <paramref name="Layout"/> lines up with A's.</summary>
public sealed record ValueMatch(int A, int B, MatchKind Kind, LayoutTransform Layout);

/// <summary>The pairs found, and the values of each side that found no counterpart.</summary>
public sealed record ValueMatching(IReadOnlyList<ValueMatch> Matches, IReadOnlyList<RecordedValue> UnmatchedA, IReadOnlyList<RecordedValue> UnmatchedB);

/// <summary>
/// Pairs the values of two runs: outputs by name, then by position, then by the only element count that fits; with <see cref="LayerScope.All"/> also
/// intermediates by normalized layer name, then by value similarity (cosine above a threshold after a layout
/// transform) among values with the same element count, preferring values not yet paired. Every unpaired value is
/// returned, never dropped.
/// </summary>
public static class ValueMatcher
{
    public static ValueMatching Match(IReadOnlyList<RecordedValue> a, IReadOnlyList<RecordedValue> b, LayerScope scope, double cosineThreshold = 0.99)
    {
        var matches = new List<ValueMatch>();
        var usedA = new HashSet<int>();
        var usedB = new HashSet<int>();

        bool TryPair(int i, int j, MatchKind kind)
        {
            if (usedA.Contains(i) || usedB.Contains(j)) return false;
            var layout = PairLayout(a[i], b[j]);
            if (layout is null) return false;
            matches.Add(new ValueMatch(i, j, kind, layout.Value));
            usedA.Add(i);
            usedB.Add(j);
            return true;
        }

        var outputsA = Indices(a, v => v.IsOutput).OrderBy(i => a[i].OutputIndex).ToList();
        var outputsB = Indices(b, v => v.IsOutput).OrderBy(i => b[i].OutputIndex).ToList();
        foreach (var i in outputsA)
        {
            var j = outputsB.FirstOrDefault(j => !usedB.Contains(j) && SameName(a[i], b[j]), -1);
            if (j >= 0) TryPair(i, j, MatchKind.Name);
        }
        if (outputsA.Count == outputsB.Count)
        {
            for (var k = 0; k < outputsA.Count; k++) TryPair(outputsA[k], outputsB[k], MatchKind.Order);
        }
        // Outputs only one side has (Core ML's recurrent state outputs) break pairing by position; an output whose
        // element count exactly one unpaired output of the other model shares still has that one as its counterpart.
        foreach (var i in outputsA.Where(i => !usedA.Contains(i)))
        {
            var fits = outputsB.Where(j => !usedB.Contains(j) && b[j].Data.Length == a[i].Data.Length).ToList();
            if (fits.Count == 1 && outputsA.Count(k => !usedA.Contains(k) && a[k].Data.Length == a[i].Data.Length) == 1) TryPair(i, fits[0], MatchKind.Shape);
        }

        if (scope == LayerScope.All)
        {
            // Several values of B may share a key (a convolution "c1" and its fused activation "c1__activation__"):
            // the last one computed is the whole layer's output, which is what the source layer's name stands for.
            var byName = new Dictionary<string, int>();
            for (var j = 0; j < b.Count; j++)
            {
                if (!usedB.Contains(j)) byName[LayerNames.Normalize(b[j].Name)] = j;
            }
            for (var i = 0; i < a.Count; i++)
            {
                if (!usedA.Contains(i) && byName.TryGetValue(LayerNames.Normalize(a[i].Name), out var j)) TryPair(i, j, MatchKind.Name);
            }
            // Layers a converter drops (Dropout, identity reshapes) leave source values equal to one B already
            // paired: when no free value fits, one B value may stand for several A values.
            for (var i = 0; i < a.Count; i++)
            {
                if (usedA.Contains(i)) continue;
                var best = MostSimilar(a[i], b, j => !usedB.Contains(j), cosineThreshold) ?? MostSimilar(a[i], b, usedB.Contains, cosineThreshold);
                if (best is { } fit)
                {
                    matches.Add(new ValueMatch(i, fit.Index, MatchKind.Value, fit.Layout));
                    usedA.Add(i);
                    usedB.Add(fit.Index);
                }
            }
        }

        bool Listed(RecordedValue v) => scope == LayerScope.All || v.IsOutput;
        return new ValueMatching(
            matches.OrderBy(m => m.A).ToList(),
            Indices(a, Listed).Where(i => !usedA.Contains(i)).Select(i => a[i]).ToList(),
            Indices(b, Listed).Where(j => !usedB.Contains(j)).Select(j => b[j]).ToList());
    }

    private static (int Index, LayoutTransform Layout)? MostSimilar(RecordedValue a, IReadOnlyList<RecordedValue> b, Func<int, bool> eligible, double threshold)
    {
        (int Index, LayoutTransform Layout, double Cosine)? best = null;
        for (var j = 0; j < b.Count; j++)
        {
            if (!eligible(j) || b[j].Data.Length != a.Data.Length) continue;
            if (BestLayout(a, b[j]) is { } fit && fit.Cosine > threshold && (best is null || fit.Cosine > best.Value.Cosine)) best = (j, fit.Layout, fit.Cosine);
        }
        return best is { } found ? (found.Index, found.Layout) : null;
    }

    // A pair already chosen by name needs a similarity only to choose between several fitting transforms: skipping it
    // for the usual single candidate saves a pass over every recorded value of a large model.
    private static LayoutTransform? PairLayout(RecordedValue a, RecordedValue b)
    {
        var layouts = LayoutTransforms.Between(b.Shape, a.Shape);
        return layouts.Count switch
        {
            0 => null,
            1 => layouts[0],
            _ => BestLayout(a, b)?.Layout,
        };
    }

    /// <summary>The layout transform under which B's data looks most like A's, with that cosine similarity; null when no transform fits the shapes.</summary>
    public static (LayoutTransform Layout, double Cosine)? BestLayout(RecordedValue a, RecordedValue b)
    {
        (LayoutTransform, double)? best = null;
        foreach (var layout in LayoutTransforms.Between(b.Shape, a.Shape))
        {
            var cosine = Cosine(a.Data.Span, LayoutTransforms.Apply(b.Data, b.Shape, layout).Span);
            if (best is null || cosine > best.Value.Item2) best = (layout, cosine);
        }
        return best;
    }

    /// <summary>Cosine similarity; 1 for two all-zero vectors, NaN-free (non-finite elements are skipped).</summary>
    public static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double dot = 0, nx = 0, ny = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]) || !float.IsFinite(y[i])) continue;
            dot += (double)x[i] * y[i];
            nx += (double)x[i] * x[i];
            ny += (double)y[i] * y[i];
        }
        if (nx == 0 && ny == 0) return 1;
        return nx == 0 || ny == 0 ? 0 : dot / Math.Sqrt(nx * ny);
    }

    private static bool SameName(RecordedValue a, RecordedValue b) =>
        LayerNames.Normalize(a.Name) == LayerNames.Normalize(b.Name) || LayerNames.Normalize(a.GraphValue) == LayerNames.Normalize(b.GraphValue);

    private static IEnumerable<int> Indices(IReadOnlyList<RecordedValue> values, Func<RecordedValue, bool> keep) =>
        Enumerable.Range(0, values.Count).Where(i => keep(values[i]));
}
