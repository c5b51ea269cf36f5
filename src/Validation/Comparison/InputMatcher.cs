using Parity.Engine.Graph;

namespace Parity.Validation.Comparison;

/// <summary>
/// Pairs model B's inputs with model A's: user mapping first, then by name, then by position, then by the only
/// shape that fits (directly or through a layout transform). Anything left unpaired or ambiguous is an error that
/// asks for --map, since feeding a model the wrong input would make every later number meaningless.
/// </summary>
public static class InputMatcher
{
    public static IReadOnlyList<InputPairing> Match(IReadOnlyList<GraphInput> a, IReadOnlyList<GraphInput> b, IReadOnlyDictionary<string, string> map)
    {
        var pairs = new List<InputPairing>();
        var freeA = a.ToList();
        var freeB = b.ToList();

        void Pair(GraphInput x, GraphInput y, MatchKind kind)
        {
            var layout = LayoutTransforms.Between(y.Type.Shape, x.Type.Shape);
            if (layout.Count == 0)
            {
                throw new ArgumentException($"Input '{x.Name}' {x.Type} cannot take the data of input '{y.Name}' {y.Type}: no layout transform maps one shape onto the other.");
            }
            pairs.Add(new InputPairing(x.Name, y.Name, kind, layout[0], x.Type.ToString(), y.Type.ToString()));
            freeA.Remove(x);
            freeB.Remove(y);
        }

        foreach (var (nameA, nameB) in map)
        {
            var x = freeA.FirstOrDefault(i => i.Name == nameA) ?? throw new ArgumentException($"--map {nameA}={nameB}: the first model has no input '{nameA}'; its inputs are {Names(a)}.");
            var y = freeB.FirstOrDefault(i => i.Name == nameB) ?? throw new ArgumentException($"--map {nameA}={nameB}: the second model has no input '{nameB}'; its inputs are {Names(b)}.");
            Pair(x, y, MatchKind.Mapped);
        }
        foreach (var x in freeA.ToList())
        {
            var y = freeB.FirstOrDefault(i => LayerNames.Normalize(i.Name) == LayerNames.Normalize(x.Name));
            if (y is not null && Fits(x, y)) Pair(x, y, MatchKind.Name);
        }
        if (a.Count == b.Count)
        {
            for (var i = 0; i < a.Count; i++)
            {
                if (freeA.Contains(a[i]) && freeB.Contains(b[i]) && Fits(a[i], b[i])) Pair(a[i], b[i], MatchKind.Order);
            }
        }
        foreach (var x in freeA.ToList())
        {
            var candidates = freeB.Where(y => Fits(x, y)).ToList();
            if (candidates.Count > 1 || candidates.Count == 1 && freeA.Count(other => Fits(other, candidates[0])) > 1)
            {
                throw new ArgumentException($"Input '{x.Name}' {x.Type} could be fed from any of {Names(candidates)}; say which with --map {x.Name}=NAME.");
            }
            if (candidates.Count == 1) Pair(x, candidates[0], MatchKind.Shape);
        }
        if (freeA.Count > 0 || freeB.Count > 0)
        {
            var missing = freeA.Select(i => $"'{i.Name}' {i.Type} of the first model").Concat(freeB.Select(i => $"'{i.Name}' {i.Type} of the second model"));
            throw new ArgumentException($"No counterpart for input(s) {string.Join(", ", missing)} (first model: {Names(a)}; second model: {Names(b)}). Pair them with --map A_INPUT=B_INPUT.");
        }
        return pairs.OrderBy(p => a.ToList().FindIndex(i => i.Name == p.A)).ToList();
    }

    private static bool Fits(GraphInput a, GraphInput b) => LayoutTransforms.Between(b.Type.Shape, a.Type.Shape).Count > 0;

    private static string Names(IEnumerable<GraphInput> inputs) => string.Join(", ", inputs.Select(i => $"'{i.Name}' {i.Type}"));
}
