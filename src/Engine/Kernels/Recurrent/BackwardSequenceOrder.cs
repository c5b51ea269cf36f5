namespace Parity.Engine.Kernels.Recurrent;

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
