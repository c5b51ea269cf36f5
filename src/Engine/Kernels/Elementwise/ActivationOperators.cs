using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

// Activation operators: the formulas of ActivationKind, in float. Limits at +-inf follow the formula's
// limit and NaN propagates (Max/Min are the IEEE 754:2019 NaN-propagating forms).

/// <summary>alpha * x + beta with one rounding (FMA).</summary>
internal readonly struct LinearOperator(float alpha, float beta) : IUnaryOperator
{
    public float Invoke(float x) => MathF.FusedMultiplyAdd(alpha, x, beta);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.FusedMultiplyAdd(Vector128.Create(alpha), x, Vector128.Create(beta));

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.FusedMultiplyAdd(Vector256.Create(alpha), x, Vector256.Create(beta));

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.FusedMultiplyAdd(Vector512.Create(alpha), x, Vector512.Create(beta));
}

/// <summary>max(x, 0).</summary>
internal readonly struct ReluOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Max(x, 0f);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Max(x, Vector128<float>.Zero);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero);
}

/// <summary>min(max(x, 0), 6).</summary>
internal readonly struct Relu6Operator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Min(MathF.Max(x, 0f), 6f);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Min(Vector128.Max(x, Vector128<float>.Zero), Vector128.Create(6f));

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Min(Vector256.Max(x, Vector256<float>.Zero), Vector256.Create(6f));

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Min(Vector512.Max(x, Vector512<float>.Zero), Vector512.Create(6f));
}

/// <summary>x if x &gt;= 0 else alpha * x.</summary>
internal readonly struct LeakyReluOperator(float alpha) : IUnaryOperator
{
    public float Invoke(float x) => x >= 0 ? x : alpha * x;

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<float>.Zero), x, x * alpha);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), x, x * alpha);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), x, x * alpha);
}

/// <summary>x if x &gt; 0 else alpha * (exp(x) - 1), with an accurate exp(x) - 1.</summary>
internal readonly struct EluOperator(float alpha) : IUnaryOperator
{
    public float Invoke(float x) => x > 0 ? x : alpha * ExpFunctions.ExpM1(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, ExpFunctions.ExpM1(Vector128.Min(x, Vector128<float>.Zero)) * alpha);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, ExpFunctions.ExpM1(Vector256.Min(x, Vector256<float>.Zero)) * alpha);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, ExpFunctions.ExpM1(Vector512.Min(x, Vector512<float>.Zero)) * alpha);
}

/// <summary>SELU: scale * (x if x &gt; 0 else alpha * (exp(x) - 1)) with the constants of Klambauer et al. 2017.</summary>
internal readonly struct SeluOperator : IUnaryOperator
{
    private const float SeluScale = 1.0507009873554805f;

    // scale * alpha folded into one constant, so the negative branch rounds once less.
    private const float SeluScaleAlpha = 1.7580993408473766f;

    public float Invoke(float x) => x > 0 ? SeluScale * x : SeluScaleAlpha * ExpFunctions.ExpM1(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x * SeluScale, ExpFunctions.ExpM1(Vector128.Min(x, Vector128<float>.Zero)) * SeluScaleAlpha);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x * SeluScale, ExpFunctions.ExpM1(Vector256.Min(x, Vector256<float>.Zero)) * SeluScaleAlpha);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x * SeluScale, ExpFunctions.ExpM1(Vector512.Min(x, Vector512<float>.Zero)) * SeluScaleAlpha);
}

/// <summary>log(1 + exp(x)) as max(x, 0) + log1p(exp(-|x|)): no overflow, relative-accurate for very negative x.</summary>
internal readonly struct SoftplusOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Max(x, 0f) + ExpFunctions.Log1P(MathF.Exp(-MathF.Abs(x)));

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Max(x, Vector128<float>.Zero) + ExpFunctions.Log1P(Vector128.Exp(-Vector128.Abs(x)));

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Max(x, Vector256<float>.Zero) + ExpFunctions.Log1P(Vector256.Exp(-Vector256.Abs(x)));

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Max(x, Vector512<float>.Zero) + ExpFunctions.Log1P(Vector512.Exp(-Vector512.Abs(x)));
}

/// <summary>alpha * softplus(beta * x).</summary>
internal readonly struct ParametricSoftplusOperator(float alpha, float beta) : IUnaryOperator
{
    public float Invoke(float x) => alpha * new SoftplusOperator().Invoke(beta * x);

    public Vector128<float> Invoke(Vector128<float> x) => new SoftplusOperator().Invoke(x * beta) * alpha;

    public Vector256<float> Invoke(Vector256<float> x) => new SoftplusOperator().Invoke(x * beta) * alpha;

    public Vector512<float> Invoke(Vector512<float> x) => new SoftplusOperator().Invoke(x * beta) * alpha;
}

/// <summary>x / (1 + |x|), and +-1 at +-inf (where the quotient would be inf/inf).</summary>
internal readonly struct SoftsignOperator : IUnaryOperator
{
    public float Invoke(float x) => float.IsInfinity(x) ? MathF.CopySign(1f, x) : x / (1f + MathF.Abs(x));

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.IsInfinity(x), Vector128.CopySign(Vector128<float>.One, x), x / (Vector128<float>.One + Vector128.Abs(x)));

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.IsInfinity(x), Vector256.CopySign(Vector256<float>.One, x), x / (Vector256<float>.One + Vector256.Abs(x)));

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.IsInfinity(x), Vector512.CopySign(Vector512<float>.One, x), x / (Vector512<float>.One + Vector512.Abs(x)));
}

/// <summary>1 / (1 + exp(-x)); exp overflow gives the limit 0.</summary>
internal readonly struct SigmoidOperator : IUnaryOperator
{
    public float Invoke(float x) => ExpFunctions.TimesSigmoid(1f, x);

    public Vector128<float> Invoke(Vector128<float> x) => ExpFunctions.TimesSigmoid(Vector128<float>.One, x);

    public Vector256<float> Invoke(Vector256<float> x) => ExpFunctions.TimesSigmoid(Vector256<float>.One, x);

    public Vector512<float> Invoke(Vector512<float> x) => ExpFunctions.TimesSigmoid(Vector512<float>.One, x);
}

/// <summary>clip(alpha * x + beta, 0, 1).</summary>
internal readonly struct HardSigmoidOperator(float alpha, float beta) : IUnaryOperator
{
    public float Invoke(float x) => MathF.Min(MathF.Max(MathF.FusedMultiplyAdd(alpha, x, beta), 0f), 1f);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Min(Vector128.Max(Vector128.FusedMultiplyAdd(Vector128.Create(alpha), x, Vector128.Create(beta)), Vector128<float>.Zero), Vector128<float>.One);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Min(Vector256.Max(Vector256.FusedMultiplyAdd(Vector256.Create(alpha), x, Vector256.Create(beta)), Vector256<float>.Zero), Vector256<float>.One);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Min(Vector512.Max(Vector512.FusedMultiplyAdd(Vector512.Create(alpha), x, Vector512.Create(beta)), Vector512<float>.Zero), Vector512<float>.One);
}

/// <summary>tanh(x).</summary>
internal readonly struct TanhOperator : IUnaryOperator
{
    public float Invoke(float x) => TanhApproximation.Tanh(x);

    public Vector128<float> Invoke(Vector128<float> x) => TanhApproximation.Tanh(x);

    public Vector256<float> Invoke(Vector256<float> x) => TanhApproximation.Tanh(x);

    public Vector512<float> Invoke(Vector512<float> x) => TanhApproximation.Tanh(x);
}

/// <summary>alpha * tanh(beta * x).</summary>
internal readonly struct ScaledTanhOperator(float alpha, float beta) : IUnaryOperator
{
    public float Invoke(float x) => alpha * TanhApproximation.Tanh(beta * x);

    public Vector128<float> Invoke(Vector128<float> x) => TanhApproximation.Tanh(x * beta) * alpha;

    public Vector256<float> Invoke(Vector256<float> x) => TanhApproximation.Tanh(x * beta) * alpha;

    public Vector512<float> Invoke(Vector512<float> x) => TanhApproximation.Tanh(x * beta) * alpha;
}

/// <summary>x * sigmoid(x).</summary>
internal readonly struct SwishOperator : IUnaryOperator
{
    public float Invoke(float x) => ExpFunctions.TimesSigmoid(x, x);

    public Vector128<float> Invoke(Vector128<float> x) => ExpFunctions.TimesSigmoid(x, x);

    public Vector256<float> Invoke(Vector256<float> x) => ExpFunctions.TimesSigmoid(x, x);

    public Vector512<float> Invoke(Vector512<float> x) => ExpFunctions.TimesSigmoid(x, x);
}

/// <summary>x * Phi(x) with the exact normal CDF (0 at -inf, the limit).</summary>
internal readonly struct GeluOperator : IUnaryOperator
{
    public float Invoke(float x) => float.IsNegativeInfinity(x) ? 0f : x * ErfApproximation.NormalCdf(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.IsNegativeInfinity(x), Vector128<float>.Zero, x * ErfApproximation.NormalCdf(x));

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.IsNegativeInfinity(x), Vector256<float>.Zero, x * ErfApproximation.NormalCdf(x));

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.IsNegativeInfinity(x), Vector512<float>.Zero, x * ErfApproximation.NormalCdf(x));
}

/// <summary>The tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), computed as x * sigmoid(2u) to avoid the 1 + tanh cancellation for negative x.</summary>
internal readonly struct GeluTanhOperator : IUnaryOperator
{
    // 2u = x * (2 sqrt(2/pi) + 2 sqrt(2/pi) * 0.044715 * x^2).
    private const float GeluTanhLinear = 1.5957691f;
    private const float GeluTanhCubic = 0.071354816f;

    public float Invoke(float x) => ExpFunctions.TimesSigmoid(x, x * MathF.FusedMultiplyAdd(GeluTanhCubic, x * x, GeluTanhLinear));

    public Vector128<float> Invoke(Vector128<float> x) => ExpFunctions.TimesSigmoid(x, x * Vector128.FusedMultiplyAdd(Vector128.Create(GeluTanhCubic), x * x, Vector128.Create(GeluTanhLinear)));

    public Vector256<float> Invoke(Vector256<float> x) => ExpFunctions.TimesSigmoid(x, x * Vector256.FusedMultiplyAdd(Vector256.Create(GeluTanhCubic), x * x, Vector256.Create(GeluTanhLinear)));

    public Vector512<float> Invoke(Vector512<float> x) => ExpFunctions.TimesSigmoid(x, x * Vector512.FusedMultiplyAdd(Vector512.Create(GeluTanhCubic), x * x, Vector512.Create(GeluTanhLinear)));
}

/// <summary>x * sigmoid(1.702 x).</summary>
internal readonly struct GeluSigmoidOperator : IUnaryOperator
{
    public float Invoke(float x) => ExpFunctions.TimesSigmoid(x, x * 1.702f);

    public Vector128<float> Invoke(Vector128<float> x) => ExpFunctions.TimesSigmoid(x, x * 1.702f);

    public Vector256<float> Invoke(Vector256<float> x) => ExpFunctions.TimesSigmoid(x, x * 1.702f);

    public Vector512<float> Invoke(Vector512<float> x) => ExpFunctions.TimesSigmoid(x, x * 1.702f);
}

/// <summary>exp(x).</summary>
internal readonly struct ExponentialOperator : IUnaryOperator
{
    public float Invoke(float x) => MathF.Exp(x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Exp(x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Exp(x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Exp(x);
}

/// <summary>x if x &gt; alpha else 0; NaN stays NaN.</summary>
internal readonly struct ThresholdedReluOperator(float alpha) : IUnaryOperator
{
    public float Invoke(float x) => x <= alpha ? 0f : x;

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.LessThanOrEqual(x, Vector128.Create(alpha)), Vector128<float>.Zero, x);

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.LessThanOrEqual(x, Vector256.Create(alpha)), Vector256<float>.Zero, x);

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.LessThanOrEqual(x, Vector512.Create(alpha)), Vector512<float>.Zero, x);
}

/// <summary>MIL clamped_relu: min(beta, x if x &gt;= 0 else alpha * x).</summary>
internal readonly struct ClampedReluOperator(float alpha, float beta) : IUnaryOperator
{
    public float Invoke(float x) => MathF.Min(beta, x >= 0 ? x : alpha * x);

    public Vector128<float> Invoke(Vector128<float> x) => Vector128.Min(Vector128.Create(beta), Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<float>.Zero), x, x * alpha));

    public Vector256<float> Invoke(Vector256<float> x) => Vector256.Min(Vector256.Create(beta), Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), x, x * alpha));

    public Vector512<float> Invoke(Vector512<float> x) => Vector512.Min(Vector512.Create(beta), Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), x, x * alpha));
}
