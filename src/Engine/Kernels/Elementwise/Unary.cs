namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// Element-wise unary float32 kernels. Output may be the input itself. Bounds against the double-precision result
/// (established by ElementwiseUnaryTests): exact for abs, negate, floor, ceil, round, sign, square, sqrt, reciprocal
/// and clip; 1 ulp for rsqrt and affine; 2 ulp for exp, log, sin and cos (the BCL's vector versions); 3 ulp for erf.
/// </summary>
public static class Unary
{
    public static void Apply(UnaryKind kind, ReadOnlySpan<float> input, Span<float> output)
    {
        switch (kind)
        {
            case UnaryKind.Sqrt: UnaryDriver.MapParallel(new SqrtOperator(), input, output); break;
            case UnaryKind.Rsqrt: UnaryDriver.MapParallel(new RsqrtOperator(), input, output); break;
            case UnaryKind.Exp: UnaryDriver.MapParallel(new ExpOperator(), input, output); break;
            case UnaryKind.Log: UnaryDriver.MapParallel(new LogOperator(), input, output); break;
            case UnaryKind.Abs: UnaryDriver.MapParallel(new AbsOperator(), input, output); break;
            case UnaryKind.Negate: UnaryDriver.MapParallel(new NegateOperator(), input, output); break;
            case UnaryKind.Floor: UnaryDriver.MapParallel(new FloorOperator(), input, output); break;
            case UnaryKind.Ceil: UnaryDriver.MapParallel(new CeilOperator(), input, output); break;
            case UnaryKind.Round: UnaryDriver.MapParallel(new RoundOperator(), input, output); break;
            case UnaryKind.Sign: UnaryDriver.MapParallel(new SignOperator(), input, output); break;
            case UnaryKind.Reciprocal: UnaryDriver.MapParallel(new ReciprocalOperator(), input, output); break;
            case UnaryKind.Square: UnaryDriver.MapParallel(new SquareOperator(), input, output); break;
            case UnaryKind.Sin: UnaryDriver.MapParallel(new SinOperator(), input, output); break;
            case UnaryKind.Cos: UnaryDriver.MapParallel(new CosOperator(), input, output); break;
            case UnaryKind.Erf: UnaryDriver.MapParallel(new ErfOperator(), input, output); break;
            default: throw new ArgumentException($"Unknown unary kind {kind}.", nameof(kind));
        }
    }

    /// <summary>output = min(max(input, min), max); NaN stays NaN.</summary>
    public static void Clip(ReadOnlySpan<float> input, Span<float> output, float min, float max)
    {
        if (!(min <= max))
        {
            throw new ArgumentException($"Clip bounds must satisfy min <= max; got min {min}, max {max}.", nameof(min));
        }
        UnaryDriver.MapParallel(new ClipOperator(min, max), input, output);
    }

    /// <summary>output = alpha * input + beta, rounded once (FMA).</summary>
    public static void Affine(ReadOnlySpan<float> input, Span<float> output, float alpha, float beta) =>
        UnaryDriver.MapParallel(new LinearOperator(alpha, beta), input, output);
}
