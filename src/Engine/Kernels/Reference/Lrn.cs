using Parity.Engine.Kernels.Normalization;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Normalization.Lrn"/>: the window sum per element, in double.</summary>
public static class Lrn
{
    public static void Run(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int channelAxis, LrnParameters p, Span<float> output)
    {
        var axis = channelAxis < 0 ? channelAxis + shape.Length : channelAxis;
        var channels = shape[axis];
        var inner = 1;
        for (var i = axis + 1; i < shape.Length; i++) inner *= shape[i];
        for (var i = 0; i < input.Length; i++)
        {
            var c = i / inner % channels;
            var sum = 0.0;
            for (var k = Math.Max(0, c - p.Before); k <= Math.Min(channels - 1, c + p.After); k++)
            {
                double v = input[i + (k - c) * inner];
                sum += v * v;
            }
            output[i] = (float)(input[i] / Math.Pow(p.Bias + (double)p.Alpha * sum, p.Beta));
        }
    }
}
