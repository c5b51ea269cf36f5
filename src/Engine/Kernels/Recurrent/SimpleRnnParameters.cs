namespace Parity.Engine.Kernels.Recurrent;

/// <summary>A simple (Elman) recurrent layer's options: h_t = activation(clip(x_t W + h_{t-1} U + b)).</summary>
/// <param name="PreActivationClip">The pre-activation is clamped to [-x, x]; Core ML NeuralNetwork documents 50, Keras has none (infinity).</param>
public readonly record struct SimpleRnnParameters(
    RecurrentSequence Sequence,
    Activation Activation,
    float PreActivationClip = float.PositiveInfinity);

/// <summary>One direction's weights: kernel W [features, units], recurrent kernel U [units, units], bias [units] (empty = zeros).</summary>
public readonly ref struct SimpleRnnWeights(ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias)
{
    public ReadOnlySpan<float> Kernel { get; } = kernel;
    public ReadOnlySpan<float> RecurrentKernel { get; } = recurrentKernel;
    public ReadOnlySpan<float> Bias { get; } = bias;

    internal void Validate(in RecurrentSequence s, string direction)
    {
        RecurrentSequence.ExpectLength($"{direction} SimpleRNN kernel [features, units]", Kernel.Length, (long)s.Features * s.Units, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction} SimpleRNN recurrent kernel [units, units]", RecurrentKernel.Length, (long)s.Units * s.Units, allowEmpty: false);
        RecurrentSequence.ExpectLength($"{direction} SimpleRNN bias [units]", Bias.Length, s.Units, allowEmpty: true);
    }
}
