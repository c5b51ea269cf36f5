using Parity.Engine.Tensors;

namespace Parity.Validation.Runtimes;

/// <summary>The outputs one prediction produced, by output name, and what it could not produce (one sentence each). Owns its tensors.</summary>
public sealed class RuntimeOutputs(IReadOnlyDictionary<string, Tensor> outputs, IReadOnlyList<string> problems) : IDisposable
{
    public IReadOnlyDictionary<string, Tensor> Outputs { get; } = outputs;

    /// <summary>Outputs not produced and why, e.g. "output 'label' is a string; only numbers and multi-arrays are read back".</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    public void Dispose()
    {
        foreach (var t in Outputs.Values) t.Dispose();
    }
}
