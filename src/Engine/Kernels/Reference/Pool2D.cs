using Parity.Engine.Kernels.Pooling;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Pooling.Pool2D"/>: every window of every channel walked element by element, in double.</summary>
public static class Pool2D
{
    public static void Run(
        ReadOnlySpan<float> input, Layout layout, int batch, int height, int width, int channels,
        in Pool2DParameters p, Span<float> output)
    {
        p.Validate(height, width);
        var outH = p.OutputHeight(height);
        var outW = p.OutputWidth(width);
        for (var n = 0; n < batch; n++)
        for (var c = 0; c < channels; c++)
        for (var oh = 0; oh < outH; oh++)
        for (var ow = 0; ow < outW; ow++)
        {
            var max = double.NegativeInfinity;
            double sum = 0, squares = 0;
            var real = 0;
            for (var kh = 0; kh < p.KernelHeight; kh++)
            for (var kw = 0; kw < p.KernelWidth; kw++)
            {
                var ih = oh * p.StrideHeight - p.PadTop + kh;
                var iw = ow * p.StrideWidth - p.PadLeft + kw;
                if (ih < 0 || ih >= height || iw < 0 || iw >= width) continue;
                double x = input[Index(layout, n, c, ih, iw, height, width, channels)];
                max = Math.Max(max, x);
                sum += x;
                squares += x * x;
                real++;
            }
            output[Index(layout, n, c, oh, ow, outH, outW, channels)] = p.Kind switch
            {
                PoolKind.Max => (float)max,
                PoolKind.Average => (float)(sum / (p.CountPadding ? p.KernelHeight * p.KernelWidth : real)),
                _ => (float)Math.Sqrt(squares),
            };
        }
    }

    private static int Index(Layout layout, int n, int c, int h, int w, int height, int width, int channels) =>
        layout == Layout.Nhwc
            ? ((n * height + h) * width + w) * channels + c
            : ((n * channels + c) * height + h) * width + w;
}
