namespace Parity.Validation.Runtimes;

/// <summary>Where Core ML may run a model: the values of Apple's MLComputeUnits (an NSInteger enum), set on MLModelConfiguration.</summary>
public enum ComputeUnits : long
{
    /// <summary>MLComputeUnitsCPUOnly.</summary>
    CpuOnly = 0,

    /// <summary>MLComputeUnitsCPUAndGPU.</summary>
    CpuAndGpu = 1,

    /// <summary>MLComputeUnitsAll: CPU, GPU and Neural Engine, Core ML's default.</summary>
    All = 2,

    /// <summary>MLComputeUnitsCPUAndNeuralEngine (macOS 13 and later).</summary>
    CpuAndNeuralEngine = 3,
}

/// <summary>The short names `--runtime coreml:UNITS` takes.</summary>
public static class ComputeUnitNames
{
    public static string Of(ComputeUnits units) => units switch
    {
        ComputeUnits.CpuOnly => "cpu",
        ComputeUnits.CpuAndGpu => "gpu",
        ComputeUnits.CpuAndNeuralEngine => "ane",
        _ => "all",
    };
}
