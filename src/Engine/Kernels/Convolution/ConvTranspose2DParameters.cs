using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Geometry of a 2-D transposed convolution (deconvolution): input pixel (iy, ix) spreads into output pixels
/// (iy*stride - padTop + ky*dilation, ix*stride - padLeft + kx*dilation). <see cref="Layout.Nhwc"/>: input [N, H, W, Cin],
/// weights [KH, KW, Cout/groups, Cin] (Keras Conv2DTranspose), output [N, Hout, Wout, Cout]. <see cref="Layout.Nchw"/>:
/// input [N, Cin, H, W], weights [Cin, Cout/groups, KH, KW] (Core ML deconvolution, PyTorch), output [N, Cout, Hout, Wout].
/// Hout = (H-1)*stride - padTop - padBottom + dilation*(KH-1) + outputPaddingHeight + 1; output padding adds rows at the
/// bottom and columns at the right.
/// </summary>
public readonly record struct ConvTranspose2DParameters(
    Layout Layout,
    int Batch, int InChannels, int InHeight, int InWidth,
    int OutChannels, int KernelHeight, int KernelWidth,
    int StrideHeight = 1, int StrideWidth = 1,
    int DilationHeight = 1, int DilationWidth = 1,
    int Groups = 1,
    int PadTop = 0, int PadBottom = 0, int PadLeft = 0, int PadRight = 0,
    int OutputPaddingHeight = 0, int OutputPaddingWidth = 0)
{
    public int OutHeight => ConvGeometry.TransposedOutputSize(InHeight, KernelHeight, StrideHeight, DilationHeight, PadTop, PadBottom, OutputPaddingHeight);

    public int OutWidth => ConvGeometry.TransposedOutputSize(InWidth, KernelWidth, StrideWidth, DilationWidth, PadLeft, PadRight, OutputPaddingWidth);

    public int InChannelsPerGroup => InChannels / Groups;

    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Floating-point operations of one run (each input value meets KH*KW*Cout/groups weights; a multiply-add is two).</summary>
    public long Flops => 2L * Batch * InHeight * InWidth * InChannels * KernelHeight * KernelWidth * OutChannelsPerGroup;

    public Shape InputShape => Layout == Layout.Nhwc
        ? new Shape(Batch, InHeight, InWidth, InChannels)
        : new Shape(Batch, InChannels, InHeight, InWidth);

    public Shape WeightShape => Layout == Layout.Nhwc
        ? new Shape(KernelHeight, KernelWidth, OutChannelsPerGroup, InChannels)
        : new Shape(InChannels, OutChannelsPerGroup, KernelHeight, KernelWidth);

    public Shape OutputShape => Layout == Layout.Nhwc
        ? new Shape(Batch, OutHeight, OutWidth, OutChannels)
        : new Shape(Batch, OutChannels, OutHeight, OutWidth);

    public int InputLength => Batch * InChannels * InHeight * InWidth;

    public int WeightLength => KernelHeight * KernelWidth * OutChannelsPerGroup * InChannels;

    public int OutputLength => Batch * OutChannels * OutHeight * OutWidth;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter that cannot describe a transposed convolution.</summary>
    public void Validate()
    {
        ConvGeometry.RequireAtLeast(1, ("batch", Batch), ("input channels", InChannels), ("input height", InHeight),
            ("input width", InWidth), ("output channels", OutChannels), ("kernel height", KernelHeight),
            ("kernel width", KernelWidth), ("stride height", StrideHeight), ("stride width", StrideWidth),
            ("dilation height", DilationHeight), ("dilation width", DilationWidth), ("groups", Groups));
        ConvGeometry.RequireAtLeast(0, ("pad top", PadTop), ("pad bottom", PadBottom), ("pad left", PadLeft), ("pad right", PadRight),
            ("output padding height", OutputPaddingHeight), ("output padding width", OutputPaddingWidth));
        ConvGeometry.RequireGroupsDivide(Groups, InChannels, OutChannels);
        if (OutHeight < 1 || OutWidth < 1)
        {
            throw new ArgumentException(
                $"Transposed convolution pads (t{PadTop} b{PadBottom} l{PadLeft} r{PadRight}) crop away the whole " +
                $"{InHeight}x{InWidth} input's output; it would be {OutHeight}x{OutWidth}.");
        }
    }

    /// <summary>Checks the spans against this geometry; an empty bias means no bias.</summary>
    internal void ValidateBuffers(int input, int weights, int bias, int output)
    {
        Validate();
        ConvGeometry.RequireBuffers((input, InputLength, InputShape), (weights, WeightLength, WeightShape), bias, OutChannels, (output, OutputLength, OutputShape));
    }
}
