using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// The keras-js golden cases (outputs computed by real Keras 2.1.2 on TensorFlow, one small model per case) agree with
/// Parity's Keras reader, the 3-D layers included.
/// </summary>
public class KerasJsGoldenTests
{
    /// <summary>
    /// Issue 3's fp32 bound, 1e-5 * max(1, max |expected|). The case files round inputs, weights and outputs to 6
    /// decimals while Keras computed from the unrounded values; the worst case still stays under 4e-6 (measured).
    /// </summary>
    private const double RelativeBound = 1e-5;

    public static TheoryData<string> Cases() => new(KerasJsCase.Keys);

    public static TheoryData<string> Graphs() => new(KerasJsCase.GraphKeys);

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Multi_input_graph_agrees_with_keras(string key)
    {
        var golden = KerasJsCase.LoadGraph(key);
        var model = KerasGraphReader.Read(golden.File);
        var inputs = model.Graph.Inputs.Select((v, i) => (v.Name, Tensor: golden.Inputs[i])).ToDictionary(p => p.Name, p => p.Tensor);
        using var result = model.Graph.Compile(inputs.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(inputs);
        using var output = result.Outputs[model.Graph.Outputs[0]].ToFloat32();
        Assert.Equal(golden.Expected.Shape, output.Shape);
        AssertClose(key, golden.Expected, output.Floats);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Agrees_with_keras(string key)
    {
        var golden = KerasJsCase.Load(key);
        var model = KerasGraphReader.Read(golden.File);
        Assert.Empty(model.Unsupported);
        var inputs = model.Graph.Inputs.Select((v, i) => (v.Name, Tensor: golden.Inputs[i])).ToDictionary(p => p.Name, p => p.Tensor);
        using var result = model.Graph.Compile(inputs.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(inputs);
        using var output = result.Outputs[model.Graph.Outputs[0]].ToFloat32();
        // Stateful cases ran on a sequence repeated twice: their expected output is the second half of the steps.
        var actual = output.Floats[^golden.Expected.Length..];
        var sequences = golden.Stateful && golden.Expected.Shape.Rank == 3;
        Assert.Equal(sequences ? new Shape(1, 2 * golden.Expected.Shape[1], golden.Expected.Shape[2]) : golden.Expected.Shape, output.Shape);

        AssertClose(key, golden.Expected, actual);
    }

    private static void AssertClose(string key, Tensor expected, ReadOnlySpan<float> actual)
    {
        var scale = 1.0;
        foreach (var v in expected.Floats) scale = Math.Max(scale, Math.Abs(v));
        var diff = TensorComparison.MaxAbsDifference(expected.Floats, actual);
        Assert.True(diff <= RelativeBound * scale, $"{key}: max abs diff {diff:G3} > {RelativeBound * scale:G3}");
    }
}
