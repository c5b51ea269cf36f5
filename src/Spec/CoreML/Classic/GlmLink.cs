using Parity.Engine.Kernels;
using Parity.Engine.Ops.Elementwise;

namespace Parity.Spec.CoreML.Classic;

/// <summary>The link functions Core ML's generalized linear models apply to their linear scores.</summary>
internal static class GlmLink
{
    /// <summary>1 / (1 + e^-s); the last node is named after <paramref name="outputFeature"/> when given.</summary>
    public static string Logit(ClassicStageContext context, string scores, string? outputFeature = null) =>
        Step(context, "logit", new ElementwiseActivation(new Activation(ActivationKind.Sigmoid)), scores, outputFeature);

    /// <summary>The standard normal CDF, (1 + erf(s / sqrt 2)) / 2; the last node is named after <paramref name="outputFeature"/> when given.</summary>
    public static string Probit(ClassicStageContext context, string scores, string? outputFeature = null)
    {
        var scaled = context.Emit("probit/scaled", new ElementwiseActivation(new Activation(ActivationKind.Linear, 1f / MathF.Sqrt(2f))), scores);
        var erf = context.Emit("probit/erf", new UnaryMath(Parity.Engine.Kernels.Elementwise.UnaryKind.Erf), scaled);
        return Step(context, "probit", new ElementwiseActivation(new Activation(ActivationKind.Linear, 0.5f, 0.5f)), erf, outputFeature);
    }

    private static string Step(ClassicStageContext context, string step, Parity.Engine.Graph.IOperator op, string input, string? outputFeature) =>
        outputFeature is null ? context.Emit(step, op, input) : context.EmitOutput(outputFeature, op, input);
}
