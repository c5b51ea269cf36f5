namespace Parity.Engine.Kernels.Recurrent;

/// <summary>
/// A GRU layer's options: <paramref name="RecurrentActivation"/> on z and r (Keras <c>recurrent_activation</c>,
/// Core ML f()), <paramref name="CandidateActivation"/> on the candidate (Keras <c>activation</c>, Core ML g()).
/// </summary>
/// <param name="ResetAfter">
/// false: r gates h_{t-1} before the recurrent product, (r ⊙ h_{t-1}) U_h (Keras 1/2 default, the original GRU,
/// Core ML NeuralNetwork). true: r gates the product, r ⊙ (h_{t-1} U_h + b_rh) (Keras 2.3+/TF2 default, cuDNN,
/// PyTorch; MIL <c>gru</c> with its single bias, i.e. b_rh = 0).
/// </param>
/// <param name="PreActivationClip">Every gate pre-activation is clamped to [-x, x]; Core ML NeuralNetwork documents 50, Keras has none (infinity).</param>
public readonly record struct GruParameters(
    RecurrentSequence Sequence,
    GruGateOrder GateOrder,
    Activation RecurrentActivation,
    Activation CandidateActivation,
    bool ResetAfter,
    float PreActivationClip = float.PositiveInfinity)
{
    /// <summary>tf.keras 2.x defaults: sigmoid gates, tanh candidate, reset_after.</summary>
    public static GruParameters Keras(RecurrentSequence sequence) =>
        new(sequence, GruGateOrder.Keras, new Activation(ActivationKind.Sigmoid), new Activation(ActivationKind.Tanh), ResetAfter: true);
}

/// <summary>
/// One direction's GRU weights, gate blocks in <see cref="GruParameters.GateOrder"/>: kernel W [features, 3 * units],
/// recurrent kernel U [units, 3 * units], input bias b [3 * units] and recurrent bias b_r [3 * units] (each empty =
/// zeros). Keras reset_after stores its bias as [2, 3 * units]: row 0 is the input bias, row 1 the recurrent bias.
/// </summary>
public readonly ref struct GruWeights(ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> recurrentBias)
{
    public ReadOnlySpan<float> Kernel { get; } = kernel;
    public ReadOnlySpan<float> RecurrentKernel { get; } = recurrentKernel;
    public ReadOnlySpan<float> Bias { get; } = bias;
    public ReadOnlySpan<float> RecurrentBias { get; } = recurrentBias;

    internal void Validate(in RecurrentSequence s, string direction)
    {
        var gates = 3L * s.Units;
        RecurrentSequence.ExpectLength($"{direction} GRU kernel [features, 3 * units]", Kernel.Length, s.Features * gates, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction} GRU recurrent kernel [units, 3 * units]", RecurrentKernel.Length, s.Units * gates, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction} GRU bias [3 * units]", Bias.Length, gates, allowEmpty: true);
        RecurrentSequence.ExpectLength($"{direction} GRU recurrent bias [3 * units]", RecurrentBias.Length, gates, allowEmpty: true);
    }
}
