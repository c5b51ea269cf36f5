using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Recurrent;

/// <summary>The clamps recurrent layers apply to pre-activations and cell states.</summary>
internal static class Clip
{
    /// <summary>Clamps to [-limit, limit] in place; an infinite limit leaves values (and NaNs) untouched.</summary>
    public static void Symmetric(Span<float> values, float limit)
    {
        if (float.IsPositiveInfinity(limit)) return;
        TensorPrimitives.Min(values, limit, values);
        TensorPrimitives.Max(values, -limit, values);
    }
}
