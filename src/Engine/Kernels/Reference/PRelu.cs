using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Elementwise.PRelu"/>.</summary>
public static class PRelu
{
    public static void Apply(ReadOnlySpan<float> input, Shape inputShape, ReadOnlySpan<float> alpha, Shape alphaShape, Span<float> output)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var x = input[i];
            output[i] = x >= 0 ? x : alpha[BroadcastIndex.Source(i, inputShape, alphaShape)] * x;
        }
    }

    /// <summary>Channel c of element i is found from the layout directly: the last coordinate (NHWC) or the second (NCHW).</summary>
    public static void ApplyPerChannel(ReadOnlySpan<float> input, Shape inputShape, ReadOnlySpan<float> alpha, Layout layout, Span<float> output)
    {
        var channels = layout == Layout.Nhwc ? inputShape[inputShape.Rank - 1] : inputShape[1];
        var spatial = layout == Layout.Nhwc ? 1 : inputShape.Product(2, inputShape.Rank);
        for (var i = 0; i < input.Length; i++)
        {
            var c = i / spatial % channels;
            output[i] = input[i] >= 0 ? input[i] : alpha[c] * input[i];
        }
    }
}
