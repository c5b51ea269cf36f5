using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Kernel = Parity.Engine.Kernels.Recurrent.Gru;

namespace Parity.Engine.Ops.Recurrent;

/// <summary>
/// A GRU layer (equations on <see cref="Kernel"/>, both reset conventions) with constant weights whose gate blocks
/// follow <see cref="GateOrder"/>; inputs and outputs as <see cref="RecurrentLayerOptions"/> describes.
/// </summary>
public sealed class Gru : RecurrentOperator
{
    public Gru(
        RecurrentWeightTensors weights, RecurrentWeightTensors? backwardWeights, RecurrentLayerOptions options,
        GruGateOrder gateOrder, Activation recurrentActivation, Activation candidateActivation, bool resetAfter,
        float preActivationClip = float.PositiveInfinity)
        : base(3, weights, backwardWeights, options)
    {
        if (weights.Peepholes is not null || backwardWeights?.Peepholes is not null)
        {
            throw new ArgumentException("A GRU has no peepholes.");
        }
        (GateOrder, RecurrentActivation, CandidateActivation, ResetAfter, PreActivationClip) =
            (gateOrder, recurrentActivation, candidateActivation, resetAfter, preActivationClip);
    }

    public override string Kind => "GRU";

    public GruGateOrder GateOrder { get; }

    public Activation RecurrentActivation { get; }

    public Activation CandidateActivation { get; }

    /// <summary>Whether r multiplies h_{t-1} U_h + b_rh (true) or h_{t-1} before the product (false).</summary>
    public bool ResetAfter { get; }

    public float PreActivationClip { get; }

    private protected override bool HasCellState => false;

    private protected override void Run(in RecurrentSequence s, ReadOnlySpan<float> input, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0,
        ReadOnlySpan<byte> mask, Span<float> sequence, Span<float> finalH, Span<float> finalC)
    {
        var p = new GruParameters(s, GateOrder, RecurrentActivation, CandidateActivation, ResetAfter, PreActivationClip);
        Kernel.Run(p, input, Spans(Weights), BackwardWeights is null ? default : Spans(BackwardWeights), h0, mask, sequence, finalH);
    }

    private static GruWeights Spans(RecurrentWeightTensors w) =>
        new(w.Kernel.Floats, w.RecurrentKernel.Floats, w.Bias is null ? default : w.Bias.Floats, w.RecurrentBias is null ? default : w.RecurrentBias.Floats);
}
