using Parity.Validation.Metrics;

namespace Parity.Validation.Runtimes;

/// <summary>
/// The third column of a check: model outputs (and probed values) computed by a device runtime such as Core ML,
/// measured against the source model (A) and against the managed run of the converted model (B).
/// </summary>
public sealed record DeviceResults(IReadOnlyList<DeviceColumn> Columns, IReadOnlyList<DeviceUnitComparison> UnitComparisons, IReadOnlyList<string> Notes)
{
    /// <summary>What every report says about where device values come from.</summary>
    public const string OutputsOnlyNote =
        "Only model outputs come from the device: Core ML returns a model's declared outputs, so intermediate layers are compared in the managed engine"
        + " (values named with --probe were made outputs of a temporary copy of the package).";

    /// <summary>True when every device value agrees with the source within tolerance and every device run completed.</summary>
    public bool Agrees => Columns.All(c => c.Agrees);
}

/// <summary>One runtime's results (e.g. "coreml:cpu"); <paramref name="Problems"/> lists what it could not compute, one sentence each.</summary>
public sealed record DeviceColumn(string Runtime, IReadOnlyList<DeviceValueResult> Values, IReadOnlyList<string> Problems)
{
    public bool Agrees => Problems.Count == 0 && Values.Count > 0 && Values.All(v => v.VsSource?.Agrees ?? v.VsManaged?.Agrees ?? false);
}

/// <summary>
/// A value the device produced: <paramref name="Name"/> as the converted model names it, its source counterpart and the
/// worst metrics over all samples against the source (expected side: source) and against the managed run (expected side: managed).
/// Null metrics mean the value had no counterpart on that side.
/// </summary>
public sealed record DeviceValueResult(string Name, bool IsProbe, string? SourceName, ErrorMetrics? VsSource, ErrorMetrics? VsManaged);

/// <summary>`coreml:all-units`: one output of <paramref name="RuntimeB"/> measured against <paramref name="RuntimeA"/> (the expected side).</summary>
public sealed record DeviceUnitComparison(string RuntimeA, string RuntimeB, string Output, ErrorMetrics Metrics);
