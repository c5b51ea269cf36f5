namespace Parity.Engine.Kernels.Pooling;

/// <summary>What a pooling window computes.</summary>
public enum PoolKind
{
    /// <summary>Largest element of the window (padding never wins: only real elements are compared).</summary>
    Max,

    /// <summary>Mean of the window; whether padding counts in the divisor is <see cref="Pool2DParameters.CountPadding"/>.</summary>
    Average,

    /// <summary>sqrt(Σ x²) over the window's real elements (Core ML L2 pooling, MIL l2_pool); no averaging.</summary>
    L2,
}
