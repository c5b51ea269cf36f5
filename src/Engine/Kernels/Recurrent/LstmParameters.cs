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

/// <summary>
/// One direction's LSTM weights, gate blocks in <see cref="LstmParameters.GateOrder"/>:
/// kernel W [features, 4 * units], recurrent kernel U [units, 4 * units], bias [4 * units] (empty = zeros),
/// peepholes [3 * units] ordered p_i, p_f, p_o (empty = no peepholes). Keras's forget-bias option is an initializer,
/// already inside the stored bias; Core ML's <c>forgetBias</c> flag is ignored by its runtime: neither is applied here.
/// </summary>
public readonly ref struct LstmWeights(ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias, ReadOnlySpan<float> peepholes)
{
    public ReadOnlySpan<float> Kernel { get; } = kernel;
    public ReadOnlySpan<float> RecurrentKernel { get; } = recurrentKernel;
    public ReadOnlySpan<float> Bias { get; } = bias;
    public ReadOnlySpan<float> Peepholes { get; } = peepholes;

    internal void Validate(in RecurrentSequence s, string direction)
    {
        var gates = 4L * s.Units;
        RecurrentSequence.ExpectLength($"{direction} LSTM kernel [features, 4 * units]", Kernel.Length, s.Features * gates, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction} LSTM recurrent kernel [units, 4 * units]", RecurrentKernel.Length, s.Units * gates, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction} LSTM bias [4 * units]", Bias.Length, gates, allowEmpty: true);
        RecurrentSequence.ExpectLength($"{direction} LSTM peepholes [3 * units]", Peepholes.Length, 3L * s.Units, allowEmpty: true);
    }
}
