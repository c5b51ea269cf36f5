namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Activations"/>: each activation's defining formula, evaluated in double.</summary>
public static class Activations
{
    // SELU constants from Klambauer et al. 2017, as Keras and PyTorch define them.
    private const double SeluAlpha = 1.6732632423543772848170429916717;
    private const double SeluScale = 1.0507009873554804934193349852946;

    public static void Apply(Activation activation, ReadOnlySpan<float> input, Span<float> output)
    {
        for (var i = 0; i < input.Length; i++) output[i] = Apply(activation, input[i]);
    }

    public static float Apply(Activation activation, float value)
    {
        double x = value, a = activation.Alpha, b = activation.Beta;
        var y = activation.Kind switch
        {
            ActivationKind.Linear => a * x + b,
            ActivationKind.Relu => Math.Max(x, 0),
            ActivationKind.Relu6 => Math.Min(Math.Max(x, 0), 6),
            ActivationKind.LeakyRelu => x >= 0 ? x : a * x,
            ActivationKind.Elu => x > 0 ? x : a * ExpM1(x),
            ActivationKind.Selu => SeluScale * (x > 0 ? x : SeluAlpha * ExpM1(x)),
            ActivationKind.Softplus => Softplus(x),
            ActivationKind.ParametricSoftplus => a * Softplus(b * x),
            ActivationKind.Softsign => double.IsInfinity(x) ? Math.Sign(x) : x / (1 + Math.Abs(x)),
            ActivationKind.Sigmoid => Sigmoid(x),
            ActivationKind.HardSigmoid => Math.Clamp(a * x + b, 0, 1),
            ActivationKind.Tanh => Math.Tanh(x),
            ActivationKind.ScaledTanh => a * Math.Tanh(b * x),
            ActivationKind.Swish => double.IsNegativeInfinity(x) ? 0 : x * Sigmoid(x),
            ActivationKind.Gelu => double.IsNegativeInfinity(x) ? 0 : x * NormalCdf(x),
            // 0.5 (1 + tanh(u)) = sigmoid(2u) exactly; the sigmoid form keeps the lower tail where 1 + tanh(u) cancels.
            ActivationKind.GeluTanh => double.IsNegativeInfinity(x) ? 0 : x * Sigmoid(2 * Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)),
            ActivationKind.GeluSigmoid => double.IsNegativeInfinity(x) ? 0 : x * Sigmoid(1.702 * x),
            ActivationKind.Exponential => Math.Exp(x),
            ActivationKind.ThresholdedRelu => x > a || double.IsNaN(x) ? x : 0,
            // MIL clamped_relu: min(beta, x) for x >= 0, min(beta, alpha * x) otherwise.
            ActivationKind.ClampedRelu => Math.Min(b, x >= 0 ? x : a * x),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, null),
        };
        return (float)y;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // log(1 + e^x) without overflow for large x, and without losing e^x when it is below double's epsilon.
    private static double Softplus(double x) => Math.Max(x, 0) + Log1P(Math.Exp(-Math.Abs(x)));

    /// <summary>exp(x) - 1 to about 1e-11 relative: the Taylor series where exp(x) - 1 would cancel.</summary>
    public static double ExpM1(double x) => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;

    /// <summary>log(1 + t) to about 1e-11 relative: the Taylor series where 1 + t would round t away.</summary>
    public static double Log1P(double t) => Math.Abs(t) < 1e-5 ? t - t * t / 2 + t * t * t / 3 : Math.Log(1 + t);

    /// <summary>The standard normal CDF; the lower tail uses erfc directly, since 1 + erf(x) cancels there.</summary>
    public static double NormalCdf(double x) => x < 0 ? Erfc(-x / Math.Sqrt(2)) / 2 : (1 + Erf(x / Math.Sqrt(2))) / 2;

    /// <summary>The error function to about 1e-13: Taylor series near 0, a continued fraction for erfc in the tails.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        var ax = Math.Abs(x);
        if (ax >= 6) return Math.Sign(x);
        if (ax < 2.5)
        {
            double sum = x, term = x, x2 = x * x;
            for (var n = 1; n < 200; n++)
            {
                term *= -x2 / n;
                var add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
            }
            return 2 / Math.Sqrt(Math.PI) * sum;
        }

        return Math.Sign(x) * (1 - ErfcContinuedFraction(ax));
    }

    /// <summary>The complementary error function 1 - erf(x), relative-accurate in the upper tail where it underflows float.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        return x < 2.5 ? 1 - Erf(x) : ErfcContinuedFraction(x);
    }

    // erfc(x) = exp(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))), evaluated from the tail; x >= 2.5.
    private static double ErfcContinuedFraction(double x)
    {
        var f = x;
        for (var k = 80; k >= 1; k--) f = x + k / 2.0 / f;
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
