using Parity.Engine.Kernels.Elementwise;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Elementwise.Unary"/>: each function in double, rounded once to float.</summary>
public static class Unary
{
    public static void Apply(UnaryKind kind, ReadOnlySpan<float> input, Span<float> output)
    {
        for (var i = 0; i < input.Length; i++) output[i] = Apply(kind, input[i]);
    }

    public static float Apply(UnaryKind kind, float value)
    {
        double x = value;
        var y = kind switch
        {
            UnaryKind.Sqrt => Math.Sqrt(x),
            UnaryKind.Rsqrt => 1 / Math.Sqrt(x),
            UnaryKind.Exp => Math.Exp(x),
            UnaryKind.Log => Math.Log(x),
            UnaryKind.Abs => Math.Abs(x),
            UnaryKind.Negate => -x,
            UnaryKind.Floor => Math.Floor(x),
            UnaryKind.Ceil => Math.Ceiling(x),
            UnaryKind.Round => Math.Round(x, MidpointRounding.ToEven),
            UnaryKind.Sign => x > 0 ? 1 : x < 0 ? -1 : x,
            UnaryKind.Reciprocal => 1 / x,
            UnaryKind.Square => x * x,
            UnaryKind.Sin => Math.Sin(x),
            UnaryKind.Cos => Math.Cos(x),
            UnaryKind.Erf => Activations.Erf(x),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return (float)y;
    }

    public static void Clip(ReadOnlySpan<float> input, Span<float> output, float min, float max)
    {
        for (var i = 0; i < input.Length; i++) output[i] = float.IsNaN(input[i]) ? input[i] : Math.Clamp(input[i], min, max);
    }

    public static void Affine(ReadOnlySpan<float> input, Span<float> output, float alpha, float beta)
    {
        for (var i = 0; i < input.Length; i++) output[i] = (float)((double)alpha * input[i] + beta);
    }
}
