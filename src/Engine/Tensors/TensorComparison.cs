namespace Parity.Engine.Tensors;

/// <summary>Element-wise comparisons of tensors, for tests and quick checks.</summary>
public static class TensorComparison
{
    /// <summary>True when both tensors have the same dtype, shape and bytes.</summary>
    public static bool ContentEquals(this Tensor a, Tensor b) =>
        a.DType == b.DType && a.Shape == b.Shape && a.Bytes.SequenceEqual(b.Bytes);

    /// <summary>Largest |a-b| over all elements (both converted to float32); NaN against non-NaN counts as infinite.</summary>
    public static float MaxAbsDifference(Tensor a, Tensor b)
    {
        if (a.Shape != b.Shape) throw new ArgumentException($"Shapes differ: {a.Shape} vs {b.Shape}.");
        using var fa = a.ToFloat32();
        using var fb = b.ToFloat32();
        return MaxAbsDifference(fa.Floats, fb.Floats);
    }

    /// <summary>Largest |a[i]-b[i]|; NaN against non-NaN counts as infinite, NaN against NaN as equal.</summary>
    public static float MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Lengths differ: {a.Length} vs {b.Length}.");
        var worst = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            if (float.IsNaN(a[i]) || float.IsNaN(b[i]))
            {
                if (float.IsNaN(a[i]) != float.IsNaN(b[i])) return float.PositiveInfinity;
                continue;
            }
            var d = a[i] == b[i] ? 0f : MathF.Abs(a[i] - b[i]);
            if (float.IsNaN(d)) return float.PositiveInfinity;
            worst = Math.Max(worst, d);
        }
        return worst;
    }
}
