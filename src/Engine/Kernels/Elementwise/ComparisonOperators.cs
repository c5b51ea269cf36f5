using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>A float comparison: a bool per scalar pair, an all-ones lane mask per vector pair.</summary>
internal interface IComparisonOperator
{
    bool Invoke(float x, float y);

    Vector128<float> Invoke(Vector128<float> x, Vector128<float> y);

    Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}

/// <summary>x == y.</summary>
internal readonly struct EqualOperator : IComparisonOperator
{
    public bool Invoke(float x, float y) => x == y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Equals(x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Equals(x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Equals(x, y);
}

/// <summary>x != y (true when either is NaN).</summary>
internal readonly struct NotEqualOperator : IComparisonOperator
{
    public bool Invoke(float x, float y) => x != y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => ~Vector128.Equals(x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => ~Vector256.Equals(x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => ~Vector512.Equals(x, y);
}

/// <summary>x < y.</summary>
internal readonly struct LessOperator : IComparisonOperator
{
    public bool Invoke(float x, float y) => x < y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.LessThan(x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.LessThan(x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.LessThan(x, y);
}

/// <summary>x <= y.</summary>
internal readonly struct LessEqualOperator : IComparisonOperator
{
    public bool Invoke(float x, float y) => x <= y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.LessThanOrEqual(x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.LessThanOrEqual(x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.LessThanOrEqual(x, y);
}

/// <summary>x > y.</summary>
internal readonly struct GreaterOperator : IComparisonOperator
{
    public bool Invoke(float x, float y) => x > y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThan(x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThan(x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThan(x, y);
}

/// <summary>x >= y.</summary>
internal readonly struct GreaterEqualOperator : IComparisonOperator
{
    public bool Invoke(float x, float y) => x >= y;

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.GreaterThanOrEqual(x, y);

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.GreaterThanOrEqual(x, y);

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.GreaterThanOrEqual(x, y);
}
