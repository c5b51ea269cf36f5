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
        var inputs = InputMatcher.Match(a.Graph.Inputs, ComparisonInputs.Effective(b, options), options.InputMap);
        var record = options.Layers == LayerScope.All;

        ValueMatching? matching = null;
        List<RecordedValue> firstA = [], firstB = [];
        var worst = new Dictionary<int, (ErrorMetrics Metrics, int Sample, ClassifierAgreement? Classifier)>();
        var uncheckedA = new List<string>(Describe(a));
        var uncheckedB = new List<string>(Describe(b));
        for (var sample = 0; sample < options.Samples; sample++)
        {
            var (feedA, feedB) = ComparisonInputs.Feed(a, b, inputs, options, sample);
            try
            {
                using var runA = ModelRun.Execute(a, feedA, record);
                using var runB = ModelRun.Execute(b, feedB, record, options.PrecisionB);
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

    /// <summary>A run's layer outputs (graph inputs left out: both sides get the same data) and its model outputs.</summary>
    internal static List<RecordedValue> Recorded(ModelRun run)
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

    // Float32 values (nearly all of them) are read where the run keeps them: a large model's recorded layers are
    // not copied again. Other dtypes are converted into an array of their own.
    private static RecordedValue Record(string name, string type, string value, Tensor tensor, int outputIndex)
    {
        if (tensor.DType == DType.Float32) return new RecordedValue(name, type, value, tensor.Shape, tensor.AsMemory<float>(), outputIndex);
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
            var metrics = ErrorMetrics.Compute(x.Data.Span, aligned.Span, tolerance);
            var classifier = x.IsOutput && x.Shape.Rank > 0 ? ClassifierOutputs.Compare(x.Data.Span, aligned.Span, x.Shape[x.Shape.Rank - 1]) : null;
            if (!worst.TryGetValue(m.A, out var current) || Worse(metrics, current.Metrics)) worst[m.A] = (metrics, sample, classifier);
        }
    }

    private static bool Worse(ErrorMetrics candidate, ErrorMetrics current) =>
        candidate.WithinTolerance < current.WithinTolerance
        || candidate.WithinTolerance == current.WithinTolerance && candidate.MaxAbsError > current.MaxAbsError;

    internal static IEnumerable<string> Describe(ExecutableModel model) =>
        model.Unsupported.Select(u => $"unsupported layer {u}").Concat(model.NotBuilt.Select(n => $"not built (depends on an unsupported layer): {n}"));

    internal static IEnumerable<string> Describe(ModelRun run) =>
        run.Failures.Select(f => f.ToString()).Concat(run.MissingOutputs.Select(o => $"output '{o}' was not computed"));

    private static UnmatchedValue Unmatched(RecordedValue v) => new(v.Name, v.LayerType, v.Shape.ToString());

    private static IEnumerable<string> Notes(IReadOnlyList<InputPairing> inputs, ComparisonOptions options, ValueMatching matching)
    {
        foreach (var note in ComparisonInputs.Notes(inputs, options)) yield return note;
        var byValue = matching.Matches.Count(m => m.Kind == MatchKind.Value);
        if (byValue > 0) yield return $"{byValue} value(s) were matched by value similarity (cosine > {options.ValueMatchCosine}), not by name.";
    }
}
