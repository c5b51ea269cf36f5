namespace Parity.Engine.Kernels.Recurrent;

/// <summary>A simple (Elman) recurrent layer's options: h_t = activation(clip(x_t W + h_{t-1} U + b)).</summary>
/// <param name="PreActivationClip">The pre-activation is clamped to [-x, x]; Core ML NeuralNetwork documents 50, Keras has none (infinity).</param>
public readonly record struct SimpleRnnParameters(
    RecurrentSequence Sequence,
    Activation Activation,
    float PreActivationClip = float.PositiveInfinity);
