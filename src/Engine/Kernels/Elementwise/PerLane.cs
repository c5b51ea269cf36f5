using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>Vector forms of operators that only have a scalar form: apply the scalar form lane by lane.</summary>
internal static class PerLane
{
    public static Vector128<float> Map<TOp>(TOp op, Vector128<float> x, Vector128<float> y) where TOp : struct, IBinaryOperator
    {
        Span<float> r = stackalloc float[Vector128<float>.Count];
        for (var i = 0; i < r.Length; i++) r[i] = op.Invoke(x.GetElement(i), y.GetElement(i));
        return Vector128.Create<float>(r);
    }

    public static Vector256<float> Map<TOp>(TOp op, Vector256<float> x, Vector256<float> y) where TOp : struct, IBinaryOperator
    {
        Span<float> r = stackalloc float[Vector256<float>.Count];
        for (var i = 0; i < r.Length; i++) r[i] = op.Invoke(x.GetElement(i), y.GetElement(i));
        return Vector256.Create<float>(r);
    }

    public static Vector512<float> Map<TOp>(TOp op, Vector512<float> x, Vector512<float> y) where TOp : struct, IBinaryOperator
    {
        Span<float> r = stackalloc float[Vector512<float>.Count];
        for (var i = 0; i < r.Length; i++) r[i] = op.Invoke(x.GetElement(i), y.GetElement(i));
        return Vector512.Create<float>(r);
    }
}
