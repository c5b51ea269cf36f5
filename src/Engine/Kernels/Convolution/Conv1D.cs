namespace Parity.Engine.Kernels.Convolution;

/// <summary>1-D convolution in NWC or NCW (see <see cref="Conv1DParameters"/>), run as a 2-D convolution over a height-1 image.</summary>
public static class Conv1D
{
    /// <summary>output = conv(input, weights) + bias. An empty <paramref name="bias"/> means no bias.</summary>
    public static void Forward(in Conv1DParameters p, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> output) =>
        Conv2D.Forward(p.As2D(), input, weights, bias, output);
}
