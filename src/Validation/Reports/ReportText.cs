using System.Globalization;
using Parity.Validation.Comparison;
using Parity.Validation.Diagnosis;

namespace Parity.Validation.Reports;

/// <summary>The words and number formats every report uses, so the console, Markdown, HTML and JUnit views say the same thing.</summary>
public static class ReportText
{
    public static string Number(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Verdict(ComparisonVerdict verdict) => verdict switch
    {
        ComparisonVerdict.Agree => "agree",
        ComparisonVerdict.Disagree => "disagree",
        _ => "unsupported",
    };

    public static string Verdict(PairVerdict verdict) => verdict switch
    {
        PairVerdict.Agrees => "ok",
        PairVerdict.Diverges => "DIVERGES",
        _ => "inherited",
    };

    public static string Match(MatchKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The closing line of every report: the verdict and, when models disagree, where it starts.</summary>
    public static string Summary(ComparisonReport report)
    {
        var checkedCount = $"{report.Pairs.Count} matched value(s) under tolerance {report.Tolerance} ({report.Samples} sample(s))";
        return report.Verdict switch
        {
            ComparisonVerdict.Agree => $"AGREE: {report.ModelB.Role} computes what {report.ModelA.Role} computes; {checkedCount}.",
            ComparisonVerdict.Disagree => $"DISAGREE: {report.Pairs.Count(p => p.Verdict != PairVerdict.Agrees)} of {checkedCount} break tolerance"
                + (report.Labels is { Agrees: false } labels ? $"; {labels.Misplaced.Count} of {labels.Count} class labels misplaced" : "")
                + (report.DivergencePoint is { } d ? $"; divergence point: layer '{d}'" : "")
                + (report.Diagnosis is { } diagnosis ? $"; {(diagnosis.Named is { } named ? $"cause: {DiagnosisCauses.Name(named.Cause)}" : "no single named cause")}." : "."),
            _ => $"UNSUPPORTED: nothing checked disagrees ({checkedCount}), but parts of the models could not be checked.",
        };
    }

    /// <summary>Why a failing pair fails, in one line.</summary>
    public static string Failure(ValuePairResult pair) =>
        $"{Number(1 - pair.Metrics.WithinTolerance)} of {pair.Metrics.Count} elements out of tolerance; max abs error {Number(pair.Metrics.MaxAbsError)}, "
        + $"max rel error {Number(pair.Metrics.MaxRelError)} (worst at element {pair.Metrics.WorstIndex}, sample {pair.WorstSample}), cosine {Number(pair.Metrics.CosineSimilarity)}"
        + (pair.Verdict == PairVerdict.Inherited ? $"; inherited from {string.Join(", ", pair.InheritedFrom)}" : "");

    /// <summary>The tolerance with its bounds and, when Parity chose it, why.</summary>
    public static string Tolerance(ComparisonReport report) =>
        $"{report.Tolerance} (atol {Number(report.Tolerance.Absolute)}, rtol {Number(report.Tolerance.Relative)})"
        + (report.ToleranceAutoSelected is { } why ? $", auto-selected because {why}" : "");

    /// <summary>One diagnosis trial in one line: what was flipped and the re-run's errors.</summary>
    public static string Trial(HypothesisTrial trial) =>
        $"{DiagnosisCauses.Name(trial.Cause)} at {trial.Layer}: {trial.Change} -> diverging layer max abs {Number(trial.After.LayerMaxAbs)} "
        + $"({(trial.After.LayerAgrees ? "agrees" : "breaks tolerance")}), outputs max abs {Number(trial.After.OutputsMaxAbs)}, {Verdict(trial.After.Verdict)}"
        + (trial.Explains ? " - EXPLAINS" : "");

    /// <summary>The errors before any flip, in the same words as <see cref="Trial"/>.</summary>
    public static string Before(DiagnosisResult diagnosis) =>
        $"before: at '{diagnosis.DivergencePoint}' max abs {Number(diagnosis.Before.LayerMaxAbs)}, max rel {Number(diagnosis.Before.LayerMaxRel)}; "
        + $"outputs max abs {Number(diagnosis.Before.OutputsMaxAbs)}, max rel {Number(diagnosis.Before.OutputsMaxRel)}";
}
