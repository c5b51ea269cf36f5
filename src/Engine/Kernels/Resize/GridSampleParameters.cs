namespace Parity.Engine.Kernels;

/// <summary>How a grid-sample point takes its value: bilinear over its four neighbours, or the nearest pixel (ties to even, as PyTorch's grid_sample rounds).</summary>
public enum GridSampling
{
    Bilinear,
    Nearest,
}

/// <summary>
/// What lies outside the image (MIL resample padding_mode, shown on the row |1, 2, 3|): Constant the pad value
/// (|0, 0, 1, 2, 3, 0, 0|), Border the edge pixel repeated (|1, 1, 1, 2, 3, 3, 3|), Reflection the image mirrored about
/// its edge pixels (|3, 2, 1, 2, 3, 2, 1|), Symmetric mirrored about its outer edges (|2, 1, 1, 2, 3, 3, 2|).
/// </summary>
public enum GridPadding
{
    Constant,
    Border,
    Reflection,
    Symmetric,
}

/// <summary>How a coordinate maps to a pixel position (MIL resample coordinates_mode).</summary>
public enum GridCoordinates
{
    /// <summary>Pixel positions as they are: 0 is the first pixel's centre, W - 1 the last's.</summary>
    Unnormalized,

    /// <summary>-1 .. 1 spans the image: the outer pixel centres when aligning corners, else the outer pixel edges.</summary>
    MinusOneToOne,

    /// <summary>0 .. 1 spans the image, with the same corner convention.</summary>
    ZeroToOne,
}

/// <summary>Grid-sample settings (MIL resample; PyTorch grid_sample converts to it).</summary>
public readonly record struct GridSampleParameters(GridSampling Sampling, GridPadding Padding, float PadValue, GridCoordinates Coordinates, bool AlignCorners)
{
    /// <summary>
    /// The pixel position of <paramref name="coordinate"/> along an axis of <paramref name="size"/> pixels. Aligned
    /// corners put the ends of the normalized range on the outer pixel centres (0 and size - 1), otherwise on the outer
    /// edges (-0.5 and size - 0.5), as PyTorch's grid_sample unnormalizes.
    /// </summary>
    public double Position(double coordinate, int size) => (Coordinates, AlignCorners) switch
    {
        (GridCoordinates.Unnormalized, _) => coordinate,
        (GridCoordinates.MinusOneToOne, true) => (coordinate + 1) / 2 * (size - 1),
        (GridCoordinates.MinusOneToOne, false) => ((coordinate + 1) * size - 1) / 2,
        (GridCoordinates.ZeroToOne, true) => coordinate * (size - 1),
        _ => coordinate * size - 0.5,
    };

    /// <summary>
    /// The pixel that padded position <paramref name="index"/> shows along an axis of <paramref name="size"/> pixels, or
    /// -1 for the pad value. Reflections repeat with period 2(size - 1) about the edge pixels and 2·size about the edges.
    /// </summary>
    public int Source(long index, int size)
    {
        if (index >= 0 && index < size) return (int)index;
        switch (Padding)
        {
            case GridPadding.Constant:
                return -1;
            case GridPadding.Border:
                return index < 0 ? 0 : size - 1;
            case GridPadding.Reflection:
            {
                if (size == 1) return 0;
                var period = 2L * (size - 1);
                var k = ((index % period) + period) % period;
                return (int)(k < size ? k : period - k);
            }
            default:
            {
                var period = 2L * size;
                var k = ((index % period) + period) % period;
                return (int)(k < size ? k : period - 1 - k);
            }
        }
    }
}
