using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Runs a generated classic-model case (coremltools conversion + the source framework's outputs) on its input.npy
/// rows as one batch: one multi-array input named "input", or one scalar feature per column (xgboost's f0..fN).
/// </summary>
internal sealed class ClassicGoldenCase : IDisposable
{
    private readonly Dictionary<string, Tensor> _outputs;

    private ClassicGoldenCase(string folder, ExecutableModel model, Dictionary<string, Tensor> outputs)
    {
        Folder = folder;
        Model = model;
        _outputs = outputs;
    }

    public string Folder { get; }

    public ExecutableModel Model { get; }

    public static ClassicGoldenCase Run(string caseName, params string[] columnFeatures)
    {
        var folder = RepositoryPaths.GeneratedCase(caseName);
        using var raw = Npy.Read(Path.Combine(folder, "input.npy"));
        using var rows = raw.ToFloat32();
        var inputs = new Dictionary<string, Tensor>();
        try
        {
            if (columnFeatures.Length == 0)
            {
                inputs["input"] = rows.ToFloat32();
            }
            else
            {
                var (count, width) = (rows.Shape[0], rows.Shape[1]);
                for (var c = 0; c < columnFeatures.Length; c++)
                {
                    var column = new float[count];
                    for (var r = 0; r < count; r++) column[r] = rows.Floats[r * width + c];
                    inputs[columnFeatures[c]] = Tensor.FromArray(column, count);
                }
            }
            var model = ModelFiles.Load(Path.Combine(folder, "model.mlmodel"),
                new ModelLoadOptions { InputShapes = inputs.ToDictionary(i => i.Key, i => i.Value.Shape) });
            using var result = Executor.Run(model.Graph, inputs);
            return new ClassicGoldenCase(folder, model, model.Graph.Outputs.ToDictionary(o => o, o => result[o].ToFloat32()));
        }
        finally
        {
            foreach (var tensor in inputs.Values) tensor.Dispose();
        }
    }

    /// <summary>The computed value of graph value <paramref name="value"/>.</summary>
    public Tensor Output(string value) => _outputs[value];

    /// <summary>The framework's reference array <paramref name="file"/>, as doubles.</summary>
    public double[] Reference(string file)
    {
        using var tensor = Npy.Read(Path.Combine(Folder, file));
        return tensor.DType switch
        {
            DType.Float64 => tensor.Span<double>().ToArray(),
            DType.Float32 => tensor.Floats.ToArray().Select(v => (double)v).ToArray(),
            DType.Int64 => tensor.Span<long>().ToArray().Select(v => (double)v).ToArray(),
            var other => throw new InvalidOperationException($"{file} holds {other}; expected float or int64."),
        };
    }

    /// <summary>The largest |expected[k] * scale - actual[k]|, after checking every element is within <paramref name="atol"/> + rtol |expected|.</summary>
    public static double AssertClose(double[] expected, ReadOnlySpan<float> actual, double atol, double rtol = 0, double scale = 1)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var k = 0; k < expected.Length; k++)
        {
            var error = Math.Abs(expected[k] * scale - actual[k]);
            Assert.True(error <= atol + rtol * Math.Abs(expected[k] * scale), $"element {k}: expected {expected[k] * scale}, got {actual[k]} (error {error:G3}).");
            worst = Math.Max(worst, error);
        }
        return worst;
    }

    public void Dispose()
    {
        foreach (var tensor in _outputs.Values) tensor.Dispose();
    }
}
