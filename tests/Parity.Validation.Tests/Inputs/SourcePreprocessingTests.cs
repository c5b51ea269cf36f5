using Parity.Spec;
using Parity.Validation.Comparison;

namespace Parity.Validation.Tests.Inputs;

public class SourcePreprocessingTests
{
    private static readonly ImageInput RgbUnscaled = new("RGB", 1, []);

    [Fact]
    public void Torch_mode_is_x_over_255_then_ImageNet_mean_and_std_per_channel()
    {
        var torch = SourcePreprocessing.For("torch", RgbUnscaled);

        // [1,3,1,1] pixels (255, 0, 51): R (255/255 - 0.485)/0.229 = 2.248908; G (0 - 0.456)/0.224 = -2.035714;
        // B (51/255 - 0.406)/0.225 = (0.2 - 0.406)/0.225 = -0.915556.
        var result = torch.ApplyForA([255, 0, 51], [1, 3, 1, 1]);

        Assert.Equal(2.248908f, result[0], 1e-5f);
        Assert.Equal(-2.035714f, result[1], 1e-5f);
        Assert.Equal(-0.915556f, result[2], 1e-5f);
        Assert.False(torch.ReverseChannels);
    }

    [Fact]
    public void Explicit_per_channel_scales_and_biases_apply_in_the_source_channel_order()
    {
        var prep = SourcePreprocessing.For("scale=0.5,0.25,2,bias=1,2,3", RgbUnscaled);

        // [1,3,1,2]: R (10, 20) * 0.5 + 1 = (6, 11); G (10, 20) * 0.25 + 2 = (4.5, 7); B (10, 20) * 2 + 3 = (23, 43).
        Assert.Equal([6, 11, 4.5f, 7, 23, 43], prep.ApplyForA([10, 20, 10, 20, 10, 20], [1, 3, 1, 2]));
    }

    [Fact]
    public void A_BGR_source_with_per_channel_scales_reads_the_reversed_channels()
    {
        // The converted model takes RGB; the source wants B, G, R: source channel 0 reads pixel channel 2.
        var prep = SourcePreprocessing.For("scale=1,10,100,bgr", RgbUnscaled);

        // pixels R=1, G=2, B=3 -> source (B, G, R) = (3, 2, 1) scaled by (1, 10, 100) = (3, 20, 100).
        Assert.Equal([3, 20, 100], prep.ApplyForA([1, 2, 3], [1, 3, 1, 1]));
    }

    [Theory]
    [InlineData("scale=1,2")]
    [InlineData("scale=1,bias=1,2")]
    [InlineData("bias=1,2,3")]
    [InlineData("scale=x")]
    public void Wrong_explicit_modes_are_refused(string mode) =>
        Assert.Throws<ArgumentException>(() => SourcePreprocessing.For(mode, RgbUnscaled));
}
