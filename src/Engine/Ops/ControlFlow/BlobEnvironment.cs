using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>
/// The blobs a control-flow op's blocks run on: the op's inputs (borrowed) and the values steps wrote (owned, disposed
/// when replaced or when the environment is).
/// </summary>
internal sealed class BlobEnvironment : IDisposable
{
    private readonly Dictionary<string, Tensor> _blobs = [];
    private readonly HashSet<Tensor> _owned = new(ReferenceEqualityComparer.Instance);

    public BlobEnvironment(IReadOnlyList<string> names, IReadOnlyList<Tensor> values)
    {
        for (var k = 0; k < names.Count; k++) _blobs[names[k]] = values[k];
    }

    public Tensor this[string blob] => _blobs.TryGetValue(blob, out var value)
        ? value
        : throw new InvalidOperationException($"Blob '{blob}' has no value at this point of the control flow.");

    /// <summary>Stores a copy of <paramref name="value"/> (which the caller keeps) as the new value of <paramref name="blob"/>.</summary>
    public void Write(string blob, Tensor value)
    {
        var copy = value.Clone();
        if (_blobs.TryGetValue(blob, out var old) && _owned.Remove(old)) old.Dispose();
        _blobs[blob] = copy;
        _owned.Add(copy);
    }

    public void Dispose()
    {
        foreach (var t in _owned) t.Dispose();
        _owned.Clear();
    }
}
