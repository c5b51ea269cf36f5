using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// exp(x) - 1, log(1 + t) and the logistic sigmoid in float with small relative error, scalar and per vector width.
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

    /// <summary>x * sigmoid(k * x) as x / (1 + exp(-k x)) for k &gt; 0: one division; 0 at -inf (the limit), where the quotient is inf/inf.</summary>
    public static float TimesSigmoid(float x, float k) => float.IsNegativeInfinity(x) ? 0f : x / (1f + MathF.Exp(-k * x));

    public static Vector128<float> TimesSigmoid(Vector128<float> x, float k) =>
        Vector128.ConditionalSelect(Vector128.IsNegativeInfinity(x), Vector128<float>.Zero, x / (Vector128<float>.One + Vector128.Exp(x * -k)));

    public static Vector256<float> TimesSigmoid(Vector256<float> x, float k) =>
        Vector256.ConditionalSelect(Vector256.IsNegativeInfinity(x), Vector256<float>.Zero, x / (Vector256<float>.One + Vector256.Exp(x * -k)));

    public static Vector512<float> TimesSigmoid(Vector512<float> x, float k) =>
        Vector512.ConditionalSelect(Vector512.IsNegativeInfinity(x), Vector512<float>.Zero, x / (Vector512<float>.One + Vector512.Exp(x * -k)));

    /// <summary>tanh from exp(-2|x|) - 1 = e: tanh(|x|) = -e / (2 + e), exact in the limits and accurate near 0.</summary>
    public static float Tanh(float x)
    {
        var e = ExpM1(-2f * MathF.Abs(x));
        return MathF.CopySign(-e / (2f + e), x);
    }

    public static Vector128<float> Tanh(Vector128<float> x)
    {
        var e = ExpM1(Vector128.Abs(x) * -2f);
        return Vector128.CopySign(-e / (Vector128.Create(2f) + e), x);
    }

    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var e = ExpM1(Vector256.Abs(x) * -2f);
        return Vector256.CopySign(-e / (Vector256.Create(2f) + e), x);
    }

    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var e = ExpM1(Vector512.Abs(x) * -2f);
        return Vector512.CopySign(-e / (Vector512.Create(2f) + e), x);
    }
}
