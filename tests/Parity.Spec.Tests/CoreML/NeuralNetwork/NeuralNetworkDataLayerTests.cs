using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Slicing, splitting, reorganizing, resizing and the ND data layers, each on a tiny hand-checked case.</summary>
public class NeuralNetworkDataLayerTests
{
    [Theory]
    // Channels [0, 1, 2, 3]: [1:-1] = [1, 2]; [0:4:2] = [0, 2].
    [InlineData(SliceLayerParams.Types.SliceAxis.ChannelAxis, 1, -1, 1, new[] { 4, 1, 1 }, new float[] { 1, 2 })]
    [InlineData(SliceLayerParams.Types.SliceAxis.ChannelAxis, 0, 4, 2, new[] { 4, 1, 1 }, new float[] { 0, 2 })]
    // Width [0, 1, 2, 3, 4]: [-3:5] = [2, 3, 4].
    [InlineData(SliceLayerParams.Types.SliceAxis.WidthAxis, -3, 5, 1, new[] { 1, 1, 5 }, new float[] { 2, 3, 4 })]
    public void Slice_takes_start_to_end_by_stride(SliceLayerParams.Types.SliceAxis axis, long start, long end, ulong stride, int[] shape, float[] expected)
    {
        var layer = Node("slice", "x");
        layer.Slice = new SliceLayerParams { Axis = axis, StartIndex = start, EndIndex = end, Stride = stride };
        var values = RunRank5([new("x", Enumerable.Range(0, shape[0] * shape[1] * shape[2]).Select(i => (float)i).ToArray(), shape)], layer).Values;
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Split_cuts_channels_into_equal_parts()
    {
        // [C = 4, H = 1, W = 2] holding 0..7: channels 0-1 are 0..3, channels 2-3 are 4..7.
        var layer = Node("split", ["x"], ["o1", "o2"]);
        layer.Split = new SplitLayerParams { NOutputs = 2 };
        var outputs = RunAll([new("x", Enumerable.Range(0, 8).Select(i => (float)i).ToArray(), 4, 1, 2)], NeuralNetworkMultiArrayShapeMapping.Rank5ArrayMapping, ["o1", "o2"], layer);
        Assert.Equal([1, 2, 1, 2], outputs["o1"].Shape);
        Assert.Equal([0f, 1f, 2f, 3f], outputs["o1"].Values);
        Assert.Equal([4f, 5f, 6f, 7f], outputs["o2"].Values);
    }

    [Fact]
    public void SplitND_uses_the_given_sizes()
    {
        var layer = Node("split", ["x"], ["o1", "o2"]);
        layer.SplitND = new SplitNDLayerParams { Axis = -1 };
        layer.SplitND.SplitSizes.AddRange([3, 2]);
        var outputs = RunAll([new("x", [0, 1, 2, 3, 4], 5)], NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping, ["o1", "o2"], layer);
        Assert.Equal([0f, 1f, 2f], outputs["o1"].Values);
        Assert.Equal([3f, 4f], outputs["o2"].Values);
    }

    [Fact]
    public void Reverse_flips_the_flagged_axes()
    {
        var layer = Node("reverse", "x");
        layer.Reverse = new ReverseLayerParams();
        layer.Reverse.ReverseDim.AddRange([false, true]);
        Assert.Equal([3f, 2f, 1f, 6f, 5f, 4f], RunND([new("x", [1, 2, 3, 4, 5, 6], 2, 3)], layer).Values);
    }

    // NeuralNetwork.proto's worked example: [C = 8, H = 1, W = 2] = [[1 2]] [[3 4]] ... [[15 16]] with block 2.
    private static readonly float[] Depth = Enumerable.Range(1, 16).Select(i => (float)i).ToArray();

    [Theory]
    [InlineData(ReorganizeDataLayerParams.Types.ReorganizationType.DepthToSpace, new float[] { 1, 5, 2, 6, 9, 13, 10, 14, 3, 7, 4, 8, 11, 15, 12, 16 })]
    [InlineData(ReorganizeDataLayerParams.Types.ReorganizationType.PixelShuffle, new float[] { 1, 3, 2, 4, 5, 7, 6, 8, 9, 11, 10, 12, 13, 15, 14, 16 })]
    public void Reorganize_data_matches_the_specification_example(ReorganizeDataLayerParams.Types.ReorganizationType mode, float[] expected)
    {
        var layer = Node("reorganize", "x");
        layer.ReorganizeData = new ReorganizeDataLayerParams { Mode = mode, BlockSize = 2 };
        var (values, shape) = RunRank5([new("x", Depth, 8, 1, 2)], layer);
        Assert.Equal([1, 2, 2, 4], shape);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Space_to_depth_undoes_depth_to_space()
    {
        // SPACE_TO_DEPTH is DEPTH_TO_SPACE with input and output swapped: the example's output goes back to 1..16.
        var layer = Node("reorganize", "x");
        layer.ReorganizeData = new ReorganizeDataLayerParams { Mode = ReorganizeDataLayerParams.Types.ReorganizationType.SpaceToDepth, BlockSize = 2 };
        var (values, shape) = RunRank5([new("x", [1, 5, 2, 6, 9, 13, 10, 14, 3, 7, 4, 8, 11, 15, 12, 16], 2, 2, 4)], layer);
        Assert.Equal([1, 8, 1, 2], shape);
        Assert.Equal(Depth, values);
    }

    [Theory]
    // W = 2 holding [0, 10] resized to 3. STRICT_ALIGN_ENDPOINTS: grid linspace(0, 1, 3) = [0, 0.5, 1].
    [InlineData(SamplingMode.Types.Method.StrictAlignEndpointsMode, 3, new float[] { 0, 5, 10 })]
    // UPSAMPLE: linspace(0, 2 - 2/3, 3) = [0, 2/3, 4/3], clamped to 1: [0, 6.667, 10].
    [InlineData(SamplingMode.Types.Method.UpsampleMode, 3, new float[] { 0, 6.6666667f, 10 })]
    // ROI_ALIGN: spacing max(1, 1)/3, start 1/6: [1/6, 1/2, 5/6].
    [InlineData(SamplingMode.Types.Method.RoiAlignMode, 3, new float[] { 1.6666667f, 5, 8.3333333f })]
    // ALIGN_ENDPOINTS with one output samples the middle, (2 - 1)/2 = 0.5.
    [InlineData(SamplingMode.Types.Method.AlignEndpointsMode, 1, new float[] { 5 })]
    public void Resize_bilinear_samples_the_grid_of_its_mode(SamplingMode.Types.Method method, int width, float[] expected)
    {
        var layer = Node("resize", "x");
        layer.ResizeBilinear = new ResizeBilinearLayerParams { Mode = new SamplingMode { SamplingMethod = method } };
        layer.ResizeBilinear.TargetSize.AddRange([1, (ulong)width]);
        var (values, shape) = RunRank5([new("x", [0, 10], 1, 1, 2)], layer);
        Assert.Equal([1, 1, 1, width], shape);
        Close(expected, values);
    }

    [Fact]
    public void Tile_pads_short_repetitions_with_leading_ones()
    {
        var layer = Node("tile", "x");
        layer.Tile = new TileLayerParams();
        layer.Tile.Reps.Add(2);
        var (values, shape) = RunND([new("x", [1, 2], 1, 2)], layer);
        Assert.Equal([1, 4], shape);
        Assert.Equal([1f, 2f, 1f, 2f], values);
    }

    [Fact]
    public void Stack_adds_an_axis()
    {
        var layer = Node("stack", "a", "b");
        layer.Stack = new StackLayerParams { Axis = 1 };
        var (values, shape) = RunND([new("a", [1, 2], 2), new("b", [3, 4], 2)], layer);
        Assert.Equal([2, 2], shape);
        Assert.Equal([1f, 3f, 2f, 4f], values);
    }

    [Fact]
    public void Gather_takes_rows_by_float_indices_counting_negatives_from_the_end()
    {
        // Rows [[1, 2], [3, 4], [5, 6]] at indices [2, -3] = rows 2 and 0.
        var layer = Node("gather", "data", "indices");
        layer.Gather = new GatherLayerParams { Axis = 0 };
        var (values, shape) = RunND([new("data", [1, 2, 3, 4, 5, 6], 3, 2), new("indices", [2, -3], 2)], layer);
        Assert.Equal([2, 2], shape);
        Assert.Equal([5f, 6f, 1f, 2f], values);
    }

    [Theory]
    // [1, 2] padded 1 before and 2 after with 9.
    [InlineData(false, 1UL, 2UL, new float[] { 9, 1, 2, 9, 9 })]
    // Output size 4 asked on the end side: 4 - 2 = 2 values after.
    [InlineData(true, 0UL, 4UL, new float[] { 1, 2, 9, 9 })]
    public void Constant_pad_pads_each_axis(bool toSize, ulong before, ulong after, float[] expected)
    {
        var layer = Node("pad", "x");
        layer.ConstantPad = new ConstantPaddingLayerParams { Value = 9, PadToGivenOutputSizeMode = toSize };
        layer.ConstantPad.PadAmounts.AddRange([before, after]);
        Assert.Equal(expected, RunND([new("x", [1, 2], 2)], layer).Values);
    }

    [Fact]
    public void Shape_fill_and_range_layers_make_their_constants()
    {
        var getShape = Node("shape", "x");
        getShape.GetShape = new GetShapeLayerParams();
        Assert.Equal([2f, 3f], RunND([new("x", new float[6], 2, 3)], getShape).Values);

        var fill = Node("fill", "x");
        fill.FillLike = new FillLikeLayerParams { Value = -1 };
        Assert.Equal([-1f, -1f, -1f], RunND([new("x", [5, 6, 7], 3)], fill).Values);

        // A layer with no input still needs a model input; fillStatic ignores it.
        var fillStatic = Node("fill");
        fillStatic.FillStatic = new FillStaticLayerParams { Value = 7 };
        fillStatic.FillStatic.TargetShape.AddRange([2, 2]);
        var (filled, filledShape) = RunND([new("unused", [0], 1)], fillStatic);
        Assert.Equal([2, 2], filledShape);
        Assert.Equal([7f, 7f, 7f, 7f], filled);

        // numpy.arange(1, 2, 0.25) = [1, 1.25, 1.5, 1.75].
        var range = Node("range");
        range.RangeStatic = new RangeStaticLayerParams { StartValue = 1, EndValue = 2, StepSizeValue = 0.25f };
        Assert.Equal([1f, 1.25f, 1.5f, 1.75f], RunND([new("unused", [0], 1)], range).Values);
    }

    [Fact]
    public void Broadcast_to_repeats_size_one_axes()
    {
        var layer = Node("broadcast", "x");
        layer.BroadcastToStatic = new BroadcastToStaticLayerParams();
        layer.BroadcastToStatic.TargetShape.AddRange([2, 3]);
        var (values, shape) = RunND([new("x", [1, 2], 2, 1)], layer);
        Assert.Equal([2, 3], shape);
        Assert.Equal([1f, 1f, 1f, 2f, 2f, 2f], values);

        var like = Node("broadcast", "x", "y");
        like.BroadcastToLike = new BroadcastToLikeLayerParams();
        Assert.Equal([2, 3], RunND([new("x", [1, 2], 2, 1), new("y", new float[6], 2, 3)], like).Shape);
    }

    [Theory]
    [InlineData(-1L, new[] { 6, 2 })]
    [InlineData(1L, new[] { 2, 6 })]
    [InlineData(0L, new[] { 1, 12 })]
    public void Flatten_to_2d_splits_the_shape_at_axis(long axis, int[] expected)
    {
        var layer = Node("flatten", "x");
        layer.FlattenTo2D = new FlattenTo2DLayerParams { Axis = axis };
        var (values, shape) = RunND([new("x", Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 2, 3, 2)], layer);
        Assert.Equal(expected, shape);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), values);
    }

    [Fact]
    public void Reshapes_take_the_shape_of_another_blob_or_keep_zero_axes()
    {
        var like = Node("reshape", "x", "y");
        like.ReshapeLike = new ReshapeLikeLayerParams();
        Assert.Equal([3, 2], RunND([new("x", new float[6], 6), new("y", new float[6], 3, 2)], like).Shape);

        // [2, 3, 2] with target [0, 2, -1]: keep 2, then 2, then 12 / 4 = 3.
        var rankPreserving = Node("reshape", "x");
        rankPreserving.RankPreservingReshape = new RankPreservingReshapeLayerParams();
        rankPreserving.RankPreservingReshape.TargetShape.AddRange([0, 2, -1]);
        Assert.Equal([2, 2, 3], RunND([new("x", new float[12], 2, 3, 2)], rankPreserving).Shape);
    }

    [Fact]
    public void Embedding_nd_looks_up_columns_of_the_stored_matrix_and_adds_the_bias()
    {
        // Weights stored [embeddingSize 2, vocabSize 3] = [[1, 2, 3], [4, 5, 6]]: id v gives column v.
        // Ids [[2], [0]] -> [[3, 6], [1, 4]] + [10, 20] = [[13, 26], [11, 24]].
        var layer = Node("embedding", "ids");
        layer.EmbeddingND = new EmbeddingNDLayerParams { VocabSize = 3, EmbeddingSize = 2, HasBias = true, Weights = Floats(1, 2, 3, 4, 5, 6), Bias = Floats(10, 20) };
        var (values, shape) = RunND([new("ids", [2, 0], 2, 1)], layer);
        Assert.Equal([2, 2], shape);
        Assert.Equal([13f, 26f, 11f, 24f], values);
    }

    [Fact]
    public void Layer_normalization_normalizes_the_trailing_axes()
    {
        // Rows [1, 3] (mean 2, variance 1) and [2, 6] (mean 4, variance 4) both normalize to [-1, 1];
        // gamma [1, 2], beta [0, 1]: [-1 * 1 + 0, 1 * 2 + 1] = [-1, 3].
        var layer = Node("norm", "x");
        layer.LayerNormalization = new LayerNormalizationLayerParams { Eps = 0, Gamma = Floats(1, 2), Beta = Floats(0, 1) };
        layer.LayerNormalization.NormalizedShape.Add(2);
        Close([-1f, 3f, -1f, 3f], RunND([new("x", [1, 3, 2, 6], 2, 2)], layer).Values);
    }

    [Fact]
    public void Sequence_repeat_tiles_the_sequence_axis_of_a_rank_5_blob()
    {
        var layer = Node("repeat", "x");
        layer.SequenceRepeat = new SequenceRepeatLayerParams { NRepetitions = 3 };
        var (values, shape) = RunND([new("x", [1, 2], 1, 1, 2, 1, 1)], layer);
        Assert.Equal([3, 1, 2, 1, 1], shape);
        Assert.Equal([1f, 2f, 1f, 2f, 1f, 2f], values);
    }

    [Fact]
    public void Sliding_windows_splits_an_axis_into_overlapping_windows()
    {
        // Axis 1 of [1, 5, 1] holding 0..4, windows of 3 every 2: M = (5 - 3) / 2 + 1 = 2 windows [0, 1, 2] and [2, 3, 4].
        var layer = Node("windows", "x");
        layer.SlidingWindows = new SlidingWindowsLayerParams { Axis = 1, WindowSize = 3, Step = 2 };
        var (values, shape) = RunND([new("x", [0, 1, 2, 3, 4], 1, 5, 1)], layer);
        Assert.Equal([1, 2, 3, 1], shape);
        Assert.Equal([0f, 1f, 2f, 2f, 3f, 4f], values);
    }

    [Fact]
    public void Reverse_seq_matches_the_specification_examples()
    {
        // [[0 1 2 3], [4 5 6 7]] with lengths [3, 0]: [[2 1 0 3], [4 5 6 7]].
        var layer = Node("reverse", "x", "lengths");
        layer.ReverseSeq = new ReverseSeqLayerParams { BatchAxis = 0, SequenceAxis = 1 };
        Assert.Equal([2f, 1, 0, 3, 4, 5, 6, 7], RunND([new("x", [0, 1, 2, 3, 4, 5, 6, 7], 2, 4), new("lengths", [3, 0], 2)], layer).Values);
        // [2, 3, 2] holding 0..11 with lengths [2, 3]: slice 0 rows (0 1)(2 3) swap; slice 1 rows reverse all three.
        Assert.Equal([2f, 3, 0, 1, 4, 5, 10, 11, 8, 9, 6, 7],
            RunND([new("x", Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 2, 3, 2), new("lengths", [2, 3], 2)], layer).Values);
    }

    [Fact]
    public void Layers_whose_shape_comes_from_tensor_values_are_named_unsupported()
    {
        var layer = Node("reshape", "x", "shape");
        layer.ReshapeDynamic = new ReshapeDynamicLayerParams();
        var unsupported = Unsupported([new("x", new float[6], 6), new("shape", [2, 3], 2)], layer);
        Assert.Equal(("reshape", "reshapeDynamic"), (unsupported.Name, unsupported.Type));
        Assert.Contains("run time", unsupported.Reason);
    }
}
