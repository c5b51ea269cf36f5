namespace Parity.Engine.Kernels.Recurrent;

/// <summary>
/// An LSTM layer's options. Activations: <paramref name="RecurrentActivation"/> on i, f, o (Keras
/// <c>recurrent_activation</c>, Core ML f()); <paramref name="CellActivation"/> on the candidate (Keras
/// <c>activation</c>, Core ML g()); <paramref name="OutputActivation"/> on c_t before it is gated into h (Keras
/// <c>activation</c> again, Core ML h()).
/// </summary>
/// <param name="CellClip">c_t is clamped to [-CellClip, CellClip] (Core ML <c>cellClipThreshold</c>, MIL <c>clip</c>); infinity = off.</param>
/// <param name="PreActivationClip">Every gate pre-activation is clamped to [-x, x] before its activation; Core ML
/// NeuralNetwork documents clip(..) to [-50, 50]; Keras has none (infinity).</param>
/// <param name="CoupledInputForget">f = 1 - i (Core ML <c>coupledInputAndForgetGate</c>); the forget block is then unused.</param>
public readonly record struct LstmParameters(
    RecurrentSequence Sequence,
    LstmGateOrder GateOrder,
    Activation RecurrentActivation,
    Activation CellActivation,
    Activation OutputActivation,
    float CellClip = float.PositiveInfinity,
    float PreActivationClip = float.PositiveInfinity,
    bool CoupledInputForget = false)
{
    /// <summary>Keras's defaults: sigmoid gates, tanh candidate and output, no clipping.</summary>
    public static LstmParameters Keras(RecurrentSequence sequence) =>
        new(sequence, LstmGateOrder.Keras, new Activation(ActivationKind.Sigmoid), new Activation(ActivationKind.Tanh), new Activation(ActivationKind.Tanh));
}
