namespace Parity.Engine.Ops.Elementwise;

/// <summary>The functions <see cref="TrigonometricMath"/> computes (those <see cref="Kernels.Elementwise.UnaryKind"/> lacks).</summary>
public enum TrigonometricFunction
{
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Atanh,
}
