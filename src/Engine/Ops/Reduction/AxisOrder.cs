namespace Parity.Engine.Ops.Reduction;

/// <summary>The stable sorting order of one strided run of floats, shared by <see cref="TopK"/> and <see cref="ArgSort"/>.</summary>
internal static class AxisOrder
{
    /// <summary>
    /// Fills <paramref name="order"/> with the positions 0..n-1 of x[start + p * stride] sorted ascending or descending;
    /// ties keep their original order and NaN counts as larger than every number.
    /// </summary>
    public static void Sort(ReadOnlySpan<float> x, int start, int stride, int[] order, bool descending)
    {
        var keys = new float[order.Length];
        for (var p = 0; p < order.Length; p++)
        {
            order[p] = p;
            keys[p] = x[start + p * stride];
        }
        var sorted = order.OrderBy(p => keys[p], Comparer<float>.Create((a, b) => Compare(a, b) * (descending ? -1 : 1))).ToArray();
        sorted.CopyTo(order, 0);
    }

    private static int Compare(float a, float b) => (float.IsNaN(a), float.IsNaN(b)) switch
    {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => -1,
        _ => a.CompareTo(b),
    };
}
