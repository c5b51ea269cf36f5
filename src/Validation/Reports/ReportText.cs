using System.Globalization;
using Parity.Validation.Comparison;

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
                + (report.DivergencePoint is { } d ? $"; divergence point: layer '{d}'." : "."),
            _ => $"UNSUPPORTED: nothing checked disagrees ({checkedCount}), but parts of the models could not be checked.",
        };
    }

    /// <summary>Why a failing pair fails, in one line.</summary>
    public static string Failure(ValuePairResult pair) =>
        $"{Number(1 - pair.Metrics.WithinTolerance)} of {pair.Metrics.Count} elements out of tolerance; max abs error {Number(pair.Metrics.MaxAbsError)}, "
        + $"max rel error {Number(pair.Metrics.MaxRelError)} (worst at element {pair.Metrics.WorstIndex}, sample {pair.WorstSample}), cosine {Number(pair.Metrics.CosineSimilarity)}"
        + (pair.Verdict == PairVerdict.Inherited ? $"; inherited from {string.Join(", ", pair.InheritedFrom)}" : "");
}
