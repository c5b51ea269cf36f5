namespace Parity.Engine.Kernels.Normalization;

/// <summary>
/// Local response normalization across channels: y = x / (Bias + Alpha·Σ x²)^Beta, the sum running over channels
/// [c - Before, c + After] clipped to the tensor. The factories translate each framework's parameters.
/// </summary>
public readonly record struct LrnParameters(int Before, int After, float Alpha, float Beta, float Bias)
{
    /// <summary>
    /// Core ML NeuralNetwork LRN and MIL local_response_norm: k + (alpha / localSize)·Σ over localSize channels.
    /// The division by size is why coremltools' TensorFlow converter passes alpha·(2·depth_radius + 1). The spec does
    /// not place an even window; this takes Caffe's, (size - 1)/2 channels before and size/2 after.
    /// </summary>
    public static LrnParameters CoreML(int localSize, float alpha, float beta, float k)
    {
        if (localSize < 1) throw new ArgumentException($"LRN localSize must be at least 1, got {localSize}.", nameof(localSize));
        return new((localSize - 1) / 2, localSize / 2, alpha / localSize, beta, k);
    }

    /// <summary>TensorFlow tf.nn.local_response_normalization: depth_radius channels each side, alpha not divided.</summary>
    public static LrnParameters TensorFlow(int depthRadius, float bias, float alpha, float beta)
    {
        if (depthRadius < 0) throw new ArgumentException($"LRN depth_radius must be non-negative, got {depthRadius}.", nameof(depthRadius));
        return new(depthRadius, depthRadius, alpha, beta, bias);
    }
}
