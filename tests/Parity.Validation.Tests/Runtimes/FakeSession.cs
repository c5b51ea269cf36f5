using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Running;
using Parity.Validation.Runtimes;

namespace Parity.Validation.Tests.Runtimes;

/// <summary>
/// A device stand-in for tests on any OS: runs the model in the managed engine and returns every layer by name, with
/// <paramref name="shift"/> added to each value, <paramref name="drop"/> left out and <paramref name="truncate"/> cut short.
/// </summary>
internal sealed class FakeSession(ExecutableModel model, string name, float shift = 0, string? drop = null, string? truncate = null) : IRuntimeSession
{
    public string RuntimeName => name;

    public int Predictions { get; private set; }

    public RuntimeOutputs Predict(IReadOnlyDictionary<string, Tensor> inputs)
    {
        Predictions++;
        using var run = ModelRun.Execute(model, inputs, recordLayers: true);
        var outputs = new Dictionary<string, Tensor>();
        var problems = new List<string>();
        foreach (var (layer, value) in run.Layers)
        {
            if (layer.Name == drop)
            {
                problems.Add($"output '{drop}' is a dictionary; only multi-arrays and numbers are read back from Core ML");
                continue;
            }
            var data = value.Floats.ToArray().Select(x => x + shift).ToArray();
            if (layer.Name == truncate) data = data[..^1];
            outputs[layer.Name] = Tensor.FromSpan<float>(data, new Shape(data.Length));
        }
        return new RuntimeOutputs(outputs, problems);
    }

    public void Dispose()
    {
    }
}
