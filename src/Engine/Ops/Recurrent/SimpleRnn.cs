using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Kernel = Parity.Engine.Kernels.Recurrent.SimpleRnn;

namespace Parity.Engine.Ops.Recurrent;

/// <summary>
/// A simple recurrent layer, h_t = f(clip(x_t W + h_{t-1} U + b)), with constant weights; inputs and outputs as
/// <see cref="RecurrentLayerOptions"/> describes.
/// </summary>
public sealed class SimpleRnn : RecurrentOperator
{
    public SimpleRnn(
        RecurrentWeightTensors weights, RecurrentWeightTensors? backwardWeights, RecurrentLayerOptions options,
        Activation activation, float preActivationClip = float.PositiveInfinity)
        : base(1, weights, backwardWeights, options)
    {
        if (weights.Peepholes is not null || weights.RecurrentBias is not null || backwardWeights?.Peepholes is not null || backwardWeights?.RecurrentBias is not null)
        {
            throw new ArgumentException("A simple RNN has only a kernel, a recurrent kernel and a bias.");
        }
        (Activation, PreActivationClip) = (activation, preActivationClip);
    }

    public override string Kind => "SimpleRNN";

    public Activation Activation { get; }

    public float PreActivationClip { get; }

    private protected override bool HasCellState => false;

    private protected override void Run(in RecurrentSequence s, ReadOnlySpan<float> input, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0,
        ReadOnlySpan<byte> mask, Span<float> sequence, Span<float> finalH, Span<float> finalC)
    {
        var p = new SimpleRnnParameters(s, Activation, PreActivationClip);
        Kernel.Run(p, input, Spans(Weights), BackwardWeights is null ? default : Spans(BackwardWeights), h0, mask, sequence, finalH);
    }

    private static SimpleRnnWeights Spans(RecurrentWeightTensors w) =>
        new(w.Kernel.Floats, w.RecurrentKernel.Floats, w.Bias is null ? default : w.Bias.Floats);
}
