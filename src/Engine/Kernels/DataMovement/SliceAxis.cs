namespace Parity.Engine.Kernels;

/// <summary>
/// One axis of a strided slice, as TF strided_slice and MIL slice_by_index state it: begin/end/stride with NumPy
/// meaning (negative values count from the end, out-of-range values clamp), a masked begin or end meaning "from the
/// first element in stride direction" / "through the last", and <paramref name="Squeeze"/> taking the single element
/// at begin and dropping the axis (TF shrink_axis_mask, MIL squeeze_mask).
/// </summary>
public readonly record struct SliceAxis(int Begin, int End, int Stride = 1, bool BeginMasked = false, bool EndMasked = false, bool Squeeze = false)
{
    /// <summary>The whole axis in order.</summary>
    public static SliceAxis All => new(0, 0, 1, BeginMasked: true, EndMasked: true);
}

/// <summary>A slice resolved against a shape: per axis the first input index, the step and how many elements are taken.</summary>
public sealed record ResolvedSlice(int[] Start, int[] Step, int[] Count, bool[] Squeezed);
