namespace Parity.Engine.Kernels.Normalization;

/// <summary>Where a normalization adds its epsilon when dividing by the spread of the data.</summary>
public enum EpsilonPlacement
{
    /// <summary>
    /// (x - mean) / sqrt(var + ε): Keras BatchNormalization and LayerNormalization, Core ML batchnorm (also with
    /// instanceNormalization), MIL instance_norm and layer_norm, PyTorch InstanceNorm/LayerNorm.
    /// </summary>
    AddToVariance,

    /// <summary>(x - mean) / (sqrt(var) + ε): keras_contrib InstanceNormalization (it divides by K.std(x) + epsilon).</summary>
    AddToStandardDeviation,
}

/// <summary>The reciprocal spread each <see cref="EpsilonPlacement"/> divides by.</summary>
internal static class EpsilonPlacementMath
{
    public static float InverseSpread(this EpsilonPlacement placement, float variance, float epsilon) => placement switch
    {
        EpsilonPlacement.AddToVariance => 1f / MathF.Sqrt(variance + epsilon),
        EpsilonPlacement.AddToStandardDeviation => 1f / (MathF.Sqrt(variance) + epsilon),
        _ => throw new ArgumentOutOfRangeException(nameof(placement), placement, "Unknown epsilon placement."),
    };
}
