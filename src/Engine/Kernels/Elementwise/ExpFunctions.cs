using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// exp(x) - 1, log(1 + t), x * sigmoid(y) and tanh in float with small relative error, scalar and per vector width.
/// exp(x) - 1 and log(1 + t) use Kahan's trick (Higham, Accuracy and Stability of Numerical Algorithms,
/// 2nd ed., section 1.14.1; Goldberg 1991, Theorem 4): (u - 1) * x / log(u) with u = exp(x), and
/// log(u) * t / (u - 1) with u = 1 + t. The rounding errors of u cancel between numerator and denominator,
/// which keeps a few-ulp relative error near 0 where the naive formulas lose every digit.
/// </summary>
internal static class ExpFunctions
{
    /// <summary>exp(x) - 1 for x &lt;= 0 (and NaN); -1 once exp(x) underflows.</summary>
    public static float ExpM1(float x)
    {
        var u = MathF.Exp(x);
        if (u == 1f) return x;
        var um1 = u - 1f;
        return um1 == -1f ? -1f : um1 * x / MathF.Log(u);
    }

    public static Vector128<float> ExpM1(Vector128<float> x)
    {
        var u = Vector128.Exp(x);
        var um1 = u - Vector128<float>.One;
        var r = um1 * x / Vector128.Log(u);
        r = Vector128.ConditionalSelect(Vector128.Equals(um1, Vector128.Create(-1f)), Vector128.Create(-1f), r);
        return Vector128.ConditionalSelect(Vector128.Equals(u, Vector128<float>.One), x, r);
    }

    public static Vector256<float> ExpM1(Vector256<float> x)
    {
        var u = Vector256.Exp(x);
        var um1 = u - Vector256<float>.One;
        var r = um1 * x / Vector256.Log(u);
        r = Vector256.ConditionalSelect(Vector256.Equals(um1, Vector256.Create(-1f)), Vector256.Create(-1f), r);
        return Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<float>.One), x, r);
    }

    public static Vector512<float> ExpM1(Vector512<float> x)
    {
        var u = Vector512.Exp(x);
        var um1 = u - Vector512<float>.One;
        var r = um1 * x / Vector512.Log(u);
        r = Vector512.ConditionalSelect(Vector512.Equals(um1, Vector512.Create(-1f)), Vector512.Create(-1f), r);
        return Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<float>.One), x, r);
    }

    /// <summary>log(1 + t) for 0 &lt;= t &lt;= 1 (and NaN).</summary>
    public static float Log1P(float t)
    {
        var u = 1f + t;
        return u == 1f ? t : MathF.Log(u) * t / (u - 1f);
    }

    public static Vector128<float> Log1P(Vector128<float> t)
    {
        var u = Vector128<float>.One + t;
        return Vector128.ConditionalSelect(Vector128.Equals(u, Vector128<float>.One), t, Vector128.Log(u) * t / (u - Vector128<float>.One));
    }

    public static Vector256<float> Log1P(Vector256<float> t)
    {
        var u = Vector256<float>.One + t;
        return Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<float>.One), t, Vector256.Log(u) * t / (u - Vector256<float>.One));
    }

    public static Vector512<float> Log1P(Vector512<float> t)
    {
        var u = Vector512<float>.One + t;
        return Vector512.ConditionalSelect(Vector512.Equals(u, Vector512<float>.One), t, Vector512.Log(u) * t / (u - Vector512<float>.One));
    }

    /// <summary>
    /// x * sigmoid(y) as (x or x e) / (1 + e) with e = exp(-|y|) (x e when y &lt; 0): e never overflows, so the
    /// result stays relative-accurate far into the lower tail; 0 at x = -inf (the limit; the product would be NaN).
    /// </summary>
    public static float TimesSigmoid(float x, float y)
    {
        if (float.IsNegativeInfinity(x)) return 0f;
        var e = MathF.Exp(-MathF.Abs(y));
        return (y >= 0 ? x : x * e) / (1f + e);
    }

    public static Vector128<float> TimesSigmoid(Vector128<float> x, Vector128<float> y)
    {
        var e = Vector128.Exp(-Vector128.Abs(y));
        var r = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(y, Vector128<float>.Zero), x, x * e) / (Vector128<float>.One + e);
        return Vector128.ConditionalSelect(Vector128.IsNegativeInfinity(x), Vector128<float>.Zero, r);
    }

    public static Vector256<float> TimesSigmoid(Vector256<float> x, Vector256<float> y)
    {
        var e = Vector256.Exp(-Vector256.Abs(y));
        var r = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(y, Vector256<float>.Zero), x, x * e) / (Vector256<float>.One + e);
        return Vector256.ConditionalSelect(Vector256.IsNegativeInfinity(x), Vector256<float>.Zero, r);
    }

    public static Vector512<float> TimesSigmoid(Vector512<float> x, Vector512<float> y)
    {
        var e = Vector512.Exp(-Vector512.Abs(y));
        var r = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(y, Vector512<float>.Zero), x, x * e) / (Vector512<float>.One + e);
        return Vector512.ConditionalSelect(Vector512.IsNegativeInfinity(x), Vector512<float>.Zero, r);
    }

    // tanh(x) = x * P(x^2) for |x| < 0.55, P fitted for this project (Chebyshev fit with mpmath.chebyfit,
    // 9.4e-10 relative); beyond, 1 - 2 / (exp(2|x|) + 1) loses nothing to cancellation since the quotient is &lt;= 1/2.
    private const float TanhSmallLimit = 0.55f;
    private const float T0 = -0.006233633487954958f;
    private const float T1 = 0.021038214806276562f;
    private const float T2 = -0.05384231924681724f;
    private const float T3 = 0.13332456536433138f;
    private const float T4 = -0.3333331079774895f;
    private const float T5 = 0.9999999990548019f;

    public static float Tanh(float x)
    {
        if (MathF.Abs(x) < TanhSmallLimit) return x * MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(T0, (x * x), T1), (x * x), T2), (x * x), T3), (x * x), T4), (x * x), T5);
        return MathF.CopySign(1f - 2f / (MathF.Exp(2f * MathF.Abs(x)) + 1f), x);
    }

    public static Vector128<float> Tanh(Vector128<float> x)
    {
        var s = x * x;
        var small = x * Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.Create(T0), s, Vector128.Create(T1)), s, Vector128.Create(T2)), s, Vector128.Create(T3)), s, Vector128.Create(T4)), s, Vector128.Create(T5));
        var large = Vector128.CopySign(Vector128<float>.One - Vector128.Create(2f) / (Vector128.Exp(Vector128.Abs(x) * 2f) + Vector128<float>.One), x);
        return Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(x), Vector128.Create(TanhSmallLimit)), small, large);
    }

    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var s = x * x;
        var small = x * Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(T0), s, Vector256.Create(T1)), s, Vector256.Create(T2)), s, Vector256.Create(T3)), s, Vector256.Create(T4)), s, Vector256.Create(T5));
        var large = Vector256.CopySign(Vector256<float>.One - Vector256.Create(2f) / (Vector256.Exp(Vector256.Abs(x) * 2f) + Vector256<float>.One), x);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(TanhSmallLimit)), small, large);
    }

    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var s = x * x;
        var small = x * Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(T0), s, Vector512.Create(T1)), s, Vector512.Create(T2)), s, Vector512.Create(T3)), s, Vector512.Create(T4)), s, Vector512.Create(T5));
        var large = Vector512.CopySign(Vector512<float>.One - Vector512.Create(2f) / (Vector512.Exp(Vector512.Abs(x) * 2f) + Vector512<float>.One), x);
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(TanhSmallLimit)), small, large);
    }
}
