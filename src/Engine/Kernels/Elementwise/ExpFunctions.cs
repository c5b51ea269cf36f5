using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// exp(x) - 1, log(1 + t) and x * sigmoid(y) in float with small relative error, scalar and per vector width.
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
}
