using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Inputs;
using Parity.Validation.Reports;
using Parity.Validation.Running;

namespace Parity.Benchmarks;

/// <summary>
/// Where the time of a whole check goes, on a MobileNet-sized pair (MobileNetV2, 3.5M parameters, 224x224, every
/// layer recorded): loading each model, running each alone, the full <see cref="ModelComparison.Compare"/> (both runs
/// plus input feeding, matching and metrics), writing the JSON and HTML reports, and the whole check at once. Match +
/// metrics is Compare minus the two runs. Reads the Core ML conversions under $PARITY_FIXTURES/generated/torch_mobilenet_v2 (the plain
/// multi-array model as the reference, its image-input twin as the converted side, as `parity diff` pairs them);
/// without $PARITY_FIXTURES it has no cases and says so.
/// </summary>
[Config(typeof(CheckSplitConfig))]
public class CheckSplitBenchmarks
{
    private const string PairFolder = "generated/torch_mobilenet_v2";
    private string _pathA = "", _pathB = "", _reportFolder = "";
    private ExecutableModel? _a, _b;
    private ComparisonOptions _options = new();
    private Dictionary<string, Tensor> _feedA = [], _feedB = [];
    private ComparisonReport? _report;

    /// <summary>The pair's folder, or nothing (and a message) when $PARITY_FIXTURES is unset or lacks the pair.</summary>
    public static IEnumerable<string> Pairs()
    {
        var root = Environment.GetEnvironmentVariable("PARITY_FIXTURES");
        if (string.IsNullOrEmpty(root) || !Directory.Exists(Path.Combine(root, PairFolder)))
        {
            Console.WriteLine($"CheckSplitBenchmarks skipped: set PARITY_FIXTURES to the shared fixtures folder (it needs {PairFolder}).");
            return [];
        }
        return [PairFolder];
    }

    [ParamsSource(nameof(Pairs))]
    public string Pair { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Environment.ProcessorCount;
        var folder = Path.Combine(Environment.GetEnvironmentVariable("PARITY_FIXTURES")!, Pair);
        _pathA = Path.Combine(folder, "MobileNetV2.mlmodel");
        _pathB = Path.Combine(folder, "MobileNetV2_image.mlmodel");
        _a = ModelFiles.Load(_pathA);
        _b = ModelFiles.Load(_pathB);
        var b = _b;
        _options = new ComparisonOptions
        {
            RoleA = "source",
            RoleB = "converted",
            Preprocessing = b.ImageInputs.ToDictionary(i => i.Key, i => SourcePreprocessing.For(null, i.Value)),
        };
        _feedA = new RandomInputs().Create(_a.Graph.Inputs.Select(i => KeyValuePair.Create(i.Name, i.Type)), _a.IndexCount);
        _feedB = new RandomInputs().Create(b.Graph.Inputs.Select(i => KeyValuePair.Create(i.Name, i.Type)), b.IndexCount);
        _report = ModelComparison.Compare(_a, b, _options);
        _reportFolder = Directory.CreateTempSubdirectory("parity-check-split-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var t in _feedA.Values.Concat(_feedB.Values)) t.Dispose();
        if (_reportFolder.Length > 0) Directory.Delete(_reportFolder, recursive: true);
    }

    [Benchmark]
    public ExecutableModel LoadSource() => ModelFiles.Load(_pathA);

    [Benchmark]
    public ExecutableModel LoadConverted() => ModelFiles.Load(_pathB);

    [Benchmark]
    public int RunSource()
    {
        using var run = ModelRun.Execute(_a!, _feedA, recordLayers: true);
        return run.Layers.Count;
    }

    [Benchmark]
    public int RunConverted()
    {
        using var run = ModelRun.Execute(_b!, _feedB, recordLayers: true);
        return run.Layers.Count;
    }

    [Benchmark(Baseline = true)]
    public ComparisonReport Compare() => ModelComparison.Compare(_a!, _b!, _options);

    /// <summary>The whole job in one go, as `parity diff` runs it: both loads, the comparison and the JSON report; the phases above should add up to it.</summary>
    [Benchmark]
    public ComparisonReport WholeCheck()
    {
        var report = ModelComparison.Compare(ModelFiles.Load(_pathA), ModelFiles.Load(_pathB), _options);
        ReportFiles.Write(Path.Combine(_reportFolder, "whole.json"), report, overwrite: true);
        return report;
    }

    [Benchmark]
    public void WriteJsonReport() => ReportFiles.Write(Path.Combine(_reportFolder, "report.json"), _report!, overwrite: true);

    [Benchmark]
    public void WriteHtmlReport() => ReportFiles.Write(Path.Combine(_reportFolder, "report.html"), _report!, overwrite: true);
}

/// <summary>Allocated bytes per phase beside the times (recording every layer must not copy values needlessly), and room to build on a busy machine.</summary>
public sealed class CheckSplitConfig : ManualConfig
{
    public CheckSplitConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
