namespace Parity.Engine.Kernels.Recurrent;

/// <summary>
/// Sizes and direction handling shared by the recurrent kernels. Data layouts, all row-major float32:
/// <list type="bullet">
/// <item>input: [batch, time, features] (Keras's layout; readers transpose Core ML's [seq, batch, C] themselves);</item>
/// <item>mask: [batch, time] bytes, nonzero = step is valid; empty = no masking. A masked step leaves the states
/// unchanged and emits <see cref="MaskedOutput"/> (Keras masking semantics);</item>
/// <item>initial states and final states: [directions, batch, units]; an empty initial state means zeros, an empty
/// final-state span means "not wanted";</item>
/// <item>sequence output: [batch, time, units] for one direction, [batch, time, 2 * units] for
/// <see cref="BidirectionalMerge.Concat"/>, [2, batch, time, units] for <see cref="BidirectionalMerge.None"/>;
/// empty means "not wanted".</item>
/// </list>
/// </summary>
public readonly record struct RecurrentSequence(
    int Batch, int Time, int Features, int Units,
    RecurrentDirection Direction = RecurrentDirection.Forward,
    BidirectionalMerge Merge = BidirectionalMerge.Concat,
    BackwardSequenceOrder BackwardOrder = BackwardSequenceOrder.Processed,
    MaskedStepOutput MaskedOutput = MaskedStepOutput.PreviousOutput)
{
    /// <summary>2 for <see cref="RecurrentDirection.Bidirectional"/>, else 1.</summary>
    public int Directions => Direction == RecurrentDirection.Bidirectional ? 2 : 1;

    /// <summary>Width of one step of the sequence output (2 * units only for a concatenating bidirectional layer).</summary>
    public int OutputWidth => Direction == RecurrentDirection.Bidirectional && Merge == BidirectionalMerge.Concat ? 2 * Units : Units;

    /// <summary>Elements of the sequence output.</summary>
    public int SequenceLength => (Direction == RecurrentDirection.Bidirectional && Merge == BidirectionalMerge.None ? 2 : 1) * Batch * Time * OutputWidth;

    /// <summary>Elements of each initial or final state: directions * batch * units.</summary>
    public int StateLength => Directions * Batch * Units;

    /// <summary>True when pass <paramref name="direction"/> (0 or 1) walks time from the end.</summary>
    public bool IsReversed(int direction) => direction == 1 || Direction == RecurrentDirection.Backward;

    /// <summary>True when pass outputs are stored in processing order instead of input time order.</summary>
    public bool StoresProcessedOrder => Direction == RecurrentDirection.Backward && BackwardOrder == BackwardSequenceOrder.Processed;

    /// <summary>Checks the sizes and the spans every recurrent kernel receives; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void Validate(
        ReadOnlySpan<float> input, ReadOnlySpan<byte> mask,
        ReadOnlySpan<float> initialH, Span<float> sequence, Span<float> finalH)
    {
        if (Batch < 1 || Time < 1 || Features < 1 || Units < 1)
        {
            throw new ArgumentException($"Recurrent sizes must be batch >= 1, time >= 1, features >= 1, units >= 1; got batch {Batch}, time {Time}, features {Features}, units {Units}.");
        }
        if (!Enum.IsDefined(Direction)) throw new ArgumentException($"Unknown recurrent direction {Direction}.");
        if (!Enum.IsDefined(Merge)) throw new ArgumentException($"Unknown bidirectional merge mode {Merge}.");
        ExpectLength("input [batch, time, features]", input.Length, (long)Batch * Time * Features, allowEmpty: false);
        ExpectLength("mask [batch, time]", mask.Length, (long)Batch * Time, allowEmpty: true);
        ExpectLength("initial h [directions, batch, units]", initialH.Length, StateLength, allowEmpty: true);
        ExpectLength("sequence output", sequence.Length, SequenceLength, allowEmpty: true);
        ExpectLength("final h [directions, batch, units]", finalH.Length, StateLength, allowEmpty: true);
    }

    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="expected"/> (or 0 when that means "absent").</summary>
    public static void ExpectLength(string what, int actual, long expected, bool allowEmpty)
    {
        if (actual == expected || (allowEmpty && actual == 0)) return;
        var alternative = allowEmpty ? " (or empty)" : "";
        throw new ArgumentException($"The {what} has {actual} values; expected {expected}{alternative}.");
    }

    /// <summary>
    /// Where pass <paramref name="direction"/> writes its step outputs: a span whose row (batch b, time slot s) starts at
    /// (b * time + s) * <paramref name="rowStride"/>. Concat and None write straight into the output; the other merges
    /// write the backward pass into <paramref name="scratch"/> ([batch, time, units]) for <see cref="MergeInto"/>.
    /// </summary>
    public Span<float> PassOutput(int direction, Span<float> sequence, Span<float> scratch, out int rowStride)
    {
        rowStride = OutputWidth;
        if (sequence.IsEmpty || direction == 0) return sequence;
        return Merge switch
        {
            BidirectionalMerge.Concat => sequence[Units..],
            BidirectionalMerge.None => sequence[(Batch * Time * Units)..],
            _ => scratch,
        };
    }

    /// <summary>True when the backward pass needs a [batch, time, units] scratch buffer (sum, multiply, average).</summary>
    public bool NeedsMergeScratch(bool wantsSequence) =>
        wantsSequence && Direction == RecurrentDirection.Bidirectional && Merge is not (BidirectionalMerge.Concat or BidirectionalMerge.None);

    /// <summary>Combines the backward pass's scratch into the forward pass's outputs for sum, multiply and average.</summary>
    public void MergeInto(Span<float> sequence, ReadOnlySpan<float> backward)
    {
        switch (Merge)
        {
            case BidirectionalMerge.Sum:
                System.Numerics.Tensors.TensorPrimitives.Add(sequence, backward, sequence);
                break;
            case BidirectionalMerge.Multiply:
                System.Numerics.Tensors.TensorPrimitives.Multiply(sequence, backward, sequence);
                break;
            case BidirectionalMerge.Average:
                System.Numerics.Tensors.TensorPrimitives.Add(sequence, backward, sequence);
                System.Numerics.Tensors.TensorPrimitives.Multiply(sequence, 0.5f, sequence);
                break;
        }
    }
}
