using Parity.Engine.Kernels.Recurrent;

namespace Parity.Engine.Ops.Recurrent;

/// <summary>
/// What a recurrent op reads and returns. Inputs, in order: x [batch, time, features]; then, when
/// <see cref="HasInitialStates"/>, h0 (and c0 for an LSTM), each [batch, units] for one direction or
/// [2, batch, units] for a bidirectional layer; then, when <see cref="HasMask"/>, a bool or uint8 mask [batch, time].
/// Outputs, in order: the sequence [batch, time, width] when <see cref="ReturnSequences"/>, else the last output
/// [batch, width] (width = 2 * units for a concatenating bidirectional layer; merge None gives a forward and a backward
/// output instead of one); then, when <see cref="ReturnStates"/>, the final h (and c) of each direction, forward first,
/// each [batch, units] (Keras's order: h, c, then h_back, c_back).
/// </summary>
public sealed record RecurrentLayerOptions(
    RecurrentDirection Direction = RecurrentDirection.Forward,
    BidirectionalMerge Merge = BidirectionalMerge.Concat,
    BackwardSequenceOrder BackwardOrder = BackwardSequenceOrder.Processed,
    bool ReturnSequences = false,
    bool ReturnStates = false,
    bool HasInitialStates = false,
    bool HasMask = false,
    MaskedStepOutput MaskedOutput = MaskedStepOutput.PreviousOutput)
{
    public int Directions => Direction == RecurrentDirection.Bidirectional ? 2 : 1;
}
