using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// erf and the standard normal CDF in float, scalar and per vector width, with relative error of a few ulp.
/// Two pieces, both polynomials fitted for this project (Chebyshev fits with mpmath.chebyfit at 40 digits):
/// for |z| &lt; 0.75, erf(z) = z * A(z^2) (fit error 1.5e-9 relative); for |z| &gt;= 0.75,
/// erfc(z) = exp(-z^2) * B(1 / (z + 1.5)) on z in [0.75, 10.1] (fit error 2.3e-9 relative, and B's
/// terms never cancel by more than a factor 1.21), the form of Numerical Recipes' erfcc (Press et al.,
/// 2nd ed., section 6.2) with t = 1/(z + 1.5). exp(-z^2) is evaluated as exp(-hi) * (1 - lo) with
/// hi + lo = z^2 exactly (an FMA gives lo), because rounding z^2 alone costs |z|^2 ulp of relative error in
/// the tail. Beyond z = 10.5 erfc underflows in float, so z is clamped there (which also maps inf to 0).
/// </summary>
internal static class ErfApproximation
{
    private const float SmallLimit = 0.75f;
    private const float TailClamp = 10.5f;
    private const float TailShift = 1.5f;
    private const float InvSqrt2 = 0.70710677f;

    // |x| beyond which the normal CDF's tail erfc(|x| / sqrt 2) underflows: 10.5 * sqrt 2.
    private const float CdfClamp = 14.849242f;

    private const float A0 = -0.0006756479568680047f;
    private const float A1 = 0.005115332112532226f;
    private const float A2 = -0.026835114568609705f;
    private const float A3 = 0.11283386538414544f;
    private const float A4 = -0.37612619469437675f;
    private const float A5 = 1.1283791655787516f;

    private const float B0 = 9.764161202941281f;
    private const float B1 = -22.761555498036056f;
    private const float B2 = 17.53710507942211f;
    private const float B3 = -1.0977984969305243f;
    private const float B4 = -4.404002719145729f;
    private const float B5 = 0.38689509590014814f;
    private const float B6 = 0.44339436499372253f;
    private const float B7 = 1.0116850419729033f;
    private const float B8 = 0.8443944296023769f;
    private const float B9 = 0.5642718263062878f;
    private const float B10 = -1.5376181738470896e-06f;

    public static float Erf(float x)
    {
        var z = MathF.Abs(x);
        if (z < SmallLimit) return x * SmallPolynomial(x * x);
        var zc = MathF.Min(z, TailClamp);
        var hi = zc * zc;
        var lo = MathF.FusedMultiplyAdd(zc, zc, -hi);
        var erfc = MathF.Exp(-hi) * (1f - lo) * TailPolynomial(1f / (zc + TailShift));
        return MathF.CopySign(1f - erfc, x);
    }

    /// <summary>Phi(x) = (1 + erf(x / sqrt 2)) / 2, relative-accurate in the lower tail (no 1 + erf cancellation).</summary>
    public static float NormalCdf(float x)
    {
        var z = x * InvSqrt2;
        if (MathF.Abs(z) < SmallLimit) return MathF.FusedMultiplyAdd(0.5f * z, SmallPolynomial(z * z), 0.5f);
        var ax = MathF.Min(MathF.Abs(x), CdfClamp);
        var hi = ax * ax;
        var lo = MathF.FusedMultiplyAdd(ax, ax, -hi);
        var halfErfc = 0.5f * MathF.Exp(-0.5f * hi) * (1f - 0.5f * lo) * TailPolynomial(1f / MathF.FusedMultiplyAdd(ax, InvSqrt2, TailShift));
        return x < 0 ? halfErfc : 1f - halfErfc;
    }

    public static Vector128<float> Erf(Vector128<float> x)
    {
        var z = Vector128.Abs(x);
        var small = x * SmallPolynomial(x * x);
        var zc = Vector128.Min(z, Vector128.Create(TailClamp));
        var hi = zc * zc;
        var lo = Vector128.FusedMultiplyAdd(zc, zc, -hi);
        var erfc = Vector128.Exp(-hi) * (Vector128<float>.One - lo) * TailPolynomial(Vector128<float>.One / (zc + Vector128.Create(TailShift)));
        var large = Vector128.CopySign(Vector128<float>.One - erfc, x);
        return Vector128.ConditionalSelect(Vector128.LessThan(z, Vector128.Create(SmallLimit)), small, large);
    }

    public static Vector128<float> NormalCdf(Vector128<float> x)
    {
        var half = Vector128.Create(0.5f);
        var z = x * InvSqrt2;
        var small = Vector128.FusedMultiplyAdd(z * half, SmallPolynomial(z * z), half);
        var ax = Vector128.Min(Vector128.Abs(x), Vector128.Create(CdfClamp));
        var hi = ax * ax;
        var lo = Vector128.FusedMultiplyAdd(ax, ax, -hi);
        var t = Vector128<float>.One / Vector128.FusedMultiplyAdd(ax, Vector128.Create(InvSqrt2), Vector128.Create(TailShift));
        var halfErfc = half * Vector128.Exp(hi * -0.5f) * (Vector128<float>.One - lo * half) * TailPolynomial(t);
        var large = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<float>.Zero), halfErfc, Vector128<float>.One - halfErfc);
        return Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(z), Vector128.Create(SmallLimit)), small, large);
    }

    public static Vector256<float> Erf(Vector256<float> x)
    {
        var z = Vector256.Abs(x);
        var small = x * SmallPolynomial(x * x);
        var zc = Vector256.Min(z, Vector256.Create(TailClamp));
        var hi = zc * zc;
        var lo = Vector256.FusedMultiplyAdd(zc, zc, -hi);
        var erfc = Vector256.Exp(-hi) * (Vector256<float>.One - lo) * TailPolynomial(Vector256<float>.One / (zc + Vector256.Create(TailShift)));
        var large = Vector256.CopySign(Vector256<float>.One - erfc, x);
        return Vector256.ConditionalSelect(Vector256.LessThan(z, Vector256.Create(SmallLimit)), small, large);
    }

    public static Vector256<float> NormalCdf(Vector256<float> x)
    {
        var half = Vector256.Create(0.5f);
        var z = x * InvSqrt2;
        var small = Vector256.FusedMultiplyAdd(z * half, SmallPolynomial(z * z), half);
        var ax = Vector256.Min(Vector256.Abs(x), Vector256.Create(CdfClamp));
        var hi = ax * ax;
        var lo = Vector256.FusedMultiplyAdd(ax, ax, -hi);
        var t = Vector256<float>.One / Vector256.FusedMultiplyAdd(ax, Vector256.Create(InvSqrt2), Vector256.Create(TailShift));
        var halfErfc = half * Vector256.Exp(hi * -0.5f) * (Vector256<float>.One - lo * half) * TailPolynomial(t);
        var large = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), halfErfc, Vector256<float>.One - halfErfc);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(z), Vector256.Create(SmallLimit)), small, large);
    }

    public static Vector512<float> Erf(Vector512<float> x)
    {
        var z = Vector512.Abs(x);
        var small = x * SmallPolynomial(x * x);
        var zc = Vector512.Min(z, Vector512.Create(TailClamp));
        var hi = zc * zc;
        var lo = Vector512.FusedMultiplyAdd(zc, zc, -hi);
        var erfc = Vector512.Exp(-hi) * (Vector512<float>.One - lo) * TailPolynomial(Vector512<float>.One / (zc + Vector512.Create(TailShift)));
        var large = Vector512.CopySign(Vector512<float>.One - erfc, x);
        return Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512.Create(SmallLimit)), small, large);
    }

    public static Vector512<float> NormalCdf(Vector512<float> x)
    {
        var half = Vector512.Create(0.5f);
        var z = x * InvSqrt2;
        var small = Vector512.FusedMultiplyAdd(z * half, SmallPolynomial(z * z), half);
        var ax = Vector512.Min(Vector512.Abs(x), Vector512.Create(CdfClamp));
        var hi = ax * ax;
        var lo = Vector512.FusedMultiplyAdd(ax, ax, -hi);
        var t = Vector512<float>.One / Vector512.FusedMultiplyAdd(ax, Vector512.Create(InvSqrt2), Vector512.Create(TailShift));
        var halfErfc = half * Vector512.Exp(hi * -0.5f) * (Vector512<float>.One - lo * half) * TailPolynomial(t);
        var large = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), halfErfc, Vector512<float>.One - halfErfc);
        return Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(z), Vector512.Create(SmallLimit)), small, large);
    }

    private static float SmallPolynomial(float s) => MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(A0, s, A1), s, A2), s, A3), s, A4), s, A5);

    private static float TailPolynomial(float t) =>
        MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(B0, t, B1), t, B2), t, B3), t, B4), t, B5), t, B6), t, B7), t, B8), t, B9), t, B10);

    private static Vector128<float> SmallPolynomial(Vector128<float> s) =>
        Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.Create(A0), s, Vector128.Create(A1)), s, Vector128.Create(A2)), s, Vector128.Create(A3)), s, Vector128.Create(A4)), s, Vector128.Create(A5));

    private static Vector128<float> TailPolynomial(Vector128<float> t) =>
        Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.Create(B0), t, Vector128.Create(B1)), t, Vector128.Create(B2)), t, Vector128.Create(B3)), t, Vector128.Create(B4)), t, Vector128.Create(B5)), t, Vector128.Create(B6)), t, Vector128.Create(B7)), t, Vector128.Create(B8)), t, Vector128.Create(B9)), t, Vector128.Create(B10));

    private static Vector256<float> SmallPolynomial(Vector256<float> s) =>
        Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(A0), s, Vector256.Create(A1)), s, Vector256.Create(A2)), s, Vector256.Create(A3)), s, Vector256.Create(A4)), s, Vector256.Create(A5));

    private static Vector256<float> TailPolynomial(Vector256<float> t) =>
        Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(B0), t, Vector256.Create(B1)), t, Vector256.Create(B2)), t, Vector256.Create(B3)), t, Vector256.Create(B4)), t, Vector256.Create(B5)), t, Vector256.Create(B6)), t, Vector256.Create(B7)), t, Vector256.Create(B8)), t, Vector256.Create(B9)), t, Vector256.Create(B10));

    private static Vector512<float> SmallPolynomial(Vector512<float> s) =>
        Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(A0), s, Vector512.Create(A1)), s, Vector512.Create(A2)), s, Vector512.Create(A3)), s, Vector512.Create(A4)), s, Vector512.Create(A5));

    private static Vector512<float> TailPolynomial(Vector512<float> t) =>
        Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(B0), t, Vector512.Create(B1)), t, Vector512.Create(B2)), t, Vector512.Create(B3)), t, Vector512.Create(B4)), t, Vector512.Create(B5)), t, Vector512.Create(B6)), t, Vector512.Create(B7)), t, Vector512.Create(B8)), t, Vector512.Create(B9)), t, Vector512.Create(B10));
}
