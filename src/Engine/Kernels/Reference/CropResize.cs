namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Kernels.CropResize"/>: every output element finds its sampling point from the grid
/// formula (in double) and weights its four neighbours directly, or takes the pad value outside the image.
/// </summary>
public static class CropResize
{
    public static void Run(ReadOnlySpan<float> input, int batch, int channels, int height, int width,
        ReadOnlySpan<float> boxes, ReadOnlySpan<int> images, CropResizeParameters p, Span<float> output)
    {
        Kernels.CropResize.Check(input.Length, batch, channels, height, width, boxes.Length, images, p, output.Length);
        for (var m = 0; m < images.Length; m++)
        {
            var (y0, x0, y1, x1) = Kernels.CropResize.PixelBox(boxes.Slice(m * 4, 4), p, height, width);
            for (var c = 0; c < channels; c++)
            for (var i = 0; i < p.TargetHeight; i++)
            for (var j = 0; j < p.TargetWidth; j++)
            {
                var y = Point(p.Sampling, y0, y1, i, p.TargetHeight);
                var x = Point(p.Sampling, x0, x1, j, p.TargetWidth);
                var index = ((m * channels + c) * p.TargetHeight + i) * p.TargetWidth + j;
                if (!(y >= 0 && y <= height - 1 && x >= 0 && x <= width - 1))
                {
                    output[index] = p.PadValue;
                    continue;
                }
                var (ya, xa) = ((int)Math.Floor(y), (int)Math.Floor(x));
                var (yb, xb) = (Math.Min(ya + 1, height - 1), Math.Min(xa + 1, width - 1));
                var (wy, wx) = (y - ya, x - xa);
                var plane = (images[m] * channels + c) * height;
                double v00 = input[(plane + ya) * width + xa], v01 = input[(plane + ya) * width + xb];
                double v10 = input[(plane + yb) * width + xa], v11 = input[(plane + yb) * width + xb];
                output[index] = (float)((1 - wy) * ((1 - wx) * v00 + wx * v01) + wy * ((1 - wx) * v10 + wx * v11));
            }
        }
    }

    /// <summary>
    /// NeuralNetwork.proto SamplingMode on the interval [0, X-1] = [0, end - start], shifted to start:
    /// STRICT linspace(0, X-1); ALIGN the same but (X-1)/2 for one point; UPSAMPLE min(X-1, linspace(0, X - X/N));
    /// ROI_ALIGN min(X-1, linspace(s/2, s/2 + (N-1)s)) with s = max(1, X-1)/N.
    /// </summary>
    private static double Point(CropResizeSampling mode, double start, double end, int i, int n)
    {
        var last = end - start;
        var x = last + 1;
        switch (mode)
        {
            case CropResizeSampling.StrictAlignEndpoints:
                return start + (n == 1 ? 0 : Linspace(0, last, n, i));
            case CropResizeSampling.AlignEndpoints:
                return start + (n == 1 ? last / 2 : Linspace(0, last, n, i));
            case CropResizeSampling.Upsample:
                return start + Math.Min(last, Linspace(0, x - x / n, n, i));
            case CropResizeSampling.RoiAlign:
                var spacing = Math.Max(1, last) / n;
                return start + Math.Min(last, Linspace(0.5 * spacing, 0.5 * spacing + (n - 1) * spacing, n, i));
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown crop-resize sampling.");
        }
    }

    /// <summary>numpy.linspace(a, b, n)[i] with endpoints included (n == 1 gives a).</summary>
    private static double Linspace(double a, double b, int n, int i) => n == 1 ? a : a + (b - a) * i / (n - 1);
}
