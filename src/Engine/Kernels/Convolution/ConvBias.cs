namespace Parity.Engine.Kernels.Convolution;

/// <summary>Pre-fills a convolution output with its bias so the GEMM can accumulate onto it (beta = 1).</summary>
internal static class ConvBias
{
    /// <summary>Writes bias[c] at every position of channel c; <paramref name="spatial"/> is the pixel count per image.</summary>
    public static void Fill(Layout layout, ReadOnlySpan<float> bias, Span<float> output, int channels, int spatial)
    {
        if (layout == Layout.Nhwc)
        {
            for (var start = 0; start < output.Length; start += channels) bias.CopyTo(output.Slice(start, channels));
            return;
        }
        for (var plane = 0; plane * spatial < output.Length; plane++)
        {
            output.Slice(plane * spatial, spatial).Fill(bias[plane % channels]);
        }
    }
}
