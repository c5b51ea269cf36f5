using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Geometry of a 3-D convolution, channels first: input [N, Cin, D, H, W], weights [Cout, Cin/groups, KD, KH, KW]
/// (Core ML, PyTorch), output [N, Cout, Dout, Hout, Wout]. Pads are explicit and may differ per side (front/back on
/// depth, top/bottom on height, left/right on width); each output size is floor((in + pads - dilation*(K-1) - 1)/stride) + 1.
/// Group g maps input channels [g*Cin/groups, (g+1)*Cin/groups) to output channels [g*Cout/groups, (g+1)*Cout/groups).
/// </summary>
public readonly record struct Conv3DParameters(
    int Batch, int InChannels, int InDepth, int InHeight, int InWidth,
    int OutChannels, int KernelDepth, int KernelHeight, int KernelWidth,
    int StrideDepth = 1, int StrideHeight = 1, int StrideWidth = 1,
    int DilationDepth = 1, int DilationHeight = 1, int DilationWidth = 1,
    int Groups = 1,
    int PadFront = 0, int PadBack = 0, int PadTop = 0, int PadBottom = 0, int PadLeft = 0, int PadRight = 0)
{
    public int OutDepth => ConvGeometry.OutputSize(InDepth, KernelDepth, StrideDepth, DilationDepth, PadFront, PadBack);

    public int OutHeight => ConvGeometry.OutputSize(InHeight, KernelHeight, StrideHeight, DilationHeight, PadTop, PadBottom);

    public int OutWidth => ConvGeometry.OutputSize(InWidth, KernelWidth, StrideWidth, DilationWidth, PadLeft, PadRight);

    public int InChannelsPerGroup => InChannels / Groups;

    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Multiply-adds per output element: KD * KH * KW * Cin/groups.</summary>
    public int TermsPerOutput => KernelDepth * KernelHeight * KernelWidth * InChannelsPerGroup;

    /// <summary>Floating-point operations of one run, counting a multiply-add as two.</summary>
    public long Flops => 2L * Batch * OutDepth * OutHeight * OutWidth * OutChannels * TermsPerOutput;

    public Shape InputShape => new(Batch, InChannels, InDepth, InHeight, InWidth);

    public Shape WeightShape => new(OutChannels, InChannelsPerGroup, KernelDepth, KernelHeight, KernelWidth);

    public Shape OutputShape => new(Batch, OutChannels, OutDepth, OutHeight, OutWidth);

    public int InputLength => Batch * InChannels * InDepth * InHeight * InWidth;

    public int WeightLength => OutChannels * TermsPerOutput;

    public int OutputLength => Batch * OutChannels * OutDepth * OutHeight * OutWidth;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter that cannot describe a convolution.</summary>
    public void Validate()
    {
        ConvGeometry.RequireAtLeast(1, ("batch", Batch), ("input channels", InChannels), ("input depth", InDepth),
            ("input height", InHeight), ("input width", InWidth), ("output channels", OutChannels),
            ("kernel depth", KernelDepth), ("kernel height", KernelHeight), ("kernel width", KernelWidth),
            ("stride depth", StrideDepth), ("stride height", StrideHeight), ("stride width", StrideWidth),
            ("dilation depth", DilationDepth), ("dilation height", DilationHeight), ("dilation width", DilationWidth), ("groups", Groups));
        ConvGeometry.RequireAtLeast(0, ("pad front", PadFront), ("pad back", PadBack), ("pad top", PadTop),
            ("pad bottom", PadBottom), ("pad left", PadLeft), ("pad right", PadRight));
        ConvGeometry.RequireGroupsDivide(Groups, InChannels, OutChannels);
        if (OutDepth < 1 || OutHeight < 1 || OutWidth < 1)
        {
            throw new ArgumentException(
                $"A {KernelDepth}x{KernelHeight}x{KernelWidth} kernel with dilation {DilationDepth}x{DilationHeight}x{DilationWidth} does not fit the padded " +
                $"{InDepth}x{InHeight}x{InWidth} input (pads f{PadFront} b{PadBack} t{PadTop} b{PadBottom} l{PadLeft} r{PadRight}); " +
                $"the output would be {OutDepth}x{OutHeight}x{OutWidth}.");
        }
    }

    /// <summary>Checks the spans against this geometry; an empty bias means no bias.</summary>
    internal void ValidateBuffers(int input, int weights, int bias, int output)
    {
        Validate();
        ConvGeometry.RequireBuffers((input, InputLength, InputShape), (weights, WeightLength, WeightShape), bias, OutChannels, (output, OutputLength, OutputShape));
    }
}
