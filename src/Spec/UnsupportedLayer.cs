namespace Parity.Spec;

/// <summary>A layer a reader could not turn into engine operations, and why; everything not depending on it still runs.</summary>
public sealed record UnsupportedLayer(string Name, string Type, string Reason)
{
    public override string ToString() => $"{Name} ({Type}): {Reason}";
}
