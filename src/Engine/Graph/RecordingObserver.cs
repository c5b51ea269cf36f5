using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>Keeps a copy of every value a run produces (or only those <see cref="Filter"/> accepts), by value name.</summary>
public sealed class RecordingObserver : IExecutionObserver, IDisposable
{
    private readonly Dictionary<string, Tensor> _values = [];

    /// <summary>Which values to keep; all when null.</summary>
    public Func<string, bool>? Filter { get; init; }

    public IReadOnlyDictionary<string, Tensor> Values => _values;

    public void OnGraphInput(string name, Tensor value) => Keep(name, value);

    public void OnValue(Node node, string valueName, Tensor value) => Keep(valueName, value);

    public void Dispose()
    {
        foreach (var t in _values.Values) t.Dispose();
        _values.Clear();
    }

    private void Keep(string name, Tensor value)
    {
        if (Filter is null || Filter(name)) _values[name] = value.Clone();
    }
}
