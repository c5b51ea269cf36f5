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

    [Fact]
    public void Transforms_that_move_nothing_hand_back_the_recorded_memory_and_spans_get_a_copy()
    {
        float[] data = [1, 2, 3, 4, 5, 6];
        ReadOnlyMemory<float> recorded = data;
        Assert.True(recorded.Equals(LayoutTransforms.Apply(recorded, new Shape(2, 3), LayoutTransform.None)));
        Assert.True(recorded.Equals(LayoutTransforms.Apply(recorded, new Shape(1, 2, 1, 3), LayoutTransform.Reshape)));
        var copy = LayoutTransforms.Apply(data.AsSpan(), new Shape(2, 3), LayoutTransform.None);
        Assert.NotSame(data, copy);
        Assert.Equal(data, copy);
        Assert.Throws<ArgumentException>(() => LayoutTransforms.Apply(recorded, new Shape(7), LayoutTransform.None));
    }

    [Fact]
    public void A_channels_first_block_larger_than_a_transpose_tile_lands_where_the_index_formula_says()
    {
        // [C=19, H=5, W=7] -> [H, W, C]: output (h, w, c) = input c * 35 + h * 7 + w; sizes that are not multiples of 8 or 16.
        var data = Enumerable.Range(0, 19 * 35).Select(i => (float)i).ToArray();
        var result = LayoutTransforms.Apply(data, new Shape(1, 19, 5, 7), LayoutTransform.ChannelsFirstToLast);
        for (var p = 0; p < 35; p++)
        {
            for (var c = 0; c < 19; c++) Assert.Equal(c * 35 + p, result[p * 19 + c]);
        }
        Assert.Equal(data, LayoutTransforms.Apply(result, new Shape(1, 5, 7, 19), LayoutTransform.ChannelsLastToFirst));
    }

    [Theory]
    [InlineData("conv1__activation__", "conv1")]
    [InlineData("Dense_2_output", "dense_2")]
    [InlineData("x__permute__", "x")]
    [InlineData("lstm_preact", "lstm")]
    [InlineData("probs:0", "probs")]
    [InlineData("conv1__activation___output", "conv1")]
    [InlineData("input_3_cast_fp16", "input_3")]
    [InlineData("input.11", "input_11")]
    [InlineData("x_cast", "x")]
    [InlineData("block/conv:0", "block_conv")]
    public void Converter_suffixes_and_case_are_ignored(string name, string key) => Assert.Equal(key, LayerNames.Normalize(name));
}
