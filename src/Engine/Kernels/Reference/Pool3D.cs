using Parity.Engine.Kernels.Pooling;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Pooling.Pool3D"/>: every window of every channel walked element by element, in double.</summary>
public static class Pool3D
{
    public static void Run(
        ReadOnlySpan<float> input, int batch, int channels, int depth, int height, int width,
        in Pool3DParameters p, Span<float> output)
    {
        p.Validate(depth, height, width);
        int outD = p.OutputDepth(depth), outH = p.OutputHeight(height), outW = p.OutputWidth(width);
        for (var n = 0; n < batch; n++)
        for (var c = 0; c < channels; c++)
        for (var od = 0; od < outD; od++)
        for (var oh = 0; oh < outH; oh++)
        for (var ow = 0; ow < outW; ow++)
        {
            var max = double.NegativeInfinity;
            double sum = 0, squares = 0;
            var real = 0;
            for (var kd = 0; kd < p.KernelDepth; kd++)
            for (var kh = 0; kh < p.KernelHeight; kh++)
            for (var kw = 0; kw < p.KernelWidth; kw++)
            {
                var id = od * p.StrideDepth - p.PadFront + kd;
                var ih = oh * p.StrideHeight - p.PadTop + kh;
                var iw = ow * p.StrideWidth - p.PadLeft + kw;
                if (id < 0 || id >= depth || ih < 0 || ih >= height || iw < 0 || iw >= width) continue;
                double x = input[(((n * channels + c) * depth + id) * height + ih) * width + iw];
                max = Math.Max(max, x);
                sum += x;
                squares += x * x;
                real++;
            }
            output[(((n * channels + c) * outD + od) * outH + oh) * outW + ow] = p.Kind switch
            {
                PoolKind.Max => (float)max,
                PoolKind.Average => (float)(sum / (p.CountPadding ? p.KernelDepth * p.KernelHeight * p.KernelWidth : real)),
                _ => (float)Math.Sqrt(squares),
            };
        }
    }
}
