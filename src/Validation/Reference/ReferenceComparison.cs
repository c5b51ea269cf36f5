using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Inputs;
using Parity.Validation.Metrics;
using Parity.Validation.Running;

namespace Parity.Validation.Reference;

/// <summary>
/// Checks a converted model against tensors recorded from the source framework (`parity check --source-outputs`):
/// runs the converted model on the inputs the dump was made from, pairs the recorded values with its values as
/// <see cref="ModelComparison"/> pairs two runs (names, then value similarity after layout transforms), measures
/// each pair with the recording as the expected side, and attributes failures along the converted model's graph.
/// </summary>
public static class ReferenceComparison
{
    public static ComparisonReport Compare(RecordedReference reference, ExecutableModel converted, ComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(converted);
        options.Validate();
        if (options.Samples != 1) throw new ArgumentException($"--samples {options.Samples}: a recorded source is one sample (the inputs it was made from); leave --samples at 1.");
        var given = options.GivenInputs.ToDictionary();
        var read = new List<Tensor>();
        try
        {
            foreach (var input in converted.Graph.Inputs.Where(i => !given.ContainsKey(i.Name)))
            {
                var file = reference.InputFiles.GetValueOrDefault(input.Name) ?? throw new ArgumentException(
                    $"The converted input '{input.Name}' {input.Type} has no value: give the input the source outputs were recorded from with --input {input.Name}=FILE.");
                var tensor = InputFiles.Read(input.Name, file, input.Type, converted.ImageInputs.GetValueOrDefault(input.Name));
                read.Add(tensor);
                given[input.Name] = tensor;
            }
            return Run(reference, converted, options with { GivenInputs = given }, read.Count > 0);
        }
        finally
        {
            foreach (var t in read) t.Dispose();
        }
    }

    private static ComparisonReport Run(RecordedReference reference, ExecutableModel converted, ComparisonOptions options, bool inputsFromFolder)
    {
        var feed = ComparisonInputs.ForB(converted, options, 0);
        try
        {
            using var run = ModelRun.Execute(converted, feed, options.Layers == LayerScope.All);
            var recorded = reference.Values.Where(v => !v.FusedAway).ToList();
            var valuesA = recorded.Select(v => new RecordedValue(v.Key, "recorded", v.Key, v.Shape, v.Data, v.OutputIndex)).ToList();
            var valuesB = ModelComparison.Recorded(run);
            var matching = ValueMatcher.Match(valuesA, valuesB, options.Layers, options.ValueMatchCosine);
            var position = valuesB.Select((v, k) => (v.GraphValue, k)).GroupBy(p => p.GraphValue).ToDictionary(g => g.Key, g => g.First().k);
            var matches = matching.Matches.OrderBy(m => position[valuesB[m.B].GraphValue]).ThenBy(m => m.A).ToList();
            var measured = matches.Select(m => Measure(valuesA[m.A], valuesB[m.B], m.Layout, options.Tolerance)).ToList();
            var attribution = Attribution.Attribute(converted.Graph, matches.Select(m => valuesB[m.B].GraphValue).ToList(), measured.Select(x => x.Metrics.Agrees).ToList());
            var pairs = matches.Select((m, k) =>
            {
                var (x, y) = (recorded[m.A], valuesB[m.B]);
                return new ValuePairResult(x.Name, y.Name, Path.GetFileName(x.File), y.LayerType, x.Shape.ToString(), y.Shape.ToString(), x.IsOutput || y.IsOutput,
                    m.Kind, m.Layout, measured[k].Metrics, 0, attribution.Verdicts[k],
                    attribution.InheritedFrom[k].Select(p => recorded[matches[p].A].Name).ToList(), measured[k].Classifier);
            }).ToList();

            var uncheckedB = ModelComparison.Describe(converted).Concat(ModelComparison.Describe(run)).Distinct().ToList();
            var unmatchedOutputs = matching.UnmatchedA.Concat(matching.UnmatchedB).Any(v => v.IsOutput);
            var verdict = pairs.Any(p => p.Verdict != PairVerdict.Agrees) ? ComparisonVerdict.Disagree
                : uncheckedB.Count > 0 || unmatchedOutputs || pairs.Count == 0 ? ComparisonVerdict.Unsupported
                : ComparisonVerdict.Agree;
            var byKey = recorded.Select((v, i) => (v, i)).ToDictionary(p => valuesA[p.i], p => p.v);
            var unmatchedA = matching.UnmatchedA.Select(v => Unmatched(byKey[v]))
                .Concat(reference.Values.Where(v => v.FusedAway).Select(v => new UnmatchedValue(v.Name, "fused away (case.json)", v.Shape.ToString())))
                .ToList();
            var inputs = converted.Graph.Inputs.Select(i => new InputPairing(i.Name, i.Name, MatchKind.Name, LayoutTransform.None,
                options.GivenInputs[i.Name].Type.ToString(), i.Type.ToString())).ToList();
            return new ComparisonReport(
                new ModelDescription(options.RoleA, reference.Directory, "recorded tensors (.npy)"),
                new ModelDescription(options.RoleB, converted.File, converted.Format),
                options.Tolerance, options.Seed, 1, options.Layers, inputs, pairs,
                unmatchedA, matching.UnmatchedB.Select(v => new UnmatchedValue(v.Name, v.LayerType, v.Shape.ToString())).ToList(),
                [], uncheckedB, Notes(reference, options, matching, inputsFromFolder).ToList(), verdict,
                attribution.Divergence is { } d ? pairs[d].A : null);
        }
        finally
        {
            foreach (var t in feed.Values) t.Dispose();
        }
    }

    private static (ErrorMetrics Metrics, ClassifierAgreement? Classifier) Measure(RecordedValue expected, RecordedValue actual, LayoutTransform layout, Tolerance tolerance)
    {
        var aligned = LayoutTransforms.Apply(actual.Data, actual.Shape, layout);
        var metrics = ErrorMetrics.Compute(expected.Data.Span, aligned.Span, tolerance);
        var classifier = expected.IsOutput && expected.Shape.Rank > 0 ? ClassifierOutputs.Compare(expected.Data.Span, aligned.Span, expected.Shape[expected.Shape.Rank - 1]) : null;
        return (metrics, classifier);
    }

    private static UnmatchedValue Unmatched(RecordedTensor v) => new(v.Name, Path.GetFileName(v.File), v.Shape.ToString());

    private static IEnumerable<string> Notes(RecordedReference reference, ComparisonOptions options, ValueMatching matching, bool inputsFromFolder)
    {
        foreach (var note in reference.Notes) yield return note;
        var names = string.Join(", ", options.GivenInputs.Keys.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
        yield return inputsFromFolder
            ? $"Inputs: {names} read from the recorded folder and fed to the {options.RoleB} model."
            : $"Inputs: {names} from the given file(s), fed to the {options.RoleB} model; the {options.RoleA} values were recorded from the same inputs.";
        var byValue = matching.Matches.Count(m => m.Kind == MatchKind.Value);
        if (byValue > 0) yield return $"{byValue} value(s) were matched by value similarity (cosine > {options.ValueMatchCosine}), not by name.";
    }
}
