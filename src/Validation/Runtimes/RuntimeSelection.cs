using Parity.Validation.Runtimes.CoreML;

namespace Parity.Validation.Runtimes;

/// <summary>
/// What `--runtime` asked for: the managed engine alone, or the Core ML framework on one or more compute units
/// (`coreml:all-units` runs cpu, gpu, ane and all and compares them with each other).
/// </summary>
public sealed record RuntimeSelection(bool IsCoreML, IReadOnlyList<ComputeUnits> Units)
{
    public const string Syntax = "managed, coreml, coreml:cpu, coreml:gpu, coreml:ane, coreml:all or coreml:all-units";

    public static RuntimeSelection Managed { get; } = new(false, []);

    /// <summary>Parses a `--runtime` value; plain "coreml" uses Core ML's default compute units (all).</summary>
    public static RuntimeSelection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        return value switch
        {
            "managed" => Managed,
            "coreml" or "coreml:all" => new(true, [ComputeUnits.All]),
            "coreml:cpu" => new(true, [ComputeUnits.CpuOnly]),
            "coreml:gpu" => new(true, [ComputeUnits.CpuAndGpu]),
            "coreml:ane" => new(true, [ComputeUnits.CpuAndNeuralEngine]),
            "coreml:all-units" => new(true, [ComputeUnits.CpuOnly, ComputeUnits.CpuAndGpu, ComputeUnits.CpuAndNeuralEngine, ComputeUnits.All]),
            _ => throw new ArgumentException($"--runtime '{text}' is not understood; expected {Syntax}."),
        };
    }

    /// <summary>One runtime per compute unit (the managed runtime alone for `managed`).</summary>
    public IReadOnlyList<IModelRuntime> Create() =>
        IsCoreML ? Units.Select(u => (IModelRuntime)new CoreMLRuntime(u)).ToList() : [new ManagedRuntime()];

    /// <summary>Why this machine cannot run the selection (checked before any model is read), or null when it can.</summary>
    public string? UnavailableReason => IsCoreML ? CoreMLAvailability.Check(OperatingSystem.IsMacOS(), Environment.OSVersion.Version) : null;
}
