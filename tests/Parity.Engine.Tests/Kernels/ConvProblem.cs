using FsCheck;
using FsCheck.Fluent;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Tests.Kernels;

/// <summary>
/// One generated convolution problem: geometry plus a seed for its data. A record, so FsCheck shrinks a failure
/// field by field down to the smallest geometry that still fails.
/// </summary>
public sealed record ConvProblem(
    Layout Layout, int Batch, int Groups, int InPerGroup, int OutPerGroup,
    int Height, int Width, int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth, int DilationHeight, int DilationWidth,
    int PadTop, int PadBottom, int PadLeft, int PadRight,
    int OutputPaddingHeight, int OutputPaddingWidth, bool HasBias, int Seed)
{
    // Keeps every case (reference twins and the reference GEMM body included) at a few milliseconds.
    private const long MaxMultiplyAdds = 400_000;

    public Conv2DParameters ForwardParameters() => new(Layout, Batch, Groups * InPerGroup, Height, Width, Groups * OutPerGroup,
        KernelHeight, KernelWidth, StrideHeight, StrideWidth, DilationHeight, DilationWidth, Groups,
        PadTop, PadBottom, PadLeft, PadRight);

    public ConvTranspose2DParameters TransposedParameters() => new(Layout, Batch, Groups * InPerGroup, Height, Width, Groups * OutPerGroup,
        KernelHeight, KernelWidth, StrideHeight, StrideWidth, DilationHeight, DilationWidth, Groups,
        PadTop, PadBottom, PadLeft, PadRight, OutputPaddingHeight, OutputPaddingWidth);

    public Conv1DParameters Forward1DParameters() => new(Layout, Batch, Groups * InPerGroup, Width, Groups * OutPerGroup,
        KernelWidth, StrideWidth, DilationWidth, Groups, PadLeft, PadRight);

    public bool FitsForward()
    {
        var p = ForwardParameters();
        return p.OutHeight >= 1 && p.OutWidth >= 1 && p.Flops / 2 <= MaxMultiplyAdds;
    }

    public bool FitsTransposed()
    {
        var p = TransposedParameters();
        return p.OutHeight >= 1 && p.OutWidth >= 1 && p.Flops / 2 <= MaxMultiplyAdds;
    }

    /// <summary>Values uniform in [-1, 1) drawn from <see cref="Seed"/> and a per-buffer salt.</summary>
    public float[] Data(int length, int salt)
    {
        var random = new Random(HashCode.Combine(Seed, salt));
        var data = new float[length];
        for (var i = 0; i < length; i++) data[i] = random.NextSingle() * 2 - 1;
        return data;
    }

    public static Gen<ConvProblem> Generator
    {
        get
        {
            // Channel counts around and off vector widths, plus one large count.
            var channels = Gen.Elements(1, 2, 3, 5, 7, 16, 17, 70);
            var grouping = Gen.Frequency(
                (4, from i in channels from o in channels select (Groups: 1, In: i, Out: o)),
                (1, from g in Gen.Choose(2, 3) from i in Gen.Choose(1, 5) from o in Gen.Choose(1, 5) select (Groups: g, In: i, Out: o)),
                (2, from c in channels from m in Gen.Choose(1, 2) select (Groups: c, In: 1, Out: m)));
            var small = Gen.Choose(1, 3);
            var pad = Gen.Choose(0, 3);
            return from layout in Gen.Elements(Layout.Nhwc, Layout.Nchw)
                   from batch in Gen.Choose(1, 2)
                   from g in grouping
                   from h in Gen.Choose(1, 15)
                   from w in Gen.Choose(1, 15)
                   from kh in Gen.Choose(1, 5)
                   from kw in Gen.Choose(1, 5)
                   from strides in Gen.Two(small)
                   from dilations in Gen.Two(small)
                   from pads in Gen.ArrayOf(pad, 4)
                   from outputPadding in Gen.Two(Gen.Choose(0, 2))
                   from bias in Gen.Elements(true, false)
                   from seed in Gen.Choose(0, 1_000_000)
                   from pointwise in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
                   let problem = new ConvProblem(layout, batch, g.Groups, g.In, g.Out, h, w, kh, kw,
                       strides.Item1, strides.Item2, dilations.Item1, dilations.Item2,
                       pads[0], pads[1], pads[2], pads[3], outputPadding.Item1, outputPadding.Item2, bias, seed)
                   // 1x1, stride 1, unpadded convolutions take a GEMM-only path that random geometry would almost never reach.
                   select pointwise
                       ? problem with { KernelHeight = 1, KernelWidth = 1, StrideHeight = 1, StrideWidth = 1, PadTop = 0, PadBottom = 0, PadLeft = 0, PadRight = 0 }
                       : problem;
        }
    }

    /// <summary>Smaller variants: each field moved toward its simplest value.</summary>
    public static IEnumerable<ConvProblem> Shrink(ConvProblem p)
    {
        if (p.Batch > 1) yield return p with { Batch = 1 };
        if (p.HasBias) yield return p with { HasBias = false };
        if (p.Groups > 1) yield return p with { Groups = p.Groups - 1 };
        if (p.InPerGroup > 1) yield return p with { InPerGroup = p.InPerGroup / 2 };
        if (p.OutPerGroup > 1) yield return p with { OutPerGroup = p.OutPerGroup / 2 };
        if (p.Height > 1) yield return p with { Height = p.Height - 1 };
        if (p.Width > 1) yield return p with { Width = p.Width - 1 };
        if (p.KernelHeight > 1) yield return p with { KernelHeight = p.KernelHeight - 1 };
        if (p.KernelWidth > 1) yield return p with { KernelWidth = p.KernelWidth - 1 };
        if (p.StrideHeight > 1) yield return p with { StrideHeight = 1 };
        if (p.StrideWidth > 1) yield return p with { StrideWidth = 1 };
        if (p.DilationHeight > 1) yield return p with { DilationHeight = 1 };
        if (p.DilationWidth > 1) yield return p with { DilationWidth = 1 };
        if (p.PadTop > 0) yield return p with { PadTop = 0 };
        if (p.PadBottom > 0) yield return p with { PadBottom = 0 };
        if (p.PadLeft > 0) yield return p with { PadLeft = 0 };
        if (p.PadRight > 0) yield return p with { PadRight = 0 };
        if (p.OutputPaddingHeight > 0) yield return p with { OutputPaddingHeight = 0 };
        if (p.OutputPaddingWidth > 0) yield return p with { OutputPaddingWidth = 0 };
    }
}

/// <summary>Problems whose forward convolution fits (output at least 1x1, small enough to run quickly).</summary>
public static class ForwardConvProblems
{
    public static Arbitrary<ConvProblem> Problems() =>
        Arb.From(ConvProblem.Generator.Where(p => p.FitsForward()), p => ConvProblem.Shrink(p).Where(s => s.FitsForward()));
}

/// <summary>Problems whose transposed convolution fits.</summary>
public static class TransposedConvProblems
{
    public static Arbitrary<ConvProblem> Problems() =>
        Arb.From(ConvProblem.Generator.Where(p => p.FitsTransposed()), p => ConvProblem.Shrink(p).Where(s => s.FitsTransposed()));
}
