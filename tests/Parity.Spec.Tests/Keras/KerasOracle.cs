using System.Text.Json.Nodes;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// Runs a Keras file through Parity and compares its outputs and every recorded layer with what an independent Keras
/// implementation computed (the oracle folders: input*.npy, output*.npy, layers/&lt;layer&gt;.npy, summary.json).
/// </summary>
internal static class KerasOracle
{
    /// <summary>Issue 3's fp32 bound: max |parity - oracle| &lt;= 1e-5 * max(1, max |oracle|).</summary>
    public const double RelativeBound = 1e-5;

    public static OracleComparison Compare(string modelPath, string oracleFolder, string? configPath = null)
    {
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(oracleFolder, "summary.json")))!.AsObject();
        var model = KerasGraphReader.Read(modelPath, new KerasReadOptions
        {
            ConfigPath = configPath,
            InputShapes = ReadInputShapes(summary, oracleFolder),
        });
        var inputs = new Dictionary<string, Tensor>();
        var oracleInputs = summary["inputs"]!.AsArray();
        for (var i = 0; i < model.Graph.Inputs.Count; i++)
        {
            var file = Path.Combine(oracleFolder, oracleInputs[i]!["file"]!.GetValue<string>());
            var tensor = Npy.Read(file);
            inputs[model.Graph.Inputs[i].Name] = model.Graph.Inputs[i].Type.DType == DType.Float32 ? tensor.ToFloat32() : tensor;
        }

        using var recorder = new RecordingObserver();
        using var result = model.Graph.Compile(inputs.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(inputs, new ExecutionOptions { Observer = recorder });
        var problems = new List<string>();
        var compared = 0;
        var outputs = summary["outputs"]!.AsArray();
        for (var o = 0; o < outputs.Count; o++)
        {
            var expected = Npy.Read(Path.Combine(oracleFolder, outputs[o]!["file"]!.GetValue<string>()));
            Check($"output {o}", expected, result.Outputs[model.Graph.Outputs[o]], problems);
            compared++;
        }
        var layersFolder = Path.Combine(oracleFolder, "layers");
        foreach (var layer in model.LayerValues.Where(l => l.Node == 0 && l.Tensor == 0))
        {
            var file = Path.Combine(layersFolder, layer.Layer + ".npy");
            if (!File.Exists(file) || !recorder.Values.TryGetValue(layer.Value, out var actual)) continue;
            Check($"layer {layer.Layer} ({layer.ClassName})", Npy.Read(file), actual, problems);
            compared++;
        }
        return new OracleComparison(problems, compared);
    }

    private static Dictionary<string, Shape> ReadInputShapes(JsonObject summary, string folder)
    {
        var shapes = new Dictionary<string, Shape>();
        foreach (var input in summary["inputs"]!.AsArray())
        {
            var name = input!["name"]!.GetValue<string>();
            shapes[name] = Npy.Read(Path.Combine(folder, input["file"]!.GetValue<string>())).Shape;
        }
        return shapes;
    }

    private static void Check(string what, Tensor expected, Tensor actual, List<string> problems)
    {
        using var e = expected.ToFloat32();
        using var a = actual.ToFloat32();
        if (e.Length != a.Length)
        {
            problems.Add($"{what}: shape {actual.Shape}, oracle {expected.Shape}");
            return;
        }
        var scale = 1.0;
        foreach (var v in e.Floats) scale = Math.Max(scale, Math.Abs(v));
        var diff = TensorComparison.MaxAbsDifference(e.Floats, a.Floats);
        if (diff > RelativeBound * scale) problems.Add($"{what}: max abs diff {diff:G3} > {RelativeBound * scale:G3}");
    }
}

/// <summary>What disagreed (empty when all agreed) and how many tensors were compared.</summary>
internal sealed record OracleComparison(IReadOnlyList<string> Problems, int Compared);
