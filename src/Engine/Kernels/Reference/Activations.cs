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
            ActivationKind.Elu => x > 0 ? x : a * (Math.Exp(x) - 1),
            ActivationKind.Selu => SeluScale * (x > 0 ? x : SeluAlpha * (Math.Exp(x) - 1)),
            ActivationKind.Softplus => Softplus(x),
            ActivationKind.ParametricSoftplus => a * Softplus(b * x),
            ActivationKind.Softsign => x / (1 + Math.Abs(x)),
            ActivationKind.Sigmoid => Sigmoid(x),
            ActivationKind.HardSigmoid => Math.Clamp(a * x + b, 0, 1),
            ActivationKind.Tanh => Math.Tanh(x),
            ActivationKind.ScaledTanh => a * Math.Tanh(b * x),
            ActivationKind.Swish => x * Sigmoid(x),
            ActivationKind.Gelu => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))),
            ActivationKind.GeluTanh => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
            ActivationKind.GeluSigmoid => x * Sigmoid(1.702 * x),
            ActivationKind.Exponential => Math.Exp(x),
            ActivationKind.ThresholdedRelu => x > a ? x : 0,
            // MIL clamped_relu: min(beta, x) for x >= 0, min(beta, alpha * x) otherwise.
            ActivationKind.ClampedRelu => Math.Min(b, x >= 0 ? x : a * x),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation.Kind, null),
        };
        return (float)y;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // log(1 + e^x) without overflow for large x.
    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

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

        // erfc(x) = exp(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))), evaluated from the tail.
        var f = ax;
        for (var k = 80; k >= 1; k--) f = ax + k / 2.0 / f;
        var erfc = Math.Exp(-ax * ax) / Math.Sqrt(Math.PI) / f;
        return Math.Sign(x) * (1 - erfc);
    }
}
