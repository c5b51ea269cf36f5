namespace Parity.Engine.Kernels;

/// <summary>
/// Grid sample (MIL resample, PyTorch grid_sample): output[b, c, i, j] samples image b of an NCHW batch at the point
/// coordinates[b, i, j] = (x, y), mapped to pixels and padded as <see cref="GridSampleParameters"/> says. The four
/// source pixels and weights of each point are found once and applied to every channel.
/// </summary>
public static class GridSample
{
    private const int MinElementsPerThread = 1 << 14;

    /// <param name="input">[batch, channels, height, width].</param>
    /// <param name="coordinates">[batch, outHeight, outWidth, 2]: x (along the width) first.</param>
    /// <param name="output">[batch, channels, outHeight, outWidth].</param>
    public static unsafe void Run(ReadOnlySpan<float> input, int batch, int channels, int height, int width,
        ReadOnlySpan<float> coordinates, int outHeight, int outWidth, GridSampleParameters p, Span<float> output)
    {
        Check(input.Length, batch, channels, height, width, coordinates.Length, outHeight, outWidth, output.Length);
        var rows = batch * outHeight;
        var rowElements = Math.Max(1, channels * outWidth);
        fixed (float* inPtr = input)
        fixed (float* coordPtr = coordinates)
        fixed (float* outPtr = output)
        {
            var (ip, il, cp, cl, op, ol) = ((nint)inPtr, input.Length, (nint)coordPtr, coordinates.Length, (nint)outPtr, output.Length);
            void Rows(int start, int end) => SampleRows(new ReadOnlySpan<float>((void*)ip, il), new ReadOnlySpan<float>((void*)cp, cl),
                new Span<float>((void*)op, ol), channels, height, width, outHeight, outWidth, p, start, end);
            if (output.Length < 2 * MinElementsPerThread || Parallelism.MaxThreads == 1) Rows(0, rows);
            else Parallelism.For(rows, Math.Max(1, MinElementsPerThread / rowElements), Rows);
        }
    }

    internal static void Check(int inputLength, int batch, int channels, int height, int width, int coordinateLength, int outHeight, int outWidth, int outputLength)
    {
        if (batch < 0 || channels < 0 || height < 1 || width < 1 || outHeight < 0 || outWidth < 0)
        {
            throw new ArgumentException($"Grid sample needs a non-empty image and non-negative sizes; got [{batch}, {channels}, {height}, {width}] sampled on {outHeight} x {outWidth}.");
        }
        if (inputLength != (long)batch * channels * height * width) throw new ArgumentException($"Grid sample input holds {inputLength} values; [{batch}, {channels}, {height}, {width}] needs {(long)batch * channels * height * width}.");
        if (coordinateLength != (long)batch * outHeight * outWidth * 2) throw new ArgumentException($"Grid sample coordinates hold {coordinateLength} values; [{batch}, {outHeight}, {outWidth}, 2] needs {(long)batch * outHeight * outWidth * 2}.");
        if (outputLength != (long)batch * channels * outHeight * outWidth) throw new ArgumentException($"Grid sample output holds {outputLength} values; [{batch}, {channels}, {outHeight}, {outWidth}] needs {(long)batch * channels * outHeight * outWidth}.");
    }

    /// <summary>Output rows (b, i) from <paramref name="start"/> to <paramref name="end"/>: taps per point, then every channel.</summary>
    private static void SampleRows(ReadOnlySpan<float> input, ReadOnlySpan<float> coordinates, Span<float> output,
        int channels, int height, int width, int outHeight, int outWidth, GridSampleParameters p, int start, int end)
    {
        var taps = p.Sampling == GridSampling.Nearest ? 1 : 4;
        var offsets = new int[outWidth * taps];
        var weights = new float[outWidth * taps];
        var planeSize = height * width;
        var outPlane = outHeight * outWidth;
        for (var row = start; row < end; row++)
        {
            var (b, i) = (row / outHeight, row % outHeight);
            for (var j = 0; j < outWidth; j++)
            {
                var point = (row * outWidth + j) * 2;
                Taps(p.Position(coordinates[point], width), p.Position(coordinates[point + 1], height), height, width, p,
                    offsets.AsSpan(j * taps, taps), weights.AsSpan(j * taps, taps));
            }
            for (var c = 0; c < channels; c++)
            {
                var plane = input.Slice((b * channels + c) * planeSize, planeSize);
                var target = output.Slice((b * channels + c) * outPlane + i * outWidth, outWidth);
                for (var j = 0; j < outWidth; j++)
                {
                    var sum = 0f;
                    for (var t = 0; t < taps; t++)
                    {
                        var at = offsets[j * taps + t];
                        sum += weights[j * taps + t] * (at < 0 ? p.PadValue : plane[at]);
                    }
                    target[j] = sum;
                }
            }
        }
    }

    /// <summary>The plane offsets (-1 for the pad value) and weights of the pixels a point at (x, y) reads.</summary>
    private static void Taps(double x, double y, int height, int width, GridSampleParameters p, Span<int> offsets, Span<float> weights)
    {
        if (p.Sampling == GridSampling.Nearest)
        {
            offsets[0] = Offset(p, (long)Math.Round(y, MidpointRounding.ToEven), (long)Math.Round(x, MidpointRounding.ToEven), height, width);
            weights[0] = 1;
            return;
        }
        var (y0, x0) = ((long)Math.Floor(y), (long)Math.Floor(x));
        var (wy, wx) = (y - y0, x - x0);
        offsets[0] = Offset(p, y0, x0, height, width);
        offsets[1] = Offset(p, y0, x0 + 1, height, width);
        offsets[2] = Offset(p, y0 + 1, x0, height, width);
        offsets[3] = Offset(p, y0 + 1, x0 + 1, height, width);
        weights[0] = (float)((1 - wy) * (1 - wx));
        weights[1] = (float)((1 - wy) * wx);
        weights[2] = (float)(wy * (1 - wx));
        weights[3] = (float)(wy * wx);
    }

    private static int Offset(GridSampleParameters p, long row, long column, int height, int width)
    {
        var (r, k) = (p.Source(row, height), p.Source(column, width));
        return r < 0 || k < 0 ? -1 : r * width + k;
    }
}
