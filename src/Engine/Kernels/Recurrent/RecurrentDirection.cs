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
