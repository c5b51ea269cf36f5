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
