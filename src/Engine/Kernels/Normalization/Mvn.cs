using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Normalization;

/// <summary>
/// Core ML mean-variance normalization (MeanVarianceNormalizeLayerParams) on [..., C, H, W]: per slice over H, W
/// (or C, H, W when across channels) subtract the mean and, when asked, divide by the spread. Core ML's spec does
/// not say where epsilon goes; Caffe's MVN, which the layer mirrors, divides by std + ε, so the placement is a
/// parameter to settle against real Core ML outputs.
/// </summary>
public static class Mvn
{
    public static unsafe void Run(
        ReadOnlySpan<float> input, ReadOnlySpan<int> shape, bool acrossChannels, bool normalizeVariance,
        float epsilon, EpsilonPlacement placement, Span<float> output)
    {
        if (shape.Length < 3)
        {
            throw new ArgumentException($"MVN needs rank 3 or more ([..., C, H, W]); got shape [{string.Join(", ", shape.ToArray())}].", nameof(shape));
        }
        int[] axes = acrossChannels ? [-3, -2, -1] : [-2, -1];
        if (normalizeVariance)
        {
            LayerNorm.Run(input, shape, axes, [], [], epsilon, placement, output);
            return;
        }

        var slice = shape[^1] * shape[^2] * (acrossChannels ? shape[^3] : 1);
        var total = 1;
        foreach (var d in shape) total *= d;
        ChannelView.CheckSizes(total, input.Length, output.Length, "MVN");
        if (total == 0) return;
        fixed (float* src = input, dst = output)
        {
            var source = (nint)src;
            var destination = (nint)dst;
            Parallelism.For(total / slice, Math.Max(1, 8192 / slice), (start, end) =>
            {
                for (var s = start; s < end; s++)
                {
                    var x = new ReadOnlySpan<float>((float*)source + (long)s * slice, slice);
                    TensorPrimitives.Subtract(x, TensorPrimitives.Sum(x) / slice, new Span<float>((float*)destination + (long)s * slice, slice));
                }
            });
        }
    }
}
