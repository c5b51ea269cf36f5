namespace Parity.Engine.Kernels;

/// <summary>Source coordinates of output pixels along one axis (the formulas are documented on <see cref="ResizeCoordinates"/>).</summary>
public static class ResizeGrid
{
    /// <summary>The unclamped input coordinate sampled by output index <paramref name="dst"/>; <paramref name="scale"/> is out/in when not given.</summary>
    public static double SourceCoordinate(ResizeCoordinates mode, int dst, int inSize, int outSize, double? scale = null)
    {
        var ratio = scale is { } s ? 1.0 / s : (double)inSize / outSize;
        return mode switch
        {
            ResizeCoordinates.Asymmetric => dst * ratio,
            ResizeCoordinates.AlignCorners => outSize > 1 ? dst * (double)(inSize - 1) / (outSize - 1) : 0.0,
            ResizeCoordinates.AlignEndpoints => outSize > 1 ? dst * (double)(inSize - 1) / (outSize - 1) : (inSize - 1) / 2.0,
            ResizeCoordinates.HalfPixel => (dst + 0.5) * ratio - 0.5,
            ResizeCoordinates.PytorchHalfPixel => outSize > 1 ? (dst + 0.5) * ratio - 0.5 : 0.0,
            ResizeCoordinates.RoiAlign => (dst + 0.5) * Math.Max(1, inSize - 1) / outSize,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown resize coordinate mode."),
        };
    }

    /// <summary>The input index nearest-neighbour resizing copies for output index <paramref name="dst"/>.</summary>
    public static int NearestIndex(ResizeCoordinates mode, NearestRounding rounding, int dst, int inSize, int outSize, double? scale = null)
    {
        var x = SourceCoordinate(mode, dst, inSize, outSize, scale);
        var i = rounding switch
        {
            NearestRounding.Floor => Math.Floor(x),
            NearestRounding.Ceil => Math.Ceiling(x),
            NearestRounding.RoundPreferFloor => Math.Ceiling(x - 0.5),
            NearestRounding.RoundPreferCeil => Math.Floor(x + 0.5),
            _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, "Unknown rounding."),
        };
        return (int)Math.Clamp(i, 0, inSize - 1);
    }

    /// <summary>floor(size * scale): the output size of a scale-factor upsample (MIL upsample_nearest_neighbor/upsample_bilinear).</summary>
    public static int ScaledSize(int size, double scale)
    {
        if (!(scale > 0)) throw new ArgumentException($"Resize scale factor {scale} must be positive.", nameof(scale));
        return (int)Math.Floor(size * scale);
    }
}
