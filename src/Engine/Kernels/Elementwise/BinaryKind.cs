namespace Parity.Engine.Kernels.Elementwise;

/// <summary>Element-wise float32 binary operations with NumPy broadcasting (see <see cref="Binary"/>).</summary>
public enum BinaryKind
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Maximum,
    Minimum,
    Power,

    /// <summary>NumPy floor_divide: the floor of the exact quotient.</summary>
    FloorDivide,

    /// <summary>NumPy/Python mod: the remainder takes the sign of the divisor.</summary>
    Modulo,
}
