using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Geometry of a 1-D convolution. <see cref="Layout.Nhwc"/> means channels last: input [N, W, Cin], weights
/// [K, Cin/groups, Cout] (Keras Conv1D), output [N, Wout, Cout]. <see cref="Layout.Nchw"/> means channels first:
/// input [N, Cin, W], weights [Cout, Cin/groups, K] (PyTorch Conv1d), output [N, Cout, Wout].
/// Wout = floor((W + padLeft + padRight - dilation*(K-1) - 1)/stride) + 1.
/// </summary>
public readonly record struct Conv1DParameters(
    Layout Layout,
    int Batch, int InChannels, int InWidth,
    int OutChannels, int KernelWidth,
    int Stride = 1, int Dilation = 1, int Groups = 1,
    int PadLeft = 0, int PadRight = 0)
{
    public int OutWidth => ConvGeometry.OutputSize(InWidth, KernelWidth, Stride, Dilation, PadLeft, PadRight);

    public Shape InputShape => Layout == Layout.Nhwc ? new Shape(Batch, InWidth, InChannels) : new Shape(Batch, InChannels, InWidth);

    public Shape WeightShape => Layout == Layout.Nhwc
        ? new Shape(KernelWidth, InChannels / Math.Max(1, Groups), OutChannels)
        : new Shape(OutChannels, InChannels / Math.Max(1, Groups), KernelWidth);

    public Shape OutputShape => Layout == Layout.Nhwc ? new Shape(Batch, OutWidth, OutChannels) : new Shape(Batch, OutChannels, OutWidth);

    /// <summary>The same convolution as a 2-D one over a height-1 image; its buffers have identical memory order.</summary>
    public Conv2DParameters As2D() => new(
        Layout, Batch, InChannels, 1, InWidth, OutChannels, 1, KernelWidth,
        StrideHeight: 1, StrideWidth: Stride, DilationHeight: 1, DilationWidth: Dilation, Groups: Groups,
        PadLeft: PadLeft, PadRight: PadRight);
}
