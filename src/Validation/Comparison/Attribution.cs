using Parity.Engine.Graph;

namespace Parity.Validation.Comparison;

/// <summary>Per-pair verdicts, the failing matched ancestors each inherited pair depends on, and the divergence point.</summary>
/// <param name="Divergence">Index of the first pair (in graph order) whose own error breaks tolerance, or null.</param>
public sealed record AttributionResult(IReadOnlyList<PairVerdict> Verdicts, IReadOnlyList<IReadOnlyList<int>> InheritedFrom, int? Divergence);

/// <summary>
/// Tells errors a layer makes from errors it receives. Each matched value's nearest matched ancestors are found by
/// walking model A's graph backwards through unmatched values (graph inputs count as agreeing: both models get
/// the same data). A failing value whose nearest matched ancestors all agree diverges itself; one with a failing
/// ancestor inherits. The divergence point is the first diverging value in graph order.
/// </summary>
public static class Attribution
{
    /// <param name="graph">Model A's graph.</param>
    /// <param name="values">The graph value of each matched pair on A's side.</param>
    /// <param name="agrees">Whether each pair is within tolerance.</param>
    public static AttributionResult Attribute(Graph graph, IReadOnlyList<string> values, IReadOnlyList<bool> agrees)
    {
        if (values.Count != agrees.Count) throw new ArgumentException($"Attribution needs one verdict per value; got {values.Count} values and {agrees.Count} verdicts.");
        var pairOf = new Dictionary<string, int>();
        for (var i = 0; i < values.Count; i++) pairOf.TryAdd(values[i], i);
        var position = new Dictionary<string, int>();
        for (var n = 0; n < graph.Nodes.Count; n++)
        {
            foreach (var output in graph.Nodes[n].Outputs) position[output] = n;
        }

        var verdicts = new PairVerdict[values.Count];
        var inherited = new IReadOnlyList<int>[values.Count];
        int? divergence = null;
        foreach (var i in Enumerable.Range(0, values.Count).OrderBy(i => position.GetValueOrDefault(values[i], -1)))
        {
            var failingAncestors = NearestMatchedAncestors(graph, values[i], pairOf).Where(p => !agrees[p]).Order().ToList();
            inherited[i] = agrees[i] ? [] : failingAncestors;
            verdicts[i] = agrees[i] ? PairVerdict.Agrees : failingAncestors.Count > 0 ? PairVerdict.Inherited : PairVerdict.Diverges;
            if (verdicts[i] == PairVerdict.Diverges) divergence ??= i;
        }
        return new AttributionResult(verdicts, inherited, divergence);
    }

    private static HashSet<int> NearestMatchedAncestors(Graph graph, string value, Dictionary<string, int> pairOf)
    {
        var found = new HashSet<int>();
        var visited = new HashSet<string> { value };
        var pending = new Stack<string>(graph.ProducerOf(value)?.Inputs ?? []);
        while (pending.TryPop(out var current))
        {
            if (!visited.Add(current)) continue;
            if (pairOf.TryGetValue(current, out var pair))
            {
                found.Add(pair);
                continue;
            }
            foreach (var input in graph.ProducerOf(current)?.Inputs ?? []) pending.Push(input);
        }
        return found;
    }
}
