using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;
using static Parity.Engine.Tests.Kernels.ConvTestSupport;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>Optimized 3-D convolution kernels against their reference twins, and the twins against the 2-D ones, on generated problems.</summary>
public class Conv3DPropertyTests
{
    // A float32 sum of T terms with |x| <= X, |w| <= W differs from the exact sum by at most about T * eps * X * W
    // (eps = 6e-8); 1e-5 per term leaves room for any summation order and FMA contraction.
    private const double ErrorPerTerm = 1e-5;

    [Property(Arbitrary = [typeof(ForwardConv3DProblems)], MaxTest = 100)]
    public void Conv3D_matches_reference(Conv3DProblem problem)
    {
        var p = problem.ForwardParameters();
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.HasBias ? problem.Data(p.OutChannels, 3) : []);
        var expected = new float[p.OutputLength];
        var actual = new float[p.OutputLength];
        Array.Fill(actual, float.NaN);
        Ref.Conv3D.Forward(p, x, w, b, expected);
        Conv3D.Forward(p, x, w, b, actual);
        AssertWithin(expected, actual, ErrorPerTerm * (p.TermsPerOutput + 1) * Math.Max(MaxAbs(x) * MaxAbs(w), MaxAbs(b)), problem);
    }

    [Property(Arbitrary = [typeof(TransposedConv3DProblems)], MaxTest = 100)]
    public void ConvTranspose3D_matches_reference(Conv3DProblem problem)
    {
        var p = problem.TransposedParameters();
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.HasBias ? problem.Data(p.OutChannels, 3) : []);
        var expected = new float[p.OutputLength];
        var actual = new float[p.OutputLength];
        Array.Fill(actual, float.NaN);
        Ref.ConvTranspose3D.Forward(p, x, w, b, expected);
        ConvTranspose3D.Forward(p, x, w, b, actual);
        var terms = p.KernelDepth * p.KernelHeight * p.KernelWidth * p.InChannelsPerGroup;
        AssertWithin(expected, actual, ErrorPerTerm * (terms + 1) * Math.Max(MaxAbs(x) * MaxAbs(w), MaxAbs(b)), problem);
    }

    // An independent definition: a volume of depth 1 under a depth-1 kernel is a 2-D convolution of NCHW data, and the
    // buffers have identical memory order. Both twins accumulate in double, so only the final rounding may differ.
    [Property(Arbitrary = [typeof(ForwardConv3DProblems)], MaxTest = 60)]
    public void Conv3D_of_one_slice_equals_Conv2D(Conv3DProblem problem)
    {
        var p = (problem with { Depth = 1, KernelDepth = 1, PadFront = 0, PadBack = 0 }).ForwardParameters();
        var flat = new Conv2DParameters(Layout.Nchw, p.Batch, p.InChannels, p.InHeight, p.InWidth, p.OutChannels, p.KernelHeight, p.KernelWidth,
            p.StrideHeight, p.StrideWidth, p.DilationHeight, p.DilationWidth, p.Groups, p.PadTop, p.PadBottom, p.PadLeft, p.PadRight);
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.HasBias ? problem.Data(p.OutChannels, 3) : []);
        var volume = new float[p.OutputLength];
        var plane = new float[flat.OutputLength];
        Ref.Conv3D.Forward(p, x, w, b, volume);
        Ref.Conv2D.Forward(flat, x, w, b, plane);
        AssertWithin(plane, volume, 1e-6 * (MaxAbs(plane) + 1), problem);
    }

    [Property(Arbitrary = [typeof(TransposedConv3DProblems)], MaxTest = 60)]
    public void ConvTranspose3D_of_one_slice_equals_ConvTranspose2D(Conv3DProblem problem)
    {
        var p = (problem with { Depth = 1, KernelDepth = 1, PadFront = 0, PadBack = 0, OutputPaddingDepth = 0 }).TransposedParameters();
        var flat = new ConvTranspose2DParameters(Layout.Nchw, p.Batch, p.InChannels, p.InHeight, p.InWidth, p.OutChannels, p.KernelHeight, p.KernelWidth,
            p.StrideHeight, p.StrideWidth, p.DilationHeight, p.DilationWidth, p.Groups, p.PadTop, p.PadBottom, p.PadLeft, p.PadRight,
            p.OutputPaddingHeight, p.OutputPaddingWidth);
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.HasBias ? problem.Data(p.OutChannels, 3) : []);
        var volume = new float[p.OutputLength];
        var plane = new float[flat.OutputLength];
        Ref.ConvTranspose3D.Forward(p, x, w, b, volume);
        Ref.ConvTranspose2D.Forward(flat, x, w, b, plane);
        AssertWithin(plane, volume, 1e-6 * (MaxAbs(plane) + 1), problem);
    }

    // 864 terms x 576 output pixels per slice: the 16 MB column budget holds 8 slices, so the 24 output slices run in
    // three parts (and unfolding splits over threads); generated problems are far too small to reach either.
    [Fact]
    public void A_deep_volume_runs_in_several_depth_parts_and_matches_reference()
    {
        var p = new Conv3DParameters(1, 32, 26, 26, 26, 2, 3, 3, 3, PadFront: 0, PadBack: 0);
        var problem = new Conv3DProblem(1, 1, 32, 2, 26, 26, 26, 3, 3, 3, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, 11);
        Assert.Equal(24, p.OutDepth);
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.Data(p.OutChannels, 3));
        var expected = new float[p.OutputLength];
        var actual = new float[p.OutputLength];
        Ref.Conv3D.Forward(p, x, w, b, expected);
        Conv3D.Forward(p, x, w, b, actual);
        AssertWithin(expected, actual, ErrorPerTerm * (p.TermsPerOutput + 1), p);
    }

    // 216 taps x 1600 input pixels per slice: the 16 MB product budget holds 12 slices, so the 15 input slices run in two
    // parts whose overlapping kernels (3 deep, stride 1) add into the same output slices at the seam.
    [Fact]
    public void A_deep_transposed_volume_runs_in_several_depth_parts_and_matches_reference()
    {
        var p = new ConvTranspose3DParameters(1, 2, 15, 40, 40, 8, 3, 3, 3, PadFront: 1, PadTop: 1, PadRight: 2);
        var problem = new Conv3DProblem(1, 1, 2, 8, 15, 40, 40, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 2, 0, 0, 0, true, 13);
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.Data(p.OutChannels, 3));
        var expected = new float[p.OutputLength];
        var actual = new float[p.OutputLength];
        Ref.ConvTranspose3D.Forward(p, x, w, b, expected);
        ConvTranspose3D.Forward(p, x, w, b, actual);
        AssertWithin(expected, actual, ErrorPerTerm * (27 * p.InChannelsPerGroup + 1), p);
    }
}
