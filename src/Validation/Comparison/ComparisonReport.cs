using Parity.Validation.Metrics;
using Parity.Validation.Diagnosis;
using Parity.Validation.Runtimes;

namespace Parity.Validation.Comparison;

/// <summary>The overall answer of a comparison.</summary>
public enum ComparisonVerdict
{
    /// <summary>Every matched value is within tolerance and everything could be checked.</summary>
    Agree,

    /// <summary>At least one matched value breaks tolerance.</summary>
    Disagree,

    /// <summary>Nothing checked disagrees, but some layers could not be built or run on either side.</summary>
    Unsupported,
}

/// <summary>The verdict on one matched pair of values.</summary>
public enum PairVerdict
{
    Agrees,

    /// <summary>Breaks tolerance while every matched value it depends on agrees: the error starts here.</summary>
    Diverges,

    /// <summary>Breaks tolerance, but a matched value it depends on already does.</summary>
    Inherited,
}

/// <summary>One model of the pair as the report names it.</summary>
public sealed record ModelDescription(string Role, string File, string Format);

/// <summary>Model input <paramref name="A"/> was fed the same data as <paramref name="B"/>, rearranged by <paramref name="Layout"/>.</summary>
public sealed record InputPairing(string A, string B, MatchKind MatchedBy, LayoutTransform Layout, string AType, string BType);

/// <summary>Top-k agreement of a classifier-like output (rows of probabilities); the worst sample's.</summary>
public sealed record ClassifierAgreement(int Classes, double Top1Agreement, double Top5Agreement, int TopClassA, int TopClassB);

/// <summary>
/// A value of model A paired with one of model B, the worst metrics over all samples (B rearranged into A's
/// layout; A is the expected side), and its verdict. <paramref name="InheritedFrom"/> names the failing matched
/// values it depends on when the verdict is <see cref="PairVerdict.Inherited"/>.
/// </summary>
public sealed record ValuePairResult(
    string A,
    string B,
    string LayerTypeA,
    string LayerTypeB,
    string ShapeA,
    string ShapeB,
    bool IsOutput,
    MatchKind MatchedBy,
    LayoutTransform Layout,
    ErrorMetrics Metrics,
    int WorstSample,
    PairVerdict Verdict,
    IReadOnlyList<string> InheritedFrom,
    ClassifierAgreement? Classifier);

/// <summary>A value of one model with no counterpart in the other.</summary>
public sealed record UnmatchedValue(string Name, string LayerType, string Shape);

/// <summary>Everything a comparison found; the reports are views of this record.</summary>
public sealed record ComparisonReport(
    ModelDescription ModelA,
    ModelDescription ModelB,
    Tolerance Tolerance,
    int Seed,
    int Samples,
    LayerScope Layers,
    IReadOnlyList<InputPairing> Inputs,
    IReadOnlyList<ValuePairResult> Pairs,
    IReadOnlyList<UnmatchedValue> UnmatchedA,
    IReadOnlyList<UnmatchedValue> UnmatchedB,
    IReadOnlyList<string> UncheckedA,
    IReadOnlyList<string> UncheckedB,
    IReadOnlyList<string> Notes,
    ComparisonVerdict Verdict,
    string? DivergencePoint)
{
    /// <summary>Version of the JSON report schema (docs/report-schema.md); raised when a field changes meaning or goes away.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Raised when fields are added within <see cref="SchemaVersion"/>: 1 added diagnosis, labels, precision comparison and tolerance selection.</summary>
    public const int SchemaMinorVersion = 1;

    /// <summary>Why <see cref="Tolerance"/> was chosen when the user did not give one (e.g. the converted model computes in fp16); null when given.</summary>
    public string? ToleranceAutoSelected { get; init; }

    /// <summary>The named cause of a disagreement, found by re-running with one hypothesis flipped; null when nothing was diagnosed.</summary>
    public DiagnosisResult? Diagnosis { get; init; }

    /// <summary>The converted classifier's labels checked against the source's class order; null for non-classifiers.</summary>
    public LabelCheck? Labels { get; init; }

    /// <summary>Per matched value, the error of the fp16 run beside an fp32 run of the same converted model; null unless it computes in fp16.</summary>
    public PrecisionComparison? PrecisionComparison { get; init; }

    /// <summary>Outputs computed by a device runtime (`--runtime coreml`) beside the two managed columns; null when only the managed engine ran.</summary>
    public DeviceResults? Device { get; init; }
}
