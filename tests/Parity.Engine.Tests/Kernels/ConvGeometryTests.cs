using FsCheck.Xunit;
using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Tests.Kernels;

public class ConvGeometryTests
{
    // The closed-form tap range must select exactly the taps a brute-force scan finds inside [0, size).
    [Property(MaxTest = 300)]
    public void ValidTaps_matches_a_scan(int originSeed, byte stepSeed, byte sizeSeed, byte countSeed)
    {
        var origin = originSeed % 40;
        int step = 1 + stepSeed % 4, size = 1 + sizeSeed % 20, count = 1 + countSeed % 12;
        var (low, high) = ConvGeometry.ValidTaps(origin, step, size, count);
        var expected = Enumerable.Range(0, count).Where(t => origin + t * step >= 0 && origin + t * step < size).ToArray();
        Assert.InRange(low, 0, count);
        Assert.Equal(expected, Enumerable.Range(low, high - low).ToArray());
    }

    [Fact]
    public void Output_sizes_of_common_paddings()
    {
        // TF "same", stride 1: pads 1/1 keep 56; "valid" 3x3 on 56 gives 54; stride 2 "same" on 225 with pads 0/1: (225+1-2-1)/2 + 1 = 112.
        Assert.Equal(56, ConvGeometry.OutputSize(56, 3, 1, 1, 1, 1));
        Assert.Equal(54, ConvGeometry.OutputSize(56, 3, 1, 1, 0, 0));
        Assert.Equal(112, ConvGeometry.OutputSize(225, 3, 2, 1, 0, 1));
        Assert.Equal(0, ConvGeometry.OutputSize(2, 5, 1, 1, 0, 0));
        // Deconvolution 2x2 stride 2 doubles: (28-1)*2 + 1 + 0 + 1 = 56.
        Assert.Equal(56, ConvGeometry.TransposedOutputSize(28, 2, 2, 1, 0, 0, 0));
    }
}
