using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// Geometry of a 3-D transposed convolution, channels first: input voxel (id, ih, iw) spreads into output voxels
/// (id*stride - padFront + kd*dilation, ...). Input [N, Cin, D, H, W], weights [Cin, Cout/groups, KD, KH, KW] (MIL
/// conv_transpose, PyTorch ConvTranspose3d), output [N, Cout, Dout, Hout, Wout] with
/// Dout = (D-1)*stride - padFront - padBack + dilation*(KD-1) + outputPaddingDepth + 1; output padding adds cells at the back/bottom/right.
/// </summary>
public readonly record struct ConvTranspose3DParameters(
    int Batch, int InChannels, int InDepth, int InHeight, int InWidth,
    int OutChannels, int KernelDepth, int KernelHeight, int KernelWidth,
    int StrideDepth = 1, int StrideHeight = 1, int StrideWidth = 1,
    int DilationDepth = 1, int DilationHeight = 1, int DilationWidth = 1,
    int Groups = 1,
    int PadFront = 0, int PadBack = 0, int PadTop = 0, int PadBottom = 0, int PadLeft = 0, int PadRight = 0,
    int OutputPaddingDepth = 0, int OutputPaddingHeight = 0, int OutputPaddingWidth = 0)
{
    public int OutDepth => ConvGeometry.TransposedOutputSize(InDepth, KernelDepth, StrideDepth, DilationDepth, PadFront, PadBack, OutputPaddingDepth);

    public int OutHeight => ConvGeometry.TransposedOutputSize(InHeight, KernelHeight, StrideHeight, DilationHeight, PadTop, PadBottom, OutputPaddingHeight);

    public int OutWidth => ConvGeometry.TransposedOutputSize(InWidth, KernelWidth, StrideWidth, DilationWidth, PadLeft, PadRight, OutputPaddingWidth);

    public int InChannelsPerGroup => InChannels / Groups;

    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Kernel taps per output channel of a group: KD * KH * KW * Cout/groups.</summary>
    public int TapsPerInput => KernelDepth * KernelHeight * KernelWidth * OutChannelsPerGroup;

    /// <summary>Floating-point operations of one run (each input value meets KD*KH*KW*Cout/groups weights; a multiply-add is two).</summary>
    public long Flops => 2L * Batch * InDepth * InHeight * InWidth * InChannels * TapsPerInput;

    public Shape InputShape => new(Batch, InChannels, InDepth, InHeight, InWidth);

    public Shape WeightShape => new(InChannels, OutChannelsPerGroup, KernelDepth, KernelHeight, KernelWidth);

    public Shape OutputShape => new(Batch, OutChannels, OutDepth, OutHeight, OutWidth);

    public int InputLength => Batch * InChannels * InDepth * InHeight * InWidth;

    public int WeightLength => InChannels * TapsPerInput;

    public int OutputLength => Batch * OutChannels * OutDepth * OutHeight * OutWidth;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter that cannot describe a transposed convolution.</summary>
    public void Validate()
    {
        ConvGeometry.RequireAtLeast(1, ("batch", Batch), ("input channels", InChannels), ("input depth", InDepth),
            ("input height", InHeight), ("input width", InWidth), ("output channels", OutChannels),
            ("kernel depth", KernelDepth), ("kernel height", KernelHeight), ("kernel width", KernelWidth),
            ("stride depth", StrideDepth), ("stride height", StrideHeight), ("stride width", StrideWidth),
            ("dilation depth", DilationDepth), ("dilation height", DilationHeight), ("dilation width", DilationWidth), ("groups", Groups));
        ConvGeometry.RequireAtLeast(0, ("pad front", PadFront), ("pad back", PadBack), ("pad top", PadTop),
            ("pad bottom", PadBottom), ("pad left", PadLeft), ("pad right", PadRight), ("output padding depth", OutputPaddingDepth),
            ("output padding height", OutputPaddingHeight), ("output padding width", OutputPaddingWidth));
        ConvGeometry.RequireGroupsDivide(Groups, InChannels, OutChannels);
        if (OutDepth < 1 || OutHeight < 1 || OutWidth < 1)
        {
            throw new ArgumentException(
                $"Transposed convolution pads (f{PadFront} b{PadBack} t{PadTop} b{PadBottom} l{PadLeft} r{PadRight}) crop away the whole " +
                $"{InDepth}x{InHeight}x{InWidth} input's output; it would be {OutDepth}x{OutHeight}x{OutWidth}.");
        }
    }

    /// <summary>Checks the spans against this geometry; an empty bias means no bias.</summary>
    internal void ValidateBuffers(int input, int weights, int bias, int output)
    {
        Validate();
        ConvGeometry.RequireBuffers((input, InputLength, InputShape), (weights, WeightLength, WeightShape), bias, OutChannels, (output, OutputLength, OutputShape));
    }
}
