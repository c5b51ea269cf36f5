using System.Globalization;
using Parity.Engine.Graph;
using Parity.Spec;
using Parity.Spec.CoreML.Edits;
using Parity.Validation.Comparison;
using Parity.Validation.Metrics;

namespace Parity.Validation.Diagnosis;

/// <summary>
/// Names the cause of a disagreement (DESIGN.md §4.7): collects the hypotheses that apply to the diverging layer's
/// type, the converted layers between it and the last agreeing values, the image inputs they reach and the model's
/// precision; re-runs the comparison with each flipped alone; and names the flip that makes the disagreement vanish.
/// </summary>
public static class Diagnoser
{
    /// <summary>
    /// Null unless <paramref name="report"/> disagrees. Layer and input hypotheses need the converted NeuralNetwork
    /// specification, read again only here (an agreeing check never reads it twice); other models are diagnosed for precision.
    /// </summary>
    public static DiagnosisResult? Diagnose(ExecutableModel source, ExecutableModel converted, ComparisonReport report,
        ComparisonOptions options, DiagnosisSettings settings)
    {
        if (report.Verdict != ComparisonVerdict.Disagree) return null;
        var spec = EditableCoreMLModel.TryLoad(converted.File);
        var divergence = report.DivergencePoint;
        var before = ErrorSnapshot.Of(report, divergence);
        var hypotheses = Candidates(converted, spec, report, options).ToList();
        var trials = new List<HypothesisTrial>();
        foreach (var hypothesis in hypotheses.Take(settings.MaxReruns))
        {
            ComparisonReport after;
            try
            {
                after = Rerun(hypothesis, source, converted, spec, options, settings);
            }
            catch (Exception e) when (e is ModelFormatException or UnsupportedLayerException or ArgumentException or GraphException)
            {
                // A flip the reader refuses (e.g. shapes no longer fit) describes no working conversion: it explains nothing.
                continue;
            }
            var snapshot = ErrorSnapshot.Of(after, divergence);
            trials.Add(new HypothesisTrial(hypothesis.Cause, hypothesis.Layer, hypothesis.Change, snapshot, Explains(before, snapshot)));
        }
        var named = trials.Where(t => t.Explains)
            .OrderBy(t => t.After.Verdict == ComparisonVerdict.Agree ? 0 : 1)
            .ThenBy(t => double.IsNaN(t.After.OutputsMaxAbs) ? double.MaxValue : t.After.OutputsMaxAbs)
            .FirstOrDefault();
        var notTried = Math.Max(0, hypotheses.Count - settings.MaxReruns);
        return new DiagnosisResult(divergence, before, trials, named, Summary(report, divergence, before, trials, named, notTried), notTried);
    }

    /// <summary>The flip made the disagreement vanish, or nearly: it agrees, or the diverging layer agrees and the outputs agree or got ten times closer.</summary>
    public static bool Explains(ErrorSnapshot before, ErrorSnapshot after) =>
        after.Verdict == ComparisonVerdict.Agree
        || after.LayerAgrees && (after.OutputsAgree || after.OutputsMaxAbs <= before.OutputsMaxAbs / 10);

    private static IEnumerable<Hypothesis> Candidates(ExecutableModel converted, EditableCoreMLModel? spec, ComparisonReport report, ComparisonOptions options)
    {
        var diverging = report.Pairs.FirstOrDefault(p => p.A == report.DivergencePoint);
        if (spec is not null && diverging is not null)
        {
            var agreeing = report.Pairs.Where(p => p.Verdict == PairVerdict.Agrees).Select(p => p.B).ToHashSet();
            var (layers, inputs) = spec.LayersBehind(diverging.B, agreeing);
            var types = converted.Graph.Compile(continueOnError: true).ValueTypes;
            var values = converted.Layers.GroupBy(l => l.Name).ToDictionary(g => g.Key, g => g.Last().Value);
            int? RankOf(string blob) => values.TryGetValue(blob, out var value) && types.TryGetValue(value, out var type) ? type.Shape.Rank : null;
            foreach (var layer in layers)
            {
                foreach (var edit in spec.EditsOf(layer, RankOf)) yield return Hypothesis.Of(edit);
            }
            foreach (var input in inputs)
            {
                if (!converted.ImageInputs.TryGetValue(input, out var image)) continue;
                foreach (var h in ImageHypotheses.For(input, image, options.Preprocessing.GetValueOrDefault(input))) yield return h;
            }
        }
        if ((options.PrecisionB ?? converted.Precision) == Precision.Float16)
        {
            yield return new Hypothesis(DiagnosisCause.Fp16Precision, "(model)", "compute the converted model in fp32 instead of fp16")
            {
                AlterOptions = o => o with { PrecisionB = Precision.Float32 },
            };
        }
        if (converted.StoresFloat16Weights && options.Tolerance.Relative < Tolerance.Fp16.Relative)
        {
            yield return new Hypothesis(DiagnosisCause.Fp16Precision, "(weights)", $"judge under the fp16 tolerance instead of {options.Tolerance} (the converted weights are stored as float16)")
            {
                AlterOptions = o => o with { Tolerance = Tolerance.Fp16 },
            };
        }
    }

    private static ComparisonReport Rerun(Hypothesis hypothesis, ExecutableModel source, ExecutableModel converted, EditableCoreMLModel? spec,
        ComparisonOptions options, DiagnosisSettings settings)
    {
        var b = converted;
        if (hypothesis.Edit is { } edit && spec is not null)
        {
            b = spec.Read(edit) with { Precision = converted.Precision };
            if (settings.SourcePreprocessing is { } pipeline)
            {
                options = options with
                {
                    Preprocessing = options.Preprocessing.ToDictionary(kv => kv.Key, kv => b.ImageInputs.TryGetValue(kv.Key, out var image) ? pipeline(image) : kv.Value),
                };
            }
        }
        if (hypothesis.AlterOptions is { } change) options = change(options);
        return ModelComparison.Compare(source, b, options);
    }

    private static string Summary(ComparisonReport report, string? divergence, ErrorSnapshot before, List<HypothesisTrial> trials, HypothesisTrial? named, int notTried)
    {
        var skipped = notTried > 0 ? $" ({notTried} more hypotheses were not tried: re-run budget spent)" : "";
        if (named is not null)
        {
            return $"Cause: {DiagnosisCauses.Name(named.Cause)}. Flipping one thing, {named.Change}, makes the disagreement vanish: "
                + $"at '{divergence}' max abs error {N(before.LayerMaxAbs)} -> {N(named.After.LayerMaxAbs)} ({(named.After.LayerAgrees ? "within" : "outside")} tolerance), "
                + $"outputs {N(before.OutputsMaxAbs)} -> {N(named.After.OutputsMaxAbs)}"
                + $" ({trials.Count} hypotheses tried){skipped}.";
        }
        if (trials.Count == 0)
        {
            var type = report.Pairs.FirstOrDefault(p => p.A == divergence)?.LayerTypeB ?? "unknown";
            return $"No single named cause explains it: no tested cause applies to the diverging layer '{divergence}' ({type}) or to its inputs{skipped}.";
        }
        return $"No single named cause explains it: {trials.Count} hypotheses tried ({string.Join(", ", trials.Select(t => DiagnosisCauses.Name(t.Cause)).Distinct())}) and none made the disagreement vanish{skipped}.";
    }

    private static string N(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
