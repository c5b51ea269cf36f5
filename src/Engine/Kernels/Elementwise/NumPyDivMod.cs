namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// NumPy's float floor division and modulo (npy_divmodf in numpy/_core/src/npymath/npy_math_internal.h.src):
/// the remainder comes from fmod, which is exact, and takes the divisor's sign; the quotient is (x - mod) / y
/// rounded to the nearest integer, so it is the floor of the exact quotient even where x / y rounds up to an integer
/// (float32 1 // 0.1 is 9, while floor(1 / 0.1) would be 10).
/// </summary>
internal static class NumPyDivMod
{
    public static float FloorDivide(float x, float y)
    {
        var mod = x % y;
        if (y == 0f) return x / y;
        var div = (x - mod) / y;
        if (mod != 0f && (y < 0f) != (mod < 0f)) div -= 1f;
        if (div == 0f) return MathF.CopySign(0f, x / y);
        var floor = MathF.Floor(div);
        return div - floor > 0.5f ? floor + 1f : floor;
    }

    public static float Modulo(float x, float y)
    {
        var mod = x % y;
        if (y == 0f) return mod;
        if (mod == 0f) return MathF.CopySign(0f, y);
        return (y < 0f) != (mod < 0f) ? mod + y : mod;
    }
}
