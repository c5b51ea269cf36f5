using System.Text.Json;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.MLProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram;

/// <summary>
/// The generated PyTorch conversions (convert_to='mlprogram', fp32 and coremltools' default fp16) must reproduce
/// PyTorch's outputs and mapped intermediates (act_*.npy, from forward hooks) within the tolerance case.json states for
/// each package. fp16 packages run at their own precision (every op result rounded to half). As for the NeuralNetwork
/// goldens, atol was measured on the outputs, so an intermediate peaking higher than the outputs gets atol scaled by
/// that ratio (rounding error grows with magnitude).
/// </summary>
public class MLProgramGoldenTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "torch_small_cnn", "SmallCNN_fp32.mlpackage" },
        { "torch_small_cnn", "SmallCNN_fp16.mlpackage" },
        { "torch_mini_unet", "MiniUNet_fp32.mlpackage" },
        { "torch_mini_unet", "MiniUNet_fp16.mlpackage" },
        { "torch_lstm2", "Lstm2_fp32.mlpackage" },
        { "torch_lstm2", "Lstm2_fp16.mlpackage" },
        { "torch_lstm_gru", "LstmGru_fp32.mlpackage" },
        { "torch_lstm_gru", "LstmGru_fp16.mlpackage" },
        { "torch_mobilenet_v2", "MobileNetV2_fp32.mlpackage" },
        { "torch_mobilenet_v2", "MobileNetV2_fp16.mlpackage" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reproduces_the_pytorch_outputs_and_intermediates(string folder, string file)
    {
        var golden = GoldenCase.Open(folder, file);
        var model = MilProgramReader.Read(golden.PackagePath);
        Assert.Empty(model.Unsupported);
        Assert.Equal(file.Contains("_fp16", StringComparison.Ordinal) ? Precision.Float16 : Precision.Float32, model.Precision);

        var expected = golden.Expected(model);
        using var input = golden.Input(model.Graph.Inputs.Single().Type.Shape);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { [model.Graph.Inputs.Single().Name] = input },
            new ExecutionOptions { Precision = model.Precision, Outputs = expected.Select(e => e.Value).Distinct().ToList() });
        foreach (var (value, npy, isOutput) in expected)
        {
            var (worst, failures, atol, count) = golden.Compare(npy, result[value].Floats, isOutput);
            output.WriteLine($"{file} {npy} ({value}): max abs error {worst:E2} (atol {atol:G3}, rtol {golden.Rtol})");
            Assert.True(failures == 0, $"{file}: {npy} (value '{value}'): {failures} of {count} elements outside atol {atol:G3} + rtol {golden.Rtol}; max abs error {worst:E3}.");
        }
    }

    /// <summary>The fp16 emulation is real: the same fp16 program run in float32 gives different outputs.</summary>
    [Theory]
    [InlineData("torch_small_cnn", "SmallCNN_fp16.mlpackage")]
    [InlineData("torch_mini_unet", "MiniUNet_fp16.mlpackage")]
    [InlineData("torch_lstm2", "Lstm2_fp16.mlpackage")]
    [InlineData("torch_lstm_gru", "LstmGru_fp16.mlpackage")]
    [InlineData("torch_mobilenet_v2", "MobileNetV2_fp16.mlpackage")]
    public void Fp16_packages_differ_from_a_float32_run_of_the_same_program(string folder, string file)
    {
        var golden = GoldenCase.Open(folder, file);
        var model = MilProgramReader.Read(golden.PackagePath);
        var name = model.Graph.Inputs.Single().Name;
        using var input = golden.Input(model.Graph.Inputs.Single().Type.Shape);
        using var half = Executor.Run(model.Graph, new Dictionary<string, Tensor> { [name] = input }, new ExecutionOptions { Precision = Precision.Float16 });
        using var single = Executor.Run(model.Graph, new Dictionary<string, Tensor> { [name] = input }, new ExecutionOptions { Precision = Precision.Float32 });
        var largest = 0.0;
        foreach (var value in model.Graph.Outputs)
        {
            var a = half[value].Floats;
            var b = single[value].Floats;
            for (var i = 0; i < a.Length; i++) largest = Math.Max(largest, Math.Abs((double)a[i] - b[i]));
        }
        output.WriteLine($"{file}: fp16 vs fp32 run, max abs difference {largest:E2}");
        Assert.True(largest > 0, $"{file}: the fp16 run equals the fp32 run; fp16 emulation is not taking effect.");
    }
}

/// <summary>One generated case in the shared fixtures: its case.json, input and reference outputs for one Core ML file.</summary>
internal sealed class GoldenCase
{
    private readonly JsonElement _root;
    private readonly double _outputPeak;

    private GoldenCase(string directory, string file, JsonElement root)
    {
        Directory = directory;
        File = file;
        _root = root;
        var tolerance = root.GetProperty("tolerance").GetProperty(file);
        (Atol, Rtol) = (tolerance.GetProperty("atol").GetDouble(), tolerance.GetProperty("rtol").GetDouble());
        _outputPeak = root.GetProperty("outputs").EnumerateArray().Max(o => Peak(Path.Combine(directory, o.GetProperty("file").GetString()!)));
    }

    public string Directory { get; }

    public string File { get; }

    public string PackagePath => Path.Combine(Directory, File);

    public double Atol { get; }

    public double Rtol { get; }

    public static GoldenCase Open(string folder, string file)
    {
        var directory = RepositoryPaths.GeneratedCase(folder);
        if (!System.IO.Directory.Exists(Path.Combine(directory, file))) throw Xunit.Sdk.SkipException.ForSkip($"{directory}/{file} is not there (large cases stay in the shared fixtures).");
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(directory, "case.json")));
        return new GoldenCase(directory, file, document.RootElement.Clone());
    }

    public Tensor Input(Shape shape)
    {
        using var raw = Npy.Read(Path.Combine(Directory, _root.GetProperty("input").GetProperty("file").GetString()!));
        using var floats = raw.ToFloat32();
        return Tensor.FromSpan<float>(floats.Floats, shape);
    }

    /// <summary>Graph value, reference file and whether it is a model output, for the outputs and the intermediates mapped for this file.</summary>
    public List<(string Value, string File, bool IsOutput)> Expected(MilProgramModel model)
    {
        var expected = new List<(string, string, bool)>();
        foreach (var o in _root.GetProperty("outputs").EnumerateArray())
        {
            expected.Add((model.Outputs[o.GetProperty("name").GetString()!], o.GetProperty("file").GetString()!, true));
        }
        if (_root.TryGetProperty("intermediates", out var intermediates))
        {
            var values = model.OpOutputs.Where(o => o.Value is not null).ToDictionary(o => o.Name, o => o.Value!);
            foreach (var step in intermediates.EnumerateArray())
            {
                if (step.GetProperty("coreml_names").GetProperty(File).GetString() is { } name) expected.Add((values[name], step.GetProperty("file").GetString()!, false));
            }
        }
        return expected;
    }

    /// <summary>Largest error, number of elements outside tolerance, the atol used, and the element count.</summary>
    public (double Worst, int Failures, double Atol, int Count) Compare(string npy, ReadOnlySpan<float> actual, bool isOutput)
    {
        using var reference = Npy.Read(Path.Combine(Directory, npy));
        var want = reference.Floats;
        var atol = isOutput ? Atol : Atol * Math.Max(1.0, Peak(want) / _outputPeak);
        Assert.Equal(want.Length, actual.Length);
        var worst = 0.0;
        var failures = 0;
        for (var i = 0; i < want.Length; i++)
        {
            var error = Math.Abs((double)actual[i] - want[i]);
            worst = Math.Max(worst, error);
            if (!(error <= atol + Rtol * Math.Abs(want[i]))) failures++;
        }
        return (worst, failures, atol, want.Length);
    }

    private static double Peak(string npy)
    {
        using var tensor = Npy.Read(npy);
        return Peak(tensor.Floats);
    }

    private static double Peak(ReadOnlySpan<float> values)
    {
        var peak = 0.0;
        foreach (var v in values) peak = Math.Max(peak, Math.Abs(v));
        return peak;
    }
}
