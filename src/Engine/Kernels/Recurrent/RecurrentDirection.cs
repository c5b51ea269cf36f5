namespace Parity.Engine.Kernels.Recurrent;

/// <summary>Which way a recurrent layer walks the time axis.</summary>
public enum RecurrentDirection
{
    /// <summary>t = 0 .. T-1.</summary>
    Forward,

    /// <summary>
    /// t = T-1 .. 0 (Keras <c>go_backwards</c>, Core ML <c>reverseInput</c>, MIL <c>direction="reverse"</c>);
    /// the order of the returned sequence is <see cref="BackwardSequenceOrder"/>.
    /// </summary>
    Backward,

    /// <summary>
    /// A forward and a backward pass with separate weights, merged by <see cref="BidirectionalMerge"/>. The backward
    /// sequence is always aligned to input time here, as Keras's Bidirectional wrapper (it reverses the backward
    /// layer's output) and Core ML's biDirectionalLSTM (output t holds [yf_t, yb_t]) both define it.
    /// </summary>
    Bidirectional,
}

/// <summary>Where a single backward pass puts step outputs in the returned sequence.</summary>
public enum BackwardSequenceOrder
{
    /// <summary>
    /// Output s is the s-th step processed, i.e. the state after reading x[T-1] .. x[T-1-s]. Keras's
    /// <c>go_backwards=True</c> returns this order (its RNN stacks outputs as it walks the reversed input).
    /// </summary>
    Processed,

    /// <summary>Output t is the state right after reading x[t] (aligned with the input time axis).</summary>
    Input,
}

/// <summary>What a masked step emits as its output (states are always carried unchanged through masked steps).</summary>
public enum MaskedStepOutput
{
    /// <summary>The previous step's output, zeros before the first unmasked step (Keras's default).</summary>
    PreviousOutput,

    /// <summary>Zeros (Keras <c>zero_output_for_mask</c>, which Bidirectional sets on its layers when returning sequences).</summary>
    Zero,
}
