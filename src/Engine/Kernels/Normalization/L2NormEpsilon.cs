namespace Parity.Engine.Kernels.Normalization;

/// <summary>How an L2 normalization keeps its divisor away from zero; frameworks differ.</summary>
public enum L2NormEpsilon
{
    /// <summary>x / sqrt(Σx² + ε): Core ML NeuralNetwork l2normalize and MIL l2_norm (their spec formulas).</summary>
    AddToSumOfSquares,

    /// <summary>x / sqrt(max(Σx², ε)): TensorFlow tf.math.l2_normalize, which Keras' backend l2_normalize calls.</summary>
    FloorSumOfSquares,

    /// <summary>x / max(sqrt(Σx²), ε): PyTorch torch.nn.functional.normalize.</summary>
    FloorNorm,
}
