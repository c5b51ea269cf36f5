using Parity.Validation.Comparison;

namespace Parity.Validation.Diagnosis;

/// <summary>
/// The errors of one comparison where a diagnosis looks: the layer that diverged first and the model outputs.
/// Errors are max abs / max rel over the value (outputs: the worst output); NaN when the value was not compared.
/// </summary>
public sealed record ErrorSnapshot(ComparisonVerdict Verdict, double LayerMaxAbs, double LayerMaxRel, bool LayerAgrees, double OutputsMaxAbs, double OutputsMaxRel, bool OutputsAgree)
{
    /// <summary>The snapshot of <paramref name="report"/> at source value <paramref name="layer"/>.</summary>
    public static ErrorSnapshot Of(ComparisonReport report, string? layer)
    {
        var at = report.Pairs.FirstOrDefault(p => p.A == layer);
        var outputs = report.Pairs.Where(p => p.IsOutput).ToList();
        return new ErrorSnapshot(
            report.Verdict,
            at?.Metrics.MaxAbsError ?? double.NaN,
            at?.Metrics.MaxRelError ?? double.NaN,
            at is not null && at.Verdict == PairVerdict.Agrees,
            outputs.Count == 0 ? double.NaN : outputs.Max(p => p.Metrics.MaxAbsError),
            outputs.Count == 0 ? double.NaN : outputs.Max(p => p.Metrics.MaxRelError),
            outputs.All(p => p.Verdict == PairVerdict.Agrees));
    }
}

/// <summary>One hypothesis tried: what was flipped (in which converted layer) and the errors of the re-run.</summary>
/// <param name="Explains">The flip made the disagreement vanish, or nearly: the re-run agrees, or the diverging layer agrees and every output is within tolerance or at least ten times closer.</param>
public sealed record HypothesisTrial(DiagnosisCause Cause, string Layer, string Change, ErrorSnapshot After, bool Explains);

/// <summary>
/// What a diagnosis found: the errors before any flip, every hypothesis tried with its re-run's errors, and the named
/// cause (the explaining trial with the smallest output error), or null with a summary saying no single named cause explains it.
/// </summary>
/// <param name="NotTried">Hypotheses that applied but were left out because the re-run budget was spent.</param>
public sealed record DiagnosisResult(string? DivergencePoint, ErrorSnapshot Before, IReadOnlyList<HypothesisTrial> Trials, HypothesisTrial? Named, string Summary, int NotTried);
