using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Inputs;
using Parity.Validation.Metrics;
using Parity.Validation.Running;

namespace Parity.Validation.Comparison;

/// <summary>
/// Compares two loaded models value by value: feeds both the same seeded inputs (generated from B's declarations,
/// rearranged into A's layout where the two declare the same data differently), runs them, pairs their values
/// (<see cref="ValueMatcher"/>), measures each pair with A as the expected side, and attributes failures
/// (<see cref="Attribution"/>). A is the reference: the source model in `parity check`.
/// </summary>
public static class ModelComparison
{
    public static ComparisonReport Compare(ExecutableModel a, ExecutableModel b, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options.Validate();
        var inputs = InputMatcher.Match(a.Graph.Inputs, b.Graph.Inputs, options.InputMap);
        var record = options.Layers == LayerScope.All;

        ValueMatching? matching = null;
        List<RecordedValue> firstA = [], firstB = [];
        var worst = new Dictionary<int, (ErrorMetrics Metrics, int Sample, ClassifierAgreement? Classifier)>();
        var uncheckedA = new List<string>(Describe(a));
        var uncheckedB = new List<string>(Describe(b));
        for (var sample = 0; sample < options.Samples; sample++)
        {
            var (feedA, feedB) = Feed(a, b, inputs, options.Preprocessing, options.Seed + sample);
            try
            {
                using var runA = ModelRun.Execute(a, feedA, record);
                using var runB = ModelRun.Execute(b, feedB, record);
                uncheckedA.AddRange(Describe(runA));
                uncheckedB.AddRange(Describe(runB));
                var valuesA = Recorded(runA);
                var valuesB = Recorded(runB);
                if (matching is null)
                {
                    matching = ValueMatcher.Match(valuesA, valuesB, options.Layers, options.ValueMatchCosine);
                    (firstA, firstB) = (valuesA, valuesB);
                }
                Measure(matching, firstA, firstB, valuesA, valuesB, options.Tolerance, sample, worst);
            }
            finally
            {
                foreach (var t in feedA.Values.Concat(feedB.Values)) t.Dispose();
            }
        }

        var matches = matching!.Matches.Where(m => worst.ContainsKey(m.A)).ToList();
        var attribution = Attribution.Attribute(a.Graph, matches.Select(m => firstA[m.A].GraphValue).ToList(),
            matches.Select(m => worst[m.A].Metrics.Agrees).ToList());
        var pairs = matches.Select((m, k) =>
        {
            var (x, y) = (firstA[m.A], firstB[m.B]);
            var (metrics, sample, classifier) = worst[m.A];
            return new ValuePairResult(x.Name, y.Name, x.LayerType, y.LayerType, x.Shape.ToString(), y.Shape.ToString(), x.IsOutput,
                m.Kind, m.Layout, metrics, sample, attribution.Verdicts[k],
                attribution.InheritedFrom[k].Select(p => firstA[matches[p].A].Name).ToList(), classifier);
        }).ToList();

        var notes = Notes(inputs, options, matching).ToList();
        var unmatchedOutputs = matching.UnmatchedA.Any(v => v.IsOutput && !a.StateOutputs.Contains(v.GraphValue))
            || matching.UnmatchedB.Any(v => v.IsOutput && !b.StateOutputs.Contains(v.GraphValue));
        var verdict = pairs.Any(p => p.Verdict != PairVerdict.Agrees) ? ComparisonVerdict.Disagree
            : uncheckedA.Count + uncheckedB.Count > 0 || unmatchedOutputs || pairs.Count == 0 ? ComparisonVerdict.Unsupported
            : ComparisonVerdict.Agree;
        return new ComparisonReport(
            new ModelDescription(options.RoleA, a.File, a.Format),
            new ModelDescription(options.RoleB, b.File, b.Format),
            options.Tolerance, options.Seed, options.Samples, options.Layers, inputs, pairs,
            matching.UnmatchedA.Select(Unmatched).ToList(), matching.UnmatchedB.Select(Unmatched).ToList(),
            uncheckedA.Distinct().ToList(), uncheckedB.Distinct().ToList(), notes, verdict,
            attribution.Divergence is { } d ? pairs[d].A : null);
    }

    /// <summary>Seeded values for B's inputs, and the same data rearranged into A's layout and dtypes.</summary>
    private static (Dictionary<string, Tensor> A, Dictionary<string, Tensor> B) Feed(ExecutableModel a, ExecutableModel b, IReadOnlyList<InputPairing> inputs,
        IReadOnlyDictionary<string, InputPreprocessing> preprocessing, int seed)
    {
        var feedB = new RandomInputs(seed).Create(b.Graph.Inputs.Select(i => KeyValuePair.Create(i.Name, i.Type)), b.IndexCount);
        foreach (var (name, prep) in preprocessing)
        {
            if (!feedB.TryGetValue(name, out var unit)) throw new ArgumentException($"Preprocessing is given for input '{name}', but the second model's inputs are {string.Join(", ", feedB.Keys)}.");
            if (!unit.DType.IsFloatingPoint()) continue;
            // RandomInputs draws Low + (High - Low) * u; from the default [0, 1) the same u gives [prep.Low, prep.High).
            using var u = unit.ToFloat32();
            var scaled = u.Floats.ToArray().Select(x => prep.Low + (prep.High - prep.Low) * x).ToArray();
            using var ranged = Tensor.FromSpan<float>(scaled, unit.Shape);
            feedB[name] = ranged.CastFromFloat32(unit.DType);
            unit.Dispose();
        }
        var feedA = new Dictionary<string, Tensor>();
        foreach (var pairing in inputs)
        {
            var source = feedB[pairing.B];
            var typeA = a.Graph.Inputs.First(i => i.Name == pairing.A).Type;
            using var floats = source.ToFloat32();
            var prepared = preprocessing.TryGetValue(pairing.B, out var p) ? p.ApplyForA(floats.Floats, source.Shape.Dims) : floats.Floats.ToArray();
            var data = LayoutTransforms.Apply(prepared, source.Shape, pairing.Layout);
            using var arranged = Tensor.FromSpan<float>(data, typeA.Shape);
            feedA[pairing.A] = arranged.CastFromFloat32(typeA.DType);
        }
        return (feedA, feedB);
    }

    /// <summary>A run's layer outputs (graph inputs left out: both sides get the same data) and its model outputs.</summary>
    private static List<RecordedValue> Recorded(ModelRun run)
    {
        var graph = run.Model.Graph;
        var inputNames = graph.Inputs.Select(i => i.Name).ToHashSet();
        var outputIndex = graph.Outputs.Select((o, k) => (o, k)).ToDictionary(p => p.o, p => p.k);
        var values = new List<RecordedValue>();
        var seen = new HashSet<string>();
        foreach (var (layer, tensor) in run.Layers)
        {
            if (inputNames.Contains(layer.Value) || !seen.Add(layer.Value)) continue;
            values.Add(Record(layer.Name, layer.Type, layer.Value, tensor, outputIndex.GetValueOrDefault(layer.Value, -1)));
        }
        foreach (var (name, tensor) in run.Outputs)
        {
            if (!seen.Add(name)) continue;
            var layer = run.Model.Layers.FirstOrDefault(l => l.Value == name);
            values.Add(Record(layer?.Name ?? name, layer?.Type ?? "output", name, tensor, outputIndex[name]));
        }
        return values;
    }

    private static RecordedValue Record(string name, string type, string value, Tensor tensor, int outputIndex)
    {
        using var floats = tensor.ToFloat32();
        return new RecordedValue(name, type, value, tensor.Shape, floats.Floats.ToArray(), outputIndex);
    }

    private static void Measure(ValueMatching matching, List<RecordedValue> firstA, List<RecordedValue> firstB,
        List<RecordedValue> valuesA, List<RecordedValue> valuesB, Tolerance tolerance, int sample,
        Dictionary<int, (ErrorMetrics Metrics, int Sample, ClassifierAgreement? Classifier)> worst)
    {
        var byValueA = valuesA.ToDictionary(v => v.GraphValue);
        var byValueB = valuesB.ToDictionary(v => v.GraphValue);
        foreach (var m in matching.Matches)
        {
            if (!byValueA.TryGetValue(firstA[m.A].GraphValue, out var x) || !byValueB.TryGetValue(firstB[m.B].GraphValue, out var y)) continue;
            if (x.Shape != firstA[m.A].Shape || y.Shape != firstB[m.B].Shape) continue;
            var aligned = LayoutTransforms.Apply(y.Data, y.Shape, m.Layout);
            var metrics = ErrorMetrics.Compute(x.Data, aligned, tolerance);
            var classifier = x.IsOutput && x.Shape.Rank > 0 ? ClassifierOutputs.Compare(x.Data, aligned, x.Shape[x.Shape.Rank - 1]) : null;
            if (!worst.TryGetValue(m.A, out var current) || Worse(metrics, current.Metrics)) worst[m.A] = (metrics, sample, classifier);
        }
    }

    private static bool Worse(ErrorMetrics candidate, ErrorMetrics current) =>
        candidate.WithinTolerance < current.WithinTolerance
        || candidate.WithinTolerance == current.WithinTolerance && candidate.MaxAbsError > current.MaxAbsError;

    private static IEnumerable<string> Describe(ExecutableModel model) =>
        model.Unsupported.Select(u => $"unsupported layer {u}").Concat(model.NotBuilt.Select(n => $"not built (depends on an unsupported layer): {n}"));

    private static IEnumerable<string> Describe(ModelRun run) =>
        run.Failures.Select(f => f.ToString()).Concat(run.MissingOutputs.Select(o => $"output '{o}' was not computed"));

    private static UnmatchedValue Unmatched(RecordedValue v) => new(v.Name, v.LayerType, v.Shape.ToString());

    private static IEnumerable<string> Notes(IReadOnlyList<InputPairing> inputs, ComparisonOptions options, ValueMatching matching)
    {
        var seeds = options.Samples == 1 ? $"seed {options.Seed}" : $"seeds {options.Seed}..{options.Seed + options.Samples - 1}";
        yield return $"Inputs: seeded random values ({seeds}) drawn for {options.RoleB}'s declared inputs and fed to both models.";
        foreach (var p in inputs.Where(p => p.Layout is LayoutTransform.ChannelsFirstToLast or LayoutTransform.ChannelsLastToFirst))
        {
            yield return $"Layout transform applied: {options.RoleB} input '{p.B}' {p.BType} fed to {options.RoleA} input '{p.A}' {p.AType} as {LayoutTransforms.Describe(p.Layout)}.";
        }
        foreach (var (name, prep) in options.Preprocessing)
        {
            var plain = prep.Scale == 1 && prep.Bias.All(b => b == 0) && !prep.ReverseChannels;
            yield return plain
                ? $"{options.RoleB} input '{name}' and its {options.RoleA} counterpart get values in [{prep.Low}, {prep.High})."
                : $"{options.RoleB} input '{name}' gets raw values in [{prep.Low}, {prep.High}); {options.RoleA} gets them preprocessed: {prep.Description}.";
        }
        var byValue = matching.Matches.Count(m => m.Kind == MatchKind.Value);
        if (byValue > 0) yield return $"{byValue} value(s) were matched by value similarity (cosine > {options.ValueMatchCosine}), not by name.";
    }
}
