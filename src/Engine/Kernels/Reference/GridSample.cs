namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Kernels.GridSample"/>: every output element maps its coordinate pair to a pixel position
/// (in double) and reads its neighbours from the padded image one by one.
/// </summary>
public static class GridSample
{
    public static void Run(ReadOnlySpan<float> input, int batch, int channels, int height, int width,
        ReadOnlySpan<float> coordinates, int outHeight, int outWidth, GridSampleParameters p, Span<float> output)
    {
        Kernels.GridSample.Check(input.Length, batch, channels, height, width, coordinates.Length, outHeight, outWidth, output.Length);
        for (var b = 0; b < batch; b++)
        for (var c = 0; c < channels; c++)
        for (var i = 0; i < outHeight; i++)
        for (var j = 0; j < outWidth; j++)
        {
            var point = ((b * outHeight + i) * outWidth + j) * 2;
            var x = p.Position(coordinates[point], width);
            var y = p.Position(coordinates[point + 1], height);
            var plane = input.Slice((b * channels + c) * height * width, height * width);
            double value;
            if (p.Sampling == GridSampling.Nearest)
            {
                value = Pixel(plane, width, height, p, (long)Math.Round(y, MidpointRounding.ToEven), (long)Math.Round(x, MidpointRounding.ToEven));
            }
            else
            {
                var (y0, x0) = ((long)Math.Floor(y), (long)Math.Floor(x));
                var (wy, wx) = (y - y0, x - x0);
                value = (1 - wy) * ((1 - wx) * Pixel(plane, width, height, p, y0, x0) + wx * Pixel(plane, width, height, p, y0, x0 + 1))
                    + wy * ((1 - wx) * Pixel(plane, width, height, p, y0 + 1, x0) + wx * Pixel(plane, width, height, p, y0 + 1, x0 + 1));
            }
            output[((b * channels + c) * outHeight + i) * outWidth + j] = (float)value;
        }
    }

    private static double Pixel(ReadOnlySpan<float> plane, int width, int height, GridSampleParameters p, long row, long column)
    {
        var (r, k) = (p.Source(row, height), p.Source(column, width));
        return r < 0 || k < 0 ? p.PadValue : plane[r * width + k];
    }
}
