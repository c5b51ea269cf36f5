using System.Runtime.Intrinsics;

namespace Parity.Engine.Tests.Kernels;

/// <summary>
/// Confirms that a kernel-test run started by <see cref="IsaLevels.IsaLevelTests"/> really ran with the
/// instruction sets it switched off; otherwise those runs would silently re-test the widest path.
/// </summary>
public class IsaProbeTests
{
    [Fact]
    public void Requested_instruction_set_level_is_in_effect()
    {
        switch (Environment.GetEnvironmentVariable(IsaLevels.IsaLevelTests.ExpectedLevelVariable))
        {
            case "no-avx512":
                Assert.False(Vector512.IsHardwareAccelerated);
                break;
            case "scalar":
                Assert.False(Vector128.IsHardwareAccelerated);
                Assert.False(Vector256.IsHardwareAccelerated);
                break;
            default:
                Assert.True(Vector128.IsHardwareAccelerated || !System.Runtime.Intrinsics.X86.Sse.IsSupported);
                break;
        }
    }
}
