namespace Parity.Engine.Kernels.Elementwise;

/// <summary>Element-wise float32 functions of one argument (see <see cref="Unary"/>).</summary>
public enum UnaryKind
{
    Sqrt,

    /// <summary>1 / sqrt(x).</summary>
    Rsqrt,
    Exp,
    Log,
    Abs,
    Negate,
    Floor,
    Ceil,

    /// <summary>Round half to even, as NumPy and MIL do.</summary>
    Round,

    /// <summary>-1, 0 or 1 (NaN stays NaN).</summary>
    Sign,
    Reciprocal,
    Square,
    Sin,
    Cos,
    Erf,
}
