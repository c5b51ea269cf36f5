using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// Keeps every value a run produces (or only those <see cref="Filter"/> accepts), by value name. Node outputs are
/// shared, not copied: while an observer is set the run gives every value a buffer of its own and never reuses it
/// (<see cref="ExecutionOptions.Observer"/>). Graph inputs belong to the caller and are copied.
/// </summary>
public sealed class RecordingObserver : IExecutionObserver, IDisposable
{
    private readonly Dictionary<string, Tensor> _values = [];

    /// <summary>Which values to keep; all when null.</summary>
    public Func<string, bool>? Filter { get; init; }

    public IReadOnlyDictionary<string, Tensor> Values => _values;

    public void OnGraphInput(string name, Tensor value) => Keep(name, value.Clone);

    public void OnValue(Node node, string valueName, Tensor value) => Keep(valueName, value.Share);

    public void Dispose()
    {
        foreach (var t in _values.Values) t.Dispose();
        _values.Clear();
    }

    private void Keep(string name, Func<Tensor> hold)
    {
        if (Filter is not null && !Filter(name)) return;
        var held = hold();
        if (_values.Remove(name, out var previous)) previous.Dispose();
        _values[name] = held;
    }
}
