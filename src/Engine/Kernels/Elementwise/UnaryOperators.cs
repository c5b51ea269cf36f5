using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

// Unary math operators. Exact ones (abs, neg, floor, ceil, round, sign, square, sqrt, reciprocal) are single IEEE
// operations; exp, log, sin and cos are the BCL's vector implementations.

/// <summary>sqrt(x).</summary>
internal readonly struct SqrtOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Sqrt(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Sqrt(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Sqrt(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Sqrt(x);
}

/// <summary>1 / sqrt(x), as a true division (not the hardware estimate).</summary>
internal readonly struct RsqrtOperator : IUnaryOperator
{
    public float Invoke(float x) => 1f / MathF.Sqrt(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128<float>.One / Vector128.Sqrt(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256<float>.One / Vector256.Sqrt(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512<float>.One / Vector512.Sqrt(x);
}

/// <summary>exp(x).</summary>
internal readonly struct ExpOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Exp(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Exp(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Exp(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Exp(x);
}

/// <summary>log(x).</summary>
internal readonly struct LogOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Log(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Log(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Log(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Log(x);
}

/// <summary>|x|.</summary>
internal readonly struct AbsOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Abs(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Abs(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Abs(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Abs(x);
}

/// <summary>-x.</summary>
internal readonly struct NegateOperator : IUnaryOperator
{
    public float Invoke(float x) => -x;

    public Vector128<float> Invoke(Vector128<float> x) => -x;

    public Vector256<float> Invoke(Vector256<float> x) => -x;

    public Vector512<float> Invoke(Vector512<float> x) => -x;
}

/// <summary>floor(x).</summary>
internal readonly struct FloorOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Floor(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Floor(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Floor(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Floor(x);
}

/// <summary>ceil(x).</summary>
internal readonly struct CeilOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Ceiling(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Ceiling(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Ceiling(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Ceiling(x);
}

/// <summary>Round half to even (NumPy, MIL).</summary>
internal readonly struct RoundOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Round(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Round(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Round(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Round(x);
}

/// <summary>-1, 0 or 1; zeros keep their sign and NaN stays NaN.</summary>
internal readonly struct SignOperator : IUnaryOperator
{
    public float Invoke(float x) => x > 0 ? 1f : x < 0 ? -1f : x;

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), Vector128<float>.One, Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), Vector128.Create(-1f), x));

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), Vector256<float>.One, Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), Vector256.Create(-1f), x));

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), Vector512<float>.One, Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512.Create(-1f), x));
}

/// <summary>1 / x.</summary>
internal readonly struct ReciprocalOperator : IUnaryOperator
{
    public float Invoke(float x) => 1f / x;

    public Vector128<float> Invoke(Vector128<float> x) => Vector128<float>.One / x;

    public Vector256<float> Invoke(Vector256<float> x) => Vector256<float>.One / x;

    public Vector512<float> Invoke(Vector512<float> x) => Vector512<float>.One / x;
}

/// <summary>x * x.</summary>
internal readonly struct SquareOperator : IUnaryOperator
{
    public float Invoke(float x) => x * x;

    public Vector128<float> Invoke(Vector128<float> x) => x * x;

    public Vector256<float> Invoke(Vector256<float> x) => x * x;

    public Vector512<float> Invoke(Vector512<float> x) => x * x;
}

/// <summary>sin(x).</summary>
internal readonly struct SinOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Sin(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Sin(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Sin(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Sin(x);
}

/// <summary>cos(x).</summary>
internal readonly struct CosOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Cos(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Cos(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Cos(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Cos(x);
}

/// <summary>erf(x) (see <see cref="ErfApproximation"/>).</summary>
internal readonly struct ErfOperator : IUnaryOperator
{
    public float Invoke(float x) => ErfApproximation.Erf(x);

    public Vector128<float> Invoke(Vector128<float> x) => ErfApproximation.Erf(x);

    public Vector256<float> Invoke(Vector256<float> x) => ErfApproximation.Erf(x);

    public Vector512<float> Invoke(Vector512<float> x) => ErfApproximation.Erf(x);
}

/// <summary>min(max(x, low), high); NaN stays NaN.</summary>
internal readonly struct ClipOperator(float low, float high) : IUnaryOperator
{
    public float Invoke(float x) => MathF.Min(MathF.Max(x, low), high);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Min(Vector128.Max(x, Vector128.Create(low)), Vector128.Create(high));

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Min(Vector256.Max(x, Vector256.Create(low)), Vector256.Create(high));

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Min(Vector512.Max(x, Vector512.Create(low)), Vector512.Create(high));
}
