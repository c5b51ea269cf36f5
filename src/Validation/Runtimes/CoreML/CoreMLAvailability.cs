namespace Parity.Validation.Runtimes.CoreML;

/// <summary>Whether this machine can run Core ML: macOS 12 or later (MLMultiArray FLOAT16 and the compile/load APIs used here).</summary>
public static class CoreMLAvailability
{
    public const string NeedsMacOS = "the Core ML runtime needs macOS 12 or later; the managed reference runs everywhere";

    /// <summary>The reason an OS cannot run Core ML, or null when it can; pure, so every branch is testable on any OS.</summary>
    public static string? Check(bool isMacOS, Version osVersion) =>
        isMacOS && osVersion.Major >= 12 ? null : NeedsMacOS;

    /// <summary>Throws <see cref="RuntimeUnavailableException"/> with <see cref="NeedsMacOS"/> unless this is macOS 12 or later.</summary>
    public static void EnsureAvailable()
    {
        if (Check(OperatingSystem.IsMacOS(), Environment.OSVersion.Version) is { } reason) throw new RuntimeUnavailableException(reason);
    }
}
