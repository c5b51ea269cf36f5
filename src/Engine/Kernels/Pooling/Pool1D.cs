namespace Parity.Engine.Kernels.Pooling;

/// <summary>1-D pooling over [N, W, C] (<see cref="Layout.Nhwc"/>) or [N, C, W] (<see cref="Layout.Nchw"/>): a 2-D pool with height 1.</summary>
public static class Pool1D
{
    /// <summary>Output width is floor((width + padLeft + padRight - kernel) / stride) + 1.</summary>
    public static void Run(
        ReadOnlySpan<float> input, Layout layout, int batch, int width, int channels,
        PoolKind kind, int kernel, int stride, int padLeft, int padRight, bool countPadding, Span<float> output)
    {
        var p = new Pool2DParameters(kind, 1, kernel, 1, stride, 0, 0, padLeft, padRight, countPadding);
        Pool2D.Run(input, layout, batch, 1, width, channels, p, output);
    }
}
