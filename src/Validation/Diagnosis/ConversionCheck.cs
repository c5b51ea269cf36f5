using Parity.Engine.Graph;
using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Metrics;

namespace Parity.Validation.Diagnosis;

/// <summary>
/// `parity check` beyond the comparison: picks the fp16 tolerance for a converted model that computes in fp16 or stores
/// fp16 weights (unless the user chose one), sets an fp32 run of an fp16 model beside it, checks classifier label order,
/// and diagnoses a disagreement.
/// </summary>
public static class ConversionCheck
{
    public static ComparisonReport Run(ExecutableModel source, ExecutableModel converted, ComparisonOptions options, DiagnosisSettings settings)
    {
        var convertedLabels = converted.Classifier?.Labels;
        if (settings.Labels is not null && convertedLabels is null)
        {
            throw new ArgumentException($"--labels {settings.LabelsFile} was given, but the converted model {converted.File} is not a classifier with class labels.");
        }
        var labels = convertedLabels is null ? null : LabelOrder.Check(convertedLabels, settings.Labels, settings.LabelsFile);

        var fp16 = (options.PrecisionB ?? converted.Precision) == Precision.Float16;
        (options, var autoTolerance) = ChooseTolerance(converted, options, settings.ToleranceGiven);

        var report = ModelComparison.Compare(source, converted, options) with { ToleranceAutoSelected = autoTolerance, Labels = labels };
        if (fp16)
        {
            var fp32 = ModelComparison.Compare(source, converted, options with { PrecisionB = Precision.Float32 });
            report = report with { PrecisionComparison = PrecisionComparison.From(report, fp32) };
        }
        var diagnosis = Diagnoser.Diagnose(source, converted, report, options, settings);
        if (labels is { Agrees: false }) (report, diagnosis) = WithLabelOrder(report, diagnosis, labels);
        return report with { Diagnosis = diagnosis };
    }

    /// <summary>
    /// The fp16 tolerance for a converted model that computes in fp16 or stores fp16 weights, unless the user chose one;
    /// returns the options to use and the reason for an automatic choice (null when none was made).
    /// </summary>
    public static (ComparisonOptions Options, string? Reason) ChooseTolerance(ExecutableModel converted, ComparisonOptions options, bool toleranceGiven)
    {
        var fp16 = (options.PrecisionB ?? converted.Precision) == Precision.Float16;
        if (toleranceGiven || !(fp16 || converted.StoresFloat16Weights)) return (options, null);
        var reason = fp16 ? "the converted model computes in float16" : "the converted model stores its weights as float16";
        return (options with { Tolerance = Tolerance.Fp16 }, reason);
    }

    // Misplaced labels leave every number right and every predicted class name wrong: a disagreement at the probabilities.
    private static (ComparisonReport, DiagnosisResult) WithLabelOrder(ComparisonReport report, DiagnosisResult? numeric, LabelCheck labels)
    {
        var probabilities = report.Pairs.FirstOrDefault(p => p.IsOutput && p.Classifier is not null) ?? report.Pairs.LastOrDefault(p => p.IsOutput);
        var shown = string.Join(", ", labels.Misplaced.Take(5).Select(m => $"'{m.Label}' at {m.Position}, expected at {(m.ExpectedPosition < 0 ? "none" : m.ExpectedPosition)}"));
        var change = $"put the class labels in the source's order ({labels.Misplaced.Count} of {labels.Count} misplaced: {shown}{(labels.Misplaced.Count > 5 ? ", ..." : "")}; checked against {labels.Basis})";
        var at = probabilities?.A;
        var snapshot = ErrorSnapshot.Of(report, at);
        var trial = new HypothesisTrial(DiagnosisCause.LabelOrder, probabilities?.B ?? "(class labels)", change, snapshot, Explains: numeric is null);
        var diagnosis = numeric is null
            ? new DiagnosisResult(at, snapshot, [trial], trial, $"Cause: {DiagnosisCauses.Name(DiagnosisCause.LabelOrder)}. The probabilities agree, but {change}.", 0)
            : numeric with { Trials = [.. numeric.Trials, trial], Summary = $"{numeric.Summary} Besides, {labels.Misplaced.Count} class label(s) are misplaced: {change}." };
        return (report with { Verdict = ComparisonVerdict.Disagree, DivergencePoint = report.DivergencePoint ?? at }, diagnosis);
    }
}
