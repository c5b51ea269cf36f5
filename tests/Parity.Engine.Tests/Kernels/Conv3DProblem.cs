using FsCheck;
using FsCheck.Fluent;
using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Tests.Kernels;

/// <summary>
/// One generated 3-D convolution problem (forward or transposed): geometry plus a seed for its data. A record, so FsCheck
/// shrinks a failure field by field down to the smallest geometry that still fails.
/// </summary>
public sealed record Conv3DProblem(
    int Batch, int Groups, int InPerGroup, int OutPerGroup,
    int Depth, int Height, int Width, int KernelDepth, int KernelHeight, int KernelWidth,
    int StrideDepth, int StrideHeight, int StrideWidth, int DilationDepth, int DilationHeight, int DilationWidth,
    int PadFront, int PadBack, int PadTop, int PadBottom, int PadLeft, int PadRight,
    int OutputPaddingDepth, int OutputPaddingHeight, int OutputPaddingWidth, bool HasBias, int Seed)
{
    // Keeps every case (the reference twins walk every term) at a few milliseconds.
    private const long MaxMultiplyAdds = 300_000;

    public Conv3DParameters ForwardParameters() => new(Batch, Groups * InPerGroup, Depth, Height, Width, Groups * OutPerGroup,
        KernelDepth, KernelHeight, KernelWidth, StrideDepth, StrideHeight, StrideWidth, DilationDepth, DilationHeight, DilationWidth, Groups,
        PadFront, PadBack, PadTop, PadBottom, PadLeft, PadRight);

    public ConvTranspose3DParameters TransposedParameters() => new(Batch, Groups * InPerGroup, Depth, Height, Width, Groups * OutPerGroup,
        KernelDepth, KernelHeight, KernelWidth, StrideDepth, StrideHeight, StrideWidth, DilationDepth, DilationHeight, DilationWidth, Groups,
        PadFront, PadBack, PadTop, PadBottom, PadLeft, PadRight, OutputPaddingDepth, OutputPaddingHeight, OutputPaddingWidth);

    public bool FitsForward()
    {
        var p = ForwardParameters();
        return p.OutDepth >= 1 && p.OutHeight >= 1 && p.OutWidth >= 1 && p.Flops / 2 <= MaxMultiplyAdds;
    }

    public bool FitsTransposed()
    {
        var p = TransposedParameters();
        return p.OutDepth >= 1 && p.OutHeight >= 1 && p.OutWidth >= 1 && p.Flops / 2 <= MaxMultiplyAdds;
    }

    /// <summary>Values uniform in [-1, 1) drawn from <see cref="Seed"/> and a per-buffer salt.</summary>
    public float[] Data(int length, int salt)
    {
        var random = new Random(HashCode.Combine(Seed, salt));
        var data = new float[length];
        for (var i = 0; i < length; i++) data[i] = random.NextSingle() * 2 - 1;
        return data;
    }

    public static Gen<Conv3DProblem> Generator
    {
        get
        {
            var channels = Gen.Elements(1, 2, 3, 5, 8, 17);
            var grouping = Gen.Frequency(
                (4, from i in channels from o in channels select (Groups: 1, In: i, Out: o)),
                (1, from g in Gen.Choose(2, 3) from i in Gen.Choose(1, 4) from o in Gen.Choose(1, 4) select (Groups: g, In: i, Out: o)),
                (1, from c in Gen.Elements(2, 3, 5) from m in Gen.Choose(1, 2) select (Groups: c, In: 1, Out: m)));
            var size = Gen.Choose(1, 9);
            var kernel = Gen.Choose(1, 3);
            var small = Gen.Choose(1, 3);
            var pad = Gen.Choose(0, 2);
            return from batch in Gen.Choose(1, 2)
                   from g in grouping
                   from sizes in Gen.ArrayOf(size, 3)
                   from kernels in Gen.ArrayOf(kernel, 3)
                   from strides in Gen.ArrayOf(small, 3)
                   from dilations in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 3))), 3)
                   from pads in Gen.ArrayOf(pad, 6)
                   from outputPadding in Gen.ArrayOf(Gen.Choose(0, 2), 3)
                   from bias in Gen.Elements(true, false)
                   from seed in Gen.Choose(0, 1_000_000)
                   from pointwise in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
                   let problem = new Conv3DProblem(batch, g.Groups, g.In, g.Out, sizes[0], sizes[1], sizes[2],
                       kernels[0], kernels[1], kernels[2], strides[0], strides[1], strides[2], dilations[0], dilations[1], dilations[2],
                       pads[0], pads[1], pads[2], pads[3], pads[4], pads[5], outputPadding[0], outputPadding[1], outputPadding[2], bias, seed)
                   // 1x1x1, stride 1, unpadded convolutions take a GEMM-only path that random geometry would rarely reach.
                   select pointwise
                       ? problem with
                       {
                           KernelDepth = 1, KernelHeight = 1, KernelWidth = 1, StrideDepth = 1, StrideHeight = 1, StrideWidth = 1,
                           PadFront = 0, PadBack = 0, PadTop = 0, PadBottom = 0, PadLeft = 0, PadRight = 0,
                       }
                       : problem;
        }
    }

    /// <summary>Smaller variants: each field moved toward its simplest value.</summary>
    public static IEnumerable<Conv3DProblem> Shrink(Conv3DProblem p)
    {
        if (p.Batch > 1) yield return p with { Batch = 1 };
        if (p.HasBias) yield return p with { HasBias = false };
        if (p.Groups > 1) yield return p with { Groups = p.Groups - 1 };
        if (p.InPerGroup > 1) yield return p with { InPerGroup = p.InPerGroup / 2 };
        if (p.OutPerGroup > 1) yield return p with { OutPerGroup = p.OutPerGroup / 2 };
        if (p.Depth > 1) yield return p with { Depth = p.Depth - 1 };
        if (p.Height > 1) yield return p with { Height = p.Height - 1 };
        if (p.Width > 1) yield return p with { Width = p.Width - 1 };
        if (p.KernelDepth > 1) yield return p with { KernelDepth = p.KernelDepth - 1 };
        if (p.KernelHeight > 1) yield return p with { KernelHeight = p.KernelHeight - 1 };
        if (p.KernelWidth > 1) yield return p with { KernelWidth = p.KernelWidth - 1 };
        if (p.StrideDepth > 1) yield return p with { StrideDepth = 1 };
        if (p.StrideHeight > 1) yield return p with { StrideHeight = 1 };
        if (p.StrideWidth > 1) yield return p with { StrideWidth = 1 };
        if (p.DilationDepth > 1) yield return p with { DilationDepth = 1 };
        if (p.DilationHeight > 1) yield return p with { DilationHeight = 1 };
        if (p.DilationWidth > 1) yield return p with { DilationWidth = 1 };
        if (p.PadFront > 0) yield return p with { PadFront = 0 };
        if (p.PadBack > 0) yield return p with { PadBack = 0 };
        if (p.PadTop > 0) yield return p with { PadTop = 0 };
        if (p.PadBottom > 0) yield return p with { PadBottom = 0 };
        if (p.PadLeft > 0) yield return p with { PadLeft = 0 };
        if (p.PadRight > 0) yield return p with { PadRight = 0 };
        if (p.OutputPaddingDepth > 0) yield return p with { OutputPaddingDepth = 0 };
        if (p.OutputPaddingHeight > 0) yield return p with { OutputPaddingHeight = 0 };
        if (p.OutputPaddingWidth > 0) yield return p with { OutputPaddingWidth = 0 };
    }
}

/// <summary>Problems whose forward 3-D convolution fits (output at least 1x1x1, small enough to run quickly).</summary>
public static class ForwardConv3DProblems
{
    public static Arbitrary<Conv3DProblem> Problems() =>
        Arb.From(Conv3DProblem.Generator.Where(p => p.FitsForward()), p => Conv3DProblem.Shrink(p).Where(s => s.FitsForward()));
}

/// <summary>Problems whose transposed 3-D convolution fits.</summary>
public static class TransposedConv3DProblems
{
    public static Arbitrary<Conv3DProblem> Problems() =>
        Arb.From(Conv3DProblem.Generator.Where(p => p.FitsTransposed()), p => Conv3DProblem.Shrink(p).Where(s => s.FitsTransposed()));
}
