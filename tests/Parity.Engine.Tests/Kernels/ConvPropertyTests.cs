using FsCheck.Xunit;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;
using static Parity.Engine.Tests.Kernels.ConvTestSupport;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Engine.Tests.Kernels;

/// <summary>Optimized convolution kernels against their reference twins, and layout equivalences, on generated problems.</summary>
public class ConvPropertyTests
{
    // A float32 sum of T terms with |x| <= X, |w| <= W differs from the exact sum by at most about T * eps * X * W
    // (eps = 6e-8); 1e-5 per term leaves room for any summation order and FMA contraction.
    private const double ErrorPerTerm = 1e-5;

    [Property(Arbitrary = [typeof(ForwardConvProblems)], MaxTest = 100)]
    public void Conv2D_matches_reference(ConvProblem problem)
    {
        var p = problem.ForwardParameters();
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.HasBias ? problem.Data(p.OutChannels, 3) : []);
        var expected = new float[p.OutputLength];
        var actual = new float[p.OutputLength];
        Array.Fill(actual, float.NaN);
        Ref.Conv2D.Forward(p, x, w, b, expected);
        Conv2D.Forward(p, x, w, b, actual);
        AssertWithin(expected, actual, ErrorPerTerm * (p.TermsPerOutput + 1) * Math.Max(MaxAbs(x) * MaxAbs(w), MaxAbs(b)), problem);
    }

    // Generated rows are at most 15 wide; these are wide enough for every vector width and its tails
    // (40 = 2x16 + 8 channels; 45-column NCHW rows), with dilation and multipliers.
    [Theory]
    [InlineData(Layout.Nchw, 2, 2, 45, 3, 1, 1, 1)]
    [InlineData(Layout.Nchw, 3, 1, 45, 3, 1, 2, 2)]
    [InlineData(Layout.Nchw, 2, 1, 45, 5, 2, 1, 2)]
    [InlineData(Layout.Nhwc, 40, 1, 9, 3, 1, 1, 1)]
    [InlineData(Layout.Nhwc, 40, 2, 9, 3, 2, 2, 1)]
    public void Wide_depthwise_rows_reach_every_vector_path(Layout layout, int channels, int multiplier, int width, int kernel, int stride, int dilation, int pad)
    {
        var p = new Conv2DParameters(layout, 1, channels, 4, width, channels * multiplier, kernel, kernel, stride, stride, dilation, dilation,
            channels, pad, pad, pad, pad);
        var problem = new ConvProblem(layout, 1, channels, 1, multiplier, 4, width, kernel, kernel, stride, stride, dilation, dilation,
            pad, pad, pad, pad, 0, 0, true, 7);
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.Data(p.OutChannels, 3));
        var expected = new float[p.OutputLength];
        var actual = new float[p.OutputLength];
        Ref.Conv2D.Forward(p, x, w, b, expected);
        Conv2D.Forward(p, x, w, b, actual);
        AssertWithin(expected, actual, ErrorPerTerm * (p.TermsPerOutput + 1), p);
    }

    [Property(Arbitrary = [typeof(TransposedConvProblems)], MaxTest = 100)]
    public void ConvTranspose2D_matches_reference(ConvProblem problem)
    {
        var p = problem.TransposedParameters();
        var (x, w, b) = (problem.Data(p.InputLength, 1), problem.Data(p.WeightLength, 2), problem.HasBias ? problem.Data(p.OutChannels, 3) : []);
        var expected = new float[p.OutputLength];
        var actual = new float[p.OutputLength];
        Array.Fill(actual, float.NaN);
        Ref.ConvTranspose2D.Forward(p, x, w, b, expected);
        ConvTranspose2D.Forward(p, x, w, b, actual);
        var terms = p.KernelHeight * p.KernelWidth * p.InChannelsPerGroup;
        AssertWithin(expected, actual, ErrorPerTerm * (terms + 1) * Math.Max(MaxAbs(x) * MaxAbs(w), MaxAbs(b)), problem);
    }

    [Property(Arbitrary = [typeof(ForwardConvProblems)], MaxTest = 60)]
    public void Conv1D_matches_reference(ConvProblem problem)
    {
        var p = problem.Forward1DParameters();
        var q = p.As2D();
        var (x, w, b) = (problem.Data(q.InputLength, 1), problem.Data(q.WeightLength, 2), problem.HasBias ? problem.Data(p.OutChannels, 3) : []);
        var expected = new float[q.OutputLength];
        var actual = new float[q.OutputLength];
        Ref.Conv1D.Forward(p, x, w, b, expected);
        Conv1D.Forward(p, x, w, b, actual);
        AssertWithin(expected, actual, ErrorPerTerm * (q.TermsPerOutput + 1) * Math.Max(MaxAbs(x) * MaxAbs(w), MaxAbs(b)), problem);
    }

    // Keras and Core ML describe the same convolution in two layouts; the reference twins must agree after transposing
    // input, weights and output. Both sides accumulate in double, so only the final rounding may differ.
    [Property(Arbitrary = [typeof(ForwardConvProblems)], MaxTest = 60)]
    public void Conv2D_NHWC_equals_NCHW_on_transposed_data(ConvProblem problem)
    {
        var nhwc = problem.ForwardParameters() with { Layout = Layout.Nhwc };
        var nchw = nhwc with { Layout = Layout.Nchw };
        var (x, w, b) = (problem.Data(nhwc.InputLength, 1), problem.Data(nhwc.WeightLength, 2), problem.HasBias ? problem.Data(nhwc.OutChannels, 3) : []);
        var channelsLast = new float[nhwc.OutputLength];
        var channelsFirst = new float[nchw.OutputLength];
        Ref.Conv2D.Forward(nhwc, x, w, b, channelsLast);
        Ref.Conv2D.Forward(nchw,
            NhwcToNchw(x, nhwc.Batch, nhwc.InHeight, nhwc.InWidth, nhwc.InChannels),
            KerasToChannelsFirstWeights(w, nhwc.KernelHeight, nhwc.KernelWidth, nhwc.InChannelsPerGroup, nhwc.OutChannels),
            b, channelsFirst);
        var back = NchwToNhwc(channelsFirst, nchw.Batch, nchw.OutChannels, nchw.OutHeight, nchw.OutWidth);
        AssertWithin(channelsLast, back, 1e-6 * (MaxAbs(channelsLast) + 1), problem);
    }

    [Property(Arbitrary = [typeof(TransposedConvProblems)], MaxTest = 60)]
    public void ConvTranspose2D_NHWC_equals_NCHW_on_transposed_data(ConvProblem problem)
    {
        var nhwc = problem.TransposedParameters() with { Layout = Layout.Nhwc };
        var nchw = nhwc with { Layout = Layout.Nchw };
        var (x, w, b) = (problem.Data(nhwc.InputLength, 1), problem.Data(nhwc.WeightLength, 2), problem.HasBias ? problem.Data(nhwc.OutChannels, 3) : []);
        var channelsLast = new float[nhwc.OutputLength];
        var channelsFirst = new float[nchw.OutputLength];
        Ref.ConvTranspose2D.Forward(nhwc, x, w, b, channelsLast);
        Ref.ConvTranspose2D.Forward(nchw,
            NhwcToNchw(x, nhwc.Batch, nhwc.InHeight, nhwc.InWidth, nhwc.InChannels),
            KerasToChannelsFirstWeights(w, nhwc.KernelHeight, nhwc.KernelWidth, nhwc.OutChannelsPerGroup, nhwc.InChannels),
            b, channelsFirst);
        var back = NchwToNhwc(channelsFirst, nchw.Batch, nchw.OutChannels, nchw.OutHeight, nchw.OutWidth);
        AssertWithin(channelsLast, back, 1e-6 * (MaxAbs(channelsLast) + 1), problem);
    }
}
