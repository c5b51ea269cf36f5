namespace Parity.Engine.Kernels.Recurrent;

/// <summary>How a bidirectional layer combines its forward and backward outputs (Keras <c>merge_mode</c>).</summary>
public enum BidirectionalMerge
{
    /// <summary>[forward, backward] along the feature axis: width 2 * units (also Core ML's layout).</summary>
    Concat,
    Sum,
    Multiply,
    /// <summary>(forward + backward) / 2.</summary>
    Average,
    /// <summary>No merge: the two sequences are returned separately, as [2, batch, time, units] (forward first).</summary>
    None,
}
