namespace Parity.Engine.Kernels.Elementwise;

/// <summary>Element-wise float32 comparisons producing bool (see <see cref="Comparison"/>).</summary>
public enum CompareKind
{
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}
