using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Geometry of a 2-D convolution. <see cref="Layout.Nhwc"/>: input [N, H, W, Cin], weights [KH, KW, Cin/groups, Cout]
/// (Keras/TensorFlow), output [N, Hout, Wout, Cout]. <see cref="Layout.Nchw"/>: input [N, Cin, H, W], weights
/// [Cout, Cin/groups, KH, KW] (Core ML/PyTorch), output [N, Cout, Hout, Wout]. Pads are explicit and may be
/// asymmetric (readers turn "same"/"valid" into numbers); Hout = floor((H + padTop + padBottom - dilation*(KH-1) - 1)/stride) + 1.
/// Group g maps input channels [g*Cin/groups, (g+1)*Cin/groups) to output channels [g*Cout/groups, (g+1)*Cout/groups);
/// depthwise is groups == Cin with Cout = Cin * multiplier.
/// </summary>
public readonly record struct Conv2DParameters(
    Layout Layout,
    int Batch, int InChannels, int InHeight, int InWidth,
    int OutChannels, int KernelHeight, int KernelWidth,
    int StrideHeight = 1, int StrideWidth = 1,
    int DilationHeight = 1, int DilationWidth = 1,
    int Groups = 1,
    int PadTop = 0, int PadBottom = 0, int PadLeft = 0, int PadRight = 0)
{
    public int OutHeight => ConvGeometry.OutputSize(InHeight, KernelHeight, StrideHeight, DilationHeight, PadTop, PadBottom);

    public int OutWidth => ConvGeometry.OutputSize(InWidth, KernelWidth, StrideWidth, DilationWidth, PadLeft, PadRight);

    public int InChannelsPerGroup => InChannels / Groups;

    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Multiply-adds per output element: KH * KW * Cin/groups.</summary>
    public int TermsPerOutput => KernelHeight * KernelWidth * InChannelsPerGroup;

    /// <summary>Floating-point operations of one run, counting a multiply-add as two.</summary>
    public long Flops => 2L * Batch * OutHeight * OutWidth * OutChannels * TermsPerOutput;

    public Shape InputShape => Layout == Layout.Nhwc
        ? new Shape(Batch, InHeight, InWidth, InChannels)
        : new Shape(Batch, InChannels, InHeight, InWidth);

    public Shape WeightShape => Layout == Layout.Nhwc
        ? new Shape(KernelHeight, KernelWidth, InChannelsPerGroup, OutChannels)
        : new Shape(OutChannels, InChannelsPerGroup, KernelHeight, KernelWidth);

    public Shape OutputShape => Layout == Layout.Nhwc
        ? new Shape(Batch, OutHeight, OutWidth, OutChannels)
        : new Shape(Batch, OutChannels, OutHeight, OutWidth);

    public int InputLength => Batch * InChannels * InHeight * InWidth;

    public int WeightLength => KernelHeight * KernelWidth * InChannelsPerGroup * OutChannels;

    public int OutputLength => Batch * OutChannels * OutHeight * OutWidth;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter that cannot describe a convolution.</summary>
    public void Validate()
    {
        ConvGeometry.RequireAtLeast(1, ("batch", Batch), ("input channels", InChannels), ("input height", InHeight),
            ("input width", InWidth), ("output channels", OutChannels), ("kernel height", KernelHeight),
            ("kernel width", KernelWidth), ("stride height", StrideHeight), ("stride width", StrideWidth),
            ("dilation height", DilationHeight), ("dilation width", DilationWidth), ("groups", Groups));
        ConvGeometry.RequireAtLeast(0, ("pad top", PadTop), ("pad bottom", PadBottom), ("pad left", PadLeft), ("pad right", PadRight));
        ConvGeometry.RequireGroupsDivide(Groups, InChannels, OutChannels);
        if (OutHeight < 1 || OutWidth < 1)
        {
            throw new ArgumentException(
                $"A {KernelHeight}x{KernelWidth} kernel with dilation {DilationHeight}x{DilationWidth} does not fit the padded " +
                $"{InHeight}x{InWidth} input (pads t{PadTop} b{PadBottom} l{PadLeft} r{PadRight}); the output would be {OutHeight}x{OutWidth}.");
        }
    }

    /// <summary>Checks the spans against this geometry; an empty bias means no bias.</summary>
    internal void ValidateBuffers(int input, int weights, int bias, int output)
    {
        Validate();
        ConvGeometry.RequireBuffers((input, InputLength, InputShape), (weights, WeightLength, WeightShape), bias, OutChannels, (output, OutputLength, OutputShape));
    }
}
