using Parity.Validation.Runtimes;
using Parity.Validation.Runtimes.CoreML;

namespace Parity.Validation.Tests.Runtimes;

public class RuntimeSelectionTests
{
    [Theory]
    [InlineData("coreml", ComputeUnits.All)]
    [InlineData("coreml:all", ComputeUnits.All)]
    [InlineData("CoreML:CPU", ComputeUnits.CpuOnly)]
    [InlineData("coreml:gpu", ComputeUnits.CpuAndGpu)]
    [InlineData("coreml:ane", ComputeUnits.CpuAndNeuralEngine)]
    public void Core_ml_runs_on_the_named_compute_units(string text, ComputeUnits units)
    {
        var selection = RuntimeSelection.Parse(text);
        Assert.True(selection.IsCoreML);
        Assert.Equal([units], selection.Units);
        Assert.Equal("coreml:" + ComputeUnitNames.Of(units), Assert.Single(selection.Create()).Name);
    }

    [Fact]
    public void All_units_runs_every_compute_unit_once()
    {
        var runtimes = RuntimeSelection.Parse("coreml:all-units").Create();
        Assert.Equal(["coreml:cpu", "coreml:gpu", "coreml:ane", "coreml:all"], runtimes.Select(r => r.Name));
    }

    [Fact]
    public void Compute_units_carry_apples_mlcomputeunits_values()
    {
        // MLComputeUnits: CPUOnly = 0, CPUAndGPU = 1, All = 2, CPUAndNeuralEngine = 3.
        Assert.Equal([0L, 1, 2, 3], new[] { ComputeUnits.CpuOnly, ComputeUnits.CpuAndGpu, ComputeUnits.All, ComputeUnits.CpuAndNeuralEngine }.Select(u => (long)u));
    }

    [Fact]
    public void Managed_is_available_everywhere_and_bad_names_list_the_choices()
    {
        var managed = RuntimeSelection.Parse("managed");
        Assert.False(managed.IsCoreML);
        Assert.Null(managed.UnavailableReason);
        Assert.IsType<ManagedRuntime>(Assert.Single(managed.Create()));
        var e = Assert.Throws<ArgumentException>(() => RuntimeSelection.Parse("coreml:tpu"));
        Assert.Contains(RuntimeSelection.Syntax, e.Message);
    }

    [Fact]
    public void Core_ml_needs_macos_12_or_later()
    {
        const string message = "the Core ML runtime needs macOS 12 or later; the managed reference runs everywhere";
        Assert.Equal(message, CoreMLAvailability.Check(isMacOS: false, new Version(14, 0)));
        Assert.Equal(message, CoreMLAvailability.Check(isMacOS: true, new Version(11, 7)));
        Assert.Null(CoreMLAvailability.Check(isMacOS: true, new Version(12, 0)));
        Assert.Null(CoreMLAvailability.Check(isMacOS: true, new Version(15, 1)));
    }
}
