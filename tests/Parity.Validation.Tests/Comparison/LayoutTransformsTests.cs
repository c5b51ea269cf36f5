using Parity.Engine.Tensors;
using Parity.Validation.Comparison;

namespace Parity.Validation.Tests.Comparison;

public class LayoutTransformsTests
{
    [Fact]
    public void Channels_first_data_is_rearranged_to_channels_last()
    {
        // NHWC [1,1,2,3]: pixel 0 holds channels (0,1,2), pixel 1 holds (3,4,5). As NCHW [1,3,1,2] the same data is
        // channel 0: (0,3), channel 1: (1,4), channel 2: (2,5).
        float[] nchw = [0, 3, 1, 4, 2, 5];
        var fits = LayoutTransforms.Between(new Shape(1, 3, 1, 2), new Shape(1, 1, 2, 3));
        Assert.Contains(LayoutTransform.ChannelsFirstToLast, fits);
        Assert.Equal([0, 1, 2, 3, 4, 5], LayoutTransforms.Apply(nchw, new Shape(1, 3, 1, 2), LayoutTransform.ChannelsFirstToLast));
        Assert.Equal(nchw, LayoutTransforms.Apply([0, 1, 2, 3, 4, 5], new Shape(1, 1, 2, 3), LayoutTransform.ChannelsLastToFirst));
    }

    [Fact]
    public void Rank5_blobs_and_squeezed_axes_fit_their_keras_shapes()
    {
        // Core ML's [Seq, Batch, C, H, W] blob of a [1, H, W, C] Keras tensor, and a [1,1,10,1,1] vector of a [1,10] Dense output.
        Assert.Equal([LayoutTransform.ChannelsFirstToLast], LayoutTransforms.Between(new Shape(1, 1, 8, 4, 5), new Shape(1, 4, 5, 8)));
        Assert.Equal([LayoutTransform.Reshape], LayoutTransforms.Between(new Shape(1, 1, 10, 1, 1), new Shape(1, 10)));
        Assert.Equal([LayoutTransform.None], LayoutTransforms.Between(new Shape(2, 3), new Shape(2, 3)));
        Assert.Empty(LayoutTransforms.Between(new Shape(1, 6), new Shape(1, 5)));
        Assert.Empty(LayoutTransforms.Between(new Shape(4, 5, 6), new Shape(5, 4, 6)));
    }

    [Theory]
    [InlineData("conv1__activation__", "conv1")]
    [InlineData("Dense_2_output", "dense_2")]
    [InlineData("x__permute__", "x")]
    [InlineData("lstm_preact", "lstm")]
    [InlineData("probs:0", "probs")]
    [InlineData("conv1__activation___output", "conv1")]
    public void Converter_suffixes_and_case_are_ignored(string name, string key) => Assert.Equal(key, LayerNames.Normalize(name));
}
