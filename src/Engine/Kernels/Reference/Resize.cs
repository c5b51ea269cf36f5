namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Kernels.Resize"/>: every output element computes its own source coordinates from the
/// formulas (in double) and, for bilinear, weights its four neighbours directly.
/// </summary>
public static class Resize
{
    public static void Nearest<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, int outHeight, int outWidth, ResizeParameters p, Span<T> output)
        where T : unmanaged
    {
        var nchw = p.Layout == Layout.Nchw;
        var (n, c, h, w) = Split(shape, nchw);
        for (var b = 0; b < n; b++)
        for (var ch = 0; ch < c; ch++)
        for (var y = 0; y < outHeight; y++)
        for (var x = 0; x < outWidth; x++)
        {
            var sy = Round(Coordinate(p.Coordinates, y, h, outHeight, p.ScaleHeight), p.Rounding, h);
            var sx = Round(Coordinate(p.Coordinates, x, w, outWidth, p.ScaleWidth), p.Rounding, w);
            output[Index(nchw, b, ch, y, x, c, outHeight, outWidth)] = input[Index(nchw, b, ch, sy, sx, c, h, w)];
        }
    }

    public static void Bilinear(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int outHeight, int outWidth, ResizeParameters p, Span<float> output)
    {
        var nchw = p.Layout == Layout.Nchw;
        var (n, c, h, w) = Split(shape, nchw);
        for (var b = 0; b < n; b++)
        for (var ch = 0; ch < c; ch++)
        for (var y = 0; y < outHeight; y++)
        for (var x = 0; x < outWidth; x++)
        {
            var sy = Math.Min(Math.Max(Coordinate(p.Coordinates, y, h, outHeight, p.ScaleHeight), 0), h - 1);
            var sx = Math.Min(Math.Max(Coordinate(p.Coordinates, x, w, outWidth, p.ScaleWidth), 0), w - 1);
            int y0 = (int)Math.Floor(sy), x0 = (int)Math.Floor(sx);
            int y1 = Math.Min(y0 + 1, h - 1), x1 = Math.Min(x0 + 1, w - 1);
            double dy = sy - y0, dx = sx - x0;
            double v00 = input[Index(nchw, b, ch, y0, x0, c, h, w)], v01 = input[Index(nchw, b, ch, y0, x1, c, h, w)];
            double v10 = input[Index(nchw, b, ch, y1, x0, c, h, w)], v11 = input[Index(nchw, b, ch, y1, x1, c, h, w)];
            var value = (1 - dy) * (1 - dx) * v00 + (1 - dy) * dx * v01 + dy * (1 - dx) * v10 + dy * dx * v11;
            output[Index(nchw, b, ch, y, x, c, outHeight, outWidth)] = (float)value;
        }
    }

    /// <summary>The coordinate formulas exactly as written in the sources cited on <see cref="ResizeCoordinates"/>.</summary>
    private static double Coordinate(ResizeCoordinates mode, int dst, int inSize, int outSize, double? scale)
    {
        var ratio = scale.HasValue ? 1.0 / scale.Value : (double)inSize / outSize;
        switch (mode)
        {
            case ResizeCoordinates.Asymmetric: return dst * ratio;
            case ResizeCoordinates.HalfPixel: return (dst + 0.5) * ratio - 0.5;
            case ResizeCoordinates.PytorchHalfPixel: return outSize == 1 ? 0 : (dst + 0.5) * ratio - 0.5;
            case ResizeCoordinates.RoiAlign:
                var spacing = (double)Math.Max(1, inSize - 1) / outSize;
                return (dst + 0.5) * spacing;
            case ResizeCoordinates.AlignCorners: return outSize == 1 ? 0 : dst * (double)(inSize - 1) / (outSize - 1);
            case ResizeCoordinates.AlignEndpoints: return outSize == 1 ? (inSize - 1) / 2.0 : dst * (double)(inSize - 1) / (outSize - 1);
            default: throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }

    private static int Round(double x, NearestRounding rounding, int size)
    {
        var i = rounding switch
        {
            NearestRounding.Floor => Math.Floor(x),
            NearestRounding.Ceil => Math.Ceiling(x),
            NearestRounding.RoundPreferFloor => x - Math.Floor(x) > 0.5 ? Math.Ceiling(x) : Math.Floor(x),
            _ => x - Math.Floor(x) >= 0.5 ? Math.Ceiling(x) : Math.Floor(x),
        };
        return (int)Math.Min(Math.Max(i, 0), size - 1);
    }

    /// <summary>(batch, channels, height, width); all axes before the last three are batch.</summary>
    private static (int N, int C, int H, int W) Split(ReadOnlySpan<int> shape, bool nchw)
    {
        var r = shape.Length;
        var n = 1;
        for (var i = 0; i < r - 3; i++) n *= shape[i];
        return nchw ? (n, shape[r - 3], shape[r - 2], shape[r - 1]) : (n, shape[r - 1], shape[r - 3], shape[r - 2]);
    }

    private static int Index(bool nchw, int b, int ch, int y, int x, int c, int h, int w) =>
        nchw ? ((b * c + ch) * h + y) * w + x : ((b * h + y) * w + x) * c + ch;
}
