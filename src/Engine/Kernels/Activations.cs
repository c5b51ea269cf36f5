using Parity.Engine.Kernels.Elementwise;

namespace Parity.Engine.Kernels;

/// <summary>Element-wise activation functions over spans (input and output may be the same span).</summary>
public static class Activations
{
    /// <summary>
    /// output[i] = activation(input[i]) in float. Bounds against the double-precision definitions in
    /// Reference.Activations (established by ActivationTests): exact for relu, relu6, leaky, thresholded and clamped
    /// relu; 1 ulp for linear, hard sigmoid, softsign; 2 ulp for exponential, tanh; 4 ulp for elu, selu, softplus,
    /// sigmoid, scaled tanh, swish; 8 ulp for gelu; parametric softplus and the gelu approximations add 1.5 ulp per
    /// unit of their exp argument (the rounding of beta * x or 1.702 * x is magnified by exp), up to 3 per unit for
    /// gelu-tanh. <paramref name="output"/> may be <paramref name="input"/> itself but must not partially overlap it.
    /// </summary>
    public static void Apply(Activation activation, ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException($"The output has {output.Length} elements but the input has {input.Length}; they must be equal.", nameof(output));
        }
        if (activation.IsIdentity)
        {
            input.CopyTo(output);
            return;
        }
        float a = activation.Alpha, b = activation.Beta;
        switch (activation.Kind)
        {
            case ActivationKind.Linear: Run(new LinearOperator(a, b), input, output); break;
            case ActivationKind.Relu: Run(new ReluOperator(), input, output); break;
            case ActivationKind.Relu6: Run(new Relu6Operator(), input, output); break;
            case ActivationKind.LeakyRelu: Run(new LeakyReluOperator(a), input, output); break;
            case ActivationKind.Elu: Run(new EluOperator(a), input, output); break;
            case ActivationKind.Selu: Run(new SeluOperator(), input, output); break;
            case ActivationKind.Softplus: Run(new SoftplusOperator(), input, output); break;
            case ActivationKind.ParametricSoftplus: Run(new ParametricSoftplusOperator(a, b), input, output); break;
            case ActivationKind.Softsign: Run(new SoftsignOperator(), input, output); break;
            case ActivationKind.Sigmoid: Run(new SigmoidOperator(), input, output); break;
            case ActivationKind.HardSigmoid: Run(new HardSigmoidOperator(a, b), input, output); break;
            case ActivationKind.Tanh: Run(new TanhOperator(), input, output); break;
            case ActivationKind.ScaledTanh: Run(new ScaledTanhOperator(a, b), input, output); break;
            case ActivationKind.Swish: Run(new SwishOperator(), input, output); break;
            case ActivationKind.Gelu: Run(new GeluOperator(), input, output); break;
            case ActivationKind.GeluTanh: Run(new GeluTanhOperator(), input, output); break;
            case ActivationKind.GeluSigmoid: Run(new GeluSigmoidOperator(), input, output); break;
            case ActivationKind.Exponential: Run(new ExponentialOperator(), input, output); break;
            case ActivationKind.ThresholdedRelu: Run(new ThresholdedReluOperator(a), input, output); break;
            case ActivationKind.ClampedRelu: Run(new ClampedReluOperator(a, b), input, output); break;
            default: throw new ArgumentException($"Unknown activation kind {activation.Kind}.", nameof(activation));
        }
    }

    private static void Run<TOp>(TOp op, ReadOnlySpan<float> input, Span<float> output) where TOp : struct, IUnaryOperator =>
        UnaryDriver.MapParallel(op, input, output);
}
