using Parity.Engine.Tensors;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Edits;
using Parity.Validation.Metrics;
using Parity.Validation.Runtimes;
using Parity.Validation.Runtimes.CoreML;

namespace Parity.Validation.Tests.Runtimes;

/// <summary>
/// The real framework. Off macOS only the refusal is checked; on macOS 12+ the tests run Core ML on fixtures and
/// compare with the PyTorch oracle outputs in $PARITY_FIXTURES (skipped, not failed, where either is missing).
/// </summary>
public class CoreMLRuntimeTests
{
    private static readonly string Fixtures = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "coreml");

    [Fact]
    public void Off_macos_opening_fails_with_the_needs_macos_message_before_any_file_or_library_is_touched()
    {
        if (OperatingSystem.IsMacOS()) Assert.Skip("Checks the refusal on other systems; this is macOS.");
        var e = Assert.Throws<RuntimeUnavailableException>(() => new CoreMLRuntime(ComputeUnits.All).Open("no-such-model.mlmodel"));
        Assert.Equal("the Core ML runtime needs macOS 12 or later; the managed reference runs everywhere", e.Message);
    }

    [Theory]
    [InlineData("SmallCNN.mlmodel", "fp32")]
    [InlineData("SmallCNN_fp32.mlpackage", "fp32")]
    [InlineData("SmallCNN_fp16.mlpackage", "fp16")]
    public void Core_ml_on_the_cpu_computes_what_pytorch_computed(string file, string precision)
    {
        var oracle = Oracle();
        using var session = new CoreMLRuntime(ComputeUnits.CpuOnly, new CompileCache(Directory.CreateTempSubdirectory("parity-cache").FullName))
            .Open(Path.Combine(Fixtures, "torch_small_cnn", file));
        using var input = Npy.Read(Path.Combine(oracle, "input.npy"));

        using var outputs = session.Predict(new Dictionary<string, Tensor> { ["input"] = input });

        // case.json: fp32 files atol 1e-5, rtol 1e-3 (accumulation order only); fp16 files atol 3e-3 (its precision probe).
        var tolerance = precision == "fp32" ? new Tolerance("case fp32", 1e-5, 1e-3) : new Tolerance("case fp16", 3e-3, 1e-2);
        using var expected = Npy.Read(Path.Combine(oracle, "output_logits.npy"));
        using var actual = outputs.Outputs["logits"].ToFloat32();
        Assert.True(ErrorMetrics.Compute(expected.Floats, actual.Floats, tolerance).Agrees);
    }

    [Fact]
    public void A_probed_package_returns_the_intermediate_value_pytorch_recorded()
    {
        var oracle = Oracle();
        var package = Path.Combine(Fixtures, "torch_small_cnn", "SmallCNN_fp32.mlpackage");
        // case.json names the MIL variable carrying relu1's output in this package.
        var caseJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "torch_small_cnn", "case.json")));
        var intermediate = caseJson.RootElement.GetProperty("intermediates").EnumerateArray()
            .First(i => i.GetProperty("coreml_names").GetProperty("SmallCNN_fp32.mlpackage").ValueKind == System.Text.Json.JsonValueKind.String);
        var name = intermediate.GetProperty("coreml_names").GetProperty("SmallCNN_fp32.mlpackage").GetString()!;
        var scratch = Directory.CreateTempSubdirectory("parity-probe").FullName;
        try
        {
            var probed = ProgramProbe.WritePackage(package, [name], scratch);
            using var session = new CoreMLRuntime(ComputeUnits.CpuOnly, new CompileCache(Path.Combine(scratch, "cache"))).Open(probed);
            using var input = Npy.Read(Path.Combine(oracle, "input.npy"));
            using var outputs = session.Predict(new Dictionary<string, Tensor> { ["input"] = input });
            using var expected = Npy.Read(Path.Combine(oracle, intermediate.GetProperty("file").GetString()!));
            using var actual = outputs.Outputs[name].ToFloat32();
            Assert.True(ErrorMetrics.Compute(expected.Floats, actual.Floats, new Tolerance("case fp32", 1e-5, 1e-3)).Agrees);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void Compiled_models_are_reused_from_the_cache()
    {
        Oracle();
        var model = Path.Combine(Fixtures, "torch_small_cnn", "SmallCNN.mlmodel");
        var cache = new CompileCache(Directory.CreateTempSubdirectory("parity-cache").FullName);
        using (new CoreMLRuntime(ComputeUnits.CpuOnly, cache).Open(model))
        {
        }
        var compiled = cache.CompiledPathFor(model);
        var stamp = Directory.GetLastWriteTimeUtc(compiled);
        using (new CoreMLRuntime(ComputeUnits.All, cache).Open(model))
        {
        }
        Assert.Equal(stamp, Directory.GetLastWriteTimeUtc(compiled));
        Assert.Single(Directory.GetDirectories(cache.Root));
    }

    // The oracle folder of torch_small_cnn, or a skip where Core ML or the fixtures are not available.
    private static string Oracle()
    {
        if (CoreMLAvailability.Check(OperatingSystem.IsMacOS(), Environment.OSVersion.Version) is { } reason) Assert.Skip($"Needs the real Core ML: {reason}.");
        var root = Environment.GetEnvironmentVariable("PARITY_FIXTURES");
        if (string.IsNullOrEmpty(root)) Assert.Skip("Set PARITY_FIXTURES to the shared fixtures folder (it holds the PyTorch oracle .npy files).");
        return Path.Combine(root, "generated", "torch_small_cnn");
    }
}
