namespace Parity.Engine.Kernels.Reductions;

/// <summary>What a reduction computes from the elements it reduces (ArgMax/ArgMin are separate: they return indices).</summary>
public enum ReductionKind
{
    /// <summary>Σ x.</summary>
    Sum,

    /// <summary>Σ x / n.</summary>
    Mean,

    /// <summary>Largest element; NaN when any element is NaN.</summary>
    Max,

    /// <summary>Smallest element; NaN when any element is NaN.</summary>
    Min,

    /// <summary>Π x.</summary>
    Product,

    /// <summary>Σ x².</summary>
    SumOfSquares,

    /// <summary>Σ |x| (L1 norm).</summary>
    L1,

    /// <summary>sqrt(Σ x²) (L2 norm).</summary>
    L2,

    /// <summary>log Σ x (Core ML LOGSUM and reduceLogSum); NaN when the sum is negative.</summary>
    LogSum,

    /// <summary>log Σ exp(x), computed as m + log Σ exp(x - m) with m the maximum so it cannot overflow.</summary>
    LogSumExp,
}
