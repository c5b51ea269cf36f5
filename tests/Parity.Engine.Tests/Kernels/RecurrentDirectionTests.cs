using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>
/// Directions, merges, output orders and masking, on a 1-unit simple RNN with W = U = 1, b = 0 and identity activation:
/// h_t = h_{t-1} + x_t, a running sum whose every value is easy to write down.
/// </summary>
public class RecurrentDirectionTests
{
    private static readonly float[] Input = [1f, 2f, 3f];

    private static (float[] Sequence, float[] FinalH) Run(bool reference, RecurrentSequence s, byte[]? mask = null)
    {
        var p = new SimpleRnnParameters(s, Activation.None);
        var sequence = new float[s.SequenceLength];
        var finalH = new float[s.StateLength];
        var weights = new SimpleRnnWeights([1f], [1f], []);
        if (reference) Ref.SimpleRnn.Run(p, Input, weights, weights, [], mask ?? [], sequence, finalH);
        else SimpleRnn.Run(p, Input, weights, weights, [], mask ?? [], sequence, finalH);
        return (sequence, finalH);
    }

    private static RecurrentSequence Sequence(RecurrentDirection direction,
        BidirectionalMerge merge = BidirectionalMerge.Concat,
        BackwardSequenceOrder order = BackwardSequenceOrder.Processed,
        MaskedStepOutput masked = MaskedStepOutput.PreviousOutput) => new(1, 3, 1, 1, direction, merge, order, masked);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_is_the_running_sum(bool reference)
    {
        var (sequence, h) = Run(reference, Sequence(RecurrentDirection.Forward));
        Assert.Equal([1f, 3f, 6f], sequence);
        Assert.Equal([6f], h);
    }

    [Theory]
    [InlineData(true, BackwardSequenceOrder.Processed, new[] { 3f, 5f, 6f })]
    [InlineData(false, BackwardSequenceOrder.Processed, new[] { 3f, 5f, 6f })]
    [InlineData(true, BackwardSequenceOrder.Input, new[] { 6f, 5f, 3f })]
    [InlineData(false, BackwardSequenceOrder.Input, new[] { 6f, 5f, 3f })]
    public void Backward_reads_3_2_1_and_stores_in_the_requested_order(bool reference, BackwardSequenceOrder order, float[] expected)
    {
        // Reading 3, 2, 1 gives 3, 5, 6; Keras go_backwards returns that processed order, input order reverses it.
        var (sequence, h) = Run(reference, Sequence(RecurrentDirection.Backward, order: order));
        Assert.Equal(expected, sequence);
        Assert.Equal([6f], h);
    }

    [Theory]
    [InlineData(true, BidirectionalMerge.Concat, new[] { 1f, 6f, 3f, 5f, 6f, 3f })]
    [InlineData(false, BidirectionalMerge.Concat, new[] { 1f, 6f, 3f, 5f, 6f, 3f })]
    [InlineData(true, BidirectionalMerge.Sum, new[] { 7f, 8f, 9f })]
    [InlineData(false, BidirectionalMerge.Sum, new[] { 7f, 8f, 9f })]
    [InlineData(true, BidirectionalMerge.Multiply, new[] { 6f, 15f, 18f })]
    [InlineData(false, BidirectionalMerge.Multiply, new[] { 6f, 15f, 18f })]
    [InlineData(true, BidirectionalMerge.Average, new[] { 3.5f, 4f, 4.5f })]
    [InlineData(false, BidirectionalMerge.Average, new[] { 3.5f, 4f, 4.5f })]
    [InlineData(true, BidirectionalMerge.None, new[] { 1f, 3f, 6f, 6f, 5f, 3f })]
    [InlineData(false, BidirectionalMerge.None, new[] { 1f, 3f, 6f, 6f, 5f, 3f })]
    public void Bidirectional_aligns_the_backward_pass_to_input_time_then_merges(bool reference, BidirectionalMerge merge, float[] expected)
    {
        // Forward [1, 3, 6]; backward in input order [6, 5, 3] (as Keras's Bidirectional and Core ML's biDirectionalLSTM).
        var (sequence, h) = Run(reference, Sequence(RecurrentDirection.Bidirectional, merge));
        Assert.Equal(expected, sequence);
        Assert.Equal([6f, 6f], h);
    }

    [Theory]
    [InlineData(true, MaskedStepOutput.PreviousOutput, new[] { 1f, 1f, 4f })]
    [InlineData(false, MaskedStepOutput.PreviousOutput, new[] { 1f, 1f, 4f })]
    [InlineData(true, MaskedStepOutput.Zero, new[] { 1f, 0f, 4f })]
    [InlineData(false, MaskedStepOutput.Zero, new[] { 1f, 0f, 4f })]
    public void Masked_steps_carry_the_state_and_emit_the_previous_output_or_zero(bool reference, MaskedStepOutput masked, float[] expected)
    {
        // Mask [1, 0, 1]: h = 1, then unchanged, then 1 + 3 = 4.
        var (sequence, h) = Run(reference, Sequence(RecurrentDirection.Forward, masked: masked), [1, 0, 1]);
        Assert.Equal(expected, sequence);
        Assert.Equal([4f], h);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Pre_activation_clip_bounds_the_sum(bool reference)
    {
        // Core ML's clip at 2.5 (instead of 50, to bite here): 1, clip(3) = 2.5, clip(5.5) = 2.5.
        var s = Sequence(RecurrentDirection.Forward);
        var p = new SimpleRnnParameters(s, Activation.None, 2.5f);
        var sequence = new float[3];
        var weights = new SimpleRnnWeights([1f], [1f], []);
        if (reference) Ref.SimpleRnn.Run(p, Input, weights, default, [], [], sequence, []);
        else SimpleRnn.Run(p, Input, weights, default, [], [], sequence, []);
        Assert.Equal([1f, 2.5f, 2.5f], sequence);
    }

    [Fact]
    public void Wrong_sizes_name_what_was_expected()
    {
        var s = Sequence(RecurrentDirection.Bidirectional);
        var e = Assert.Throws<ArgumentException>(() => SimpleRnn.Run(new SimpleRnnParameters(s, Activation.None), Input,
            new SimpleRnnWeights([1f], [1f], []), new SimpleRnnWeights([1f], [1f], []), [0f], [], [], []));
        Assert.Contains("initial h", e.Message);
        Assert.Contains("expected 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => SimpleRnn.Run(new SimpleRnnParameters(s, Activation.None), Input,
            new SimpleRnnWeights([1f], [1f], []), default, [], [], [], []));
        Assert.Contains("backward SimpleRNN kernel", e.Message);
    }
}
