using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Kernel = Parity.Engine.Kernels.Recurrent.Lstm;

namespace Parity.Engine.Ops.Recurrent;

/// <summary>
/// An LSTM layer (equations on <see cref="Kernel"/>) with constant weights whose gate blocks follow
/// <see cref="GateOrder"/>; inputs and outputs as <see cref="RecurrentLayerOptions"/> describes.
/// </summary>
public sealed class Lstm : RecurrentOperator
{
    public Lstm(
        RecurrentWeightTensors weights, RecurrentWeightTensors? backwardWeights, RecurrentLayerOptions options,
        LstmGateOrder gateOrder, Activation recurrentActivation, Activation cellActivation, Activation outputActivation,
        float cellClip = float.PositiveInfinity, float preActivationClip = float.PositiveInfinity, bool coupledInputForget = false)
        : base(4, weights, backwardWeights, options)
    {
        if (weights.RecurrentBias is not null || backwardWeights?.RecurrentBias is not null)
        {
            throw new ArgumentException("An LSTM has one bias per direction; fold any recurrent bias into it.");
        }
        (GateOrder, RecurrentActivation, CellActivation, OutputActivation) = (gateOrder, recurrentActivation, cellActivation, outputActivation);
        (CellClip, PreActivationClip, CoupledInputForget) = (cellClip, preActivationClip, coupledInputForget);
    }

    public override string Kind => "LSTM";

    public LstmGateOrder GateOrder { get; }

    public Activation RecurrentActivation { get; }

    public Activation CellActivation { get; }

    public Activation OutputActivation { get; }

    public float CellClip { get; }

    public float PreActivationClip { get; }

    public bool CoupledInputForget { get; }

    private protected override bool HasCellState => true;

    private protected override void Run(in RecurrentSequence s, ReadOnlySpan<float> input, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0,
        ReadOnlySpan<byte> mask, Span<float> sequence, Span<float> finalH, Span<float> finalC)
    {
        var p = new LstmParameters(s, GateOrder, RecurrentActivation, CellActivation, OutputActivation, CellClip, PreActivationClip, CoupledInputForget);
        Kernel.Run(p, input, Spans(Weights), BackwardWeights is null ? default : Spans(BackwardWeights), h0, c0, mask, sequence, finalH, finalC);
    }

    private static LstmWeights Spans(RecurrentWeightTensors w) =>
        new(w.Kernel.Floats, w.RecurrentKernel.Floats, w.Bias is null ? default : w.Bias.Floats, w.Peepholes is null ? default : w.Peepholes.Floats);
}
