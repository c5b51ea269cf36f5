using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

// Binary arithmetic operators. Add/Subtract/Multiply/Divide/Maximum/Minimum are single IEEE operations, so they
// equal the double-precision definition rounded to float exactly; Maximum/Minimum propagate NaN.

/// <summary>x + y.</summary>
internal readonly struct AddOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x + y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x + y;

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x + y;

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x + y;
}

/// <summary>x - y.</summary>
internal readonly struct SubtractOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x - y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x - y;

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x - y;

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x - y;
}

/// <summary>x * y.</summary>
internal readonly struct MultiplyOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x * y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x * y;

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x * y;

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x * y;
}

/// <summary>x / y.</summary>
internal readonly struct DivideOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x / y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => x / y;

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => x / y;

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => x / y;
}

/// <summary>max(x, y); NaN if either is NaN.</summary>
internal readonly struct MaximumOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => MathF.Max(x, y);

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);
}

/// <summary>min(x, y); NaN if either is NaN.</summary>
internal readonly struct MinimumOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => MathF.Min(x, y);

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Min(x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Min(x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Min(x, y);
}

/// <summary>x ** y with MathF.Pow's special cases; per lane, since the BCL has no vector pow.</summary>
internal readonly struct PowerOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => MathF.Pow(x, y);

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => PerLane.Map(this, x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => PerLane.Map(this, x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => PerLane.Map(this, x, y);
}

/// <summary>NumPy floor_divide: floor of the exact quotient x / y (see <see cref="NumPyDivMod"/>).</summary>
internal readonly struct FloorDivideOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => NumPyDivMod.FloorDivide(x, y);

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => PerLane.Map(this, x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => PerLane.Map(this, x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => PerLane.Map(this, x, y);
}

/// <summary>NumPy/Python mod: x - y * floor(x / y), computed exactly, with the sign of the divisor.</summary>
internal readonly struct ModuloOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => NumPyDivMod.Modulo(x, y);

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => PerLane.Map(this, x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => PerLane.Map(this, x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => PerLane.Map(this, x, y);
}

/// <summary>PReLU with the slope as the second operand: x if x &gt;= 0 else slope * x.</summary>
internal readonly struct PReluOperator : IBinaryOperator
{
    public float Invoke(float x, float y) => x >= 0 ? x : y * x;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<float>.Zero), x, x * y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), x, x * y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), x, x * y);
}
