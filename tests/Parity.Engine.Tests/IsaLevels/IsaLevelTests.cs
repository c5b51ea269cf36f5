using System.Diagnostics;

namespace Parity.Engine.Tests.IsaLevels;

/// <summary>
/// Re-runs every kernel test in a child process with wide SIMD switched off, so the Vector256, Vector128 and
/// scalar paths are exercised on a machine whose JIT would otherwise always pick Vector512.
/// </summary>
public class IsaLevelTests
{
    public const string ExpectedLevelVariable = "PARITY_EXPECTED_ISA";

    // .NET 10 renamed the AVX-512 knob to EnableAVX512; EnableAVX512F is set too so older runtimes obey.
    [Theory]
    [InlineData("no-avx512", "DOTNET_EnableAVX512,DOTNET_EnableAVX512F")]
    [InlineData("scalar", "DOTNET_EnableHWIntrinsic")]
    public async Task Kernel_tests_pass_with_instruction_sets_disabled(string level, string knobs)
    {
        var testAssembly = typeof(IsaLevelTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(testAssembly);
        start.ArgumentList.Add("-namespace");
        start.ArgumentList.Add("Parity.Engine.Tests.Kernels");
        foreach (var knob in knobs.Split(',')) start.Environment[knob] = "0";
        start.Environment[ExpectedLevelVariable] = level;

        using var child = Process.Start(start)!;
        var stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            Assert.Fail($"Kernel tests with {knobs}=0 did not finish within 10 minutes.");
        }
        Assert.True(child.ExitCode == 0,
            $"Kernel tests with {knobs}=0 failed (exit {child.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
