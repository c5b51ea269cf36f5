using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Layers whose optional second input replaces a parameter (NeuralNetwork.proto): executed when that input is known while
/// reading (a loadConstantND, a getShape of a static shape), unsupported when computed at run time; sliceBySize, whose
/// begin input does not change the output shape, at run time. Expected values by hand.
/// </summary>
public class NeuralNetworkParameterInputTests
{
    private static NeuralNetworkLayer Constant(string output, float[] values, params ulong[] shape)
    {
        var layer = new NeuralNetworkLayer { Name = $"const_{output}", LoadConstantND = new LoadConstantNDLayerParams { Data = Floats(values) } };
        layer.LoadConstantND.Shape.AddRange(shape);
        layer.Output.Add(output);
        return layer;
    }

    private static readonly Feed X23 = new("x", [0, 1, 2, 3, 4, 5], 2, 3);

    [Fact]
    public void Tile_takes_its_reps_from_a_constant_second_input()
    {
        // x = [[0, 1, 2], [3, 4, 5]] tiled (1, 2): each row twice along the columns.
        var tile = Node("tile", "x", "reps");
        tile.Tile = new TileLayerParams();
        var (values, shape) = RunND([X23], Constant("reps", [1, 2], 2), tile);
        Assert.Equal([2, 6], shape);
        Assert.Equal([0f, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5], values);
    }

    [Fact]
    public void A_copy_of_a_constant_is_still_known_when_reading()
    {
        // reps [1, 2] copied into another blob first: the same tiling as above.
        var copy = Node("copy", ["reps"], ["reps_copy"]);
        copy.Copy = new CopyLayerParams();
        var tile = Node("tile", "x", "reps_copy");
        tile.Tile = new TileLayerParams();
        var (values, _) = RunND([X23], Constant("reps", [1, 2], 2), copy, tile);
        Assert.Equal([0f, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5], values);
    }

    [Fact]
    public void Tile_with_reps_computed_at_run_time_is_unsupported()
    {
        var tile = Node("tile", "x", "reps");
        tile.Tile = new TileLayerParams();
        var model = Network([ArrayInput("x", 2, 3), ArrayInput("reps", 2)], ["out"], tile);
        model.NeuralNetwork.ArrayInputShapeMapping = NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping;
        using var temp = new TemporaryDirectory();
        var e = Assert.Throws<UnsupportedLayerException>(() => Parity.Spec.CoreML.NeuralNetwork.CoreMLGraphReader.Read(Write(temp, model)));
        Assert.Contains("run time", e.Layer.Reason);
    }

    [Fact]
    public void TopK_takes_K_from_a_constant_second_input()
    {
        // [3, 1, 4, 1, 5], K = 2: values 5, 4 at indices 4, 2.
        var topk = Node("topk", ["x", "k"], ["out", "indices"]);
        topk.TopK = new TopKLayerParams { Axis = 0, K = 4 };
        var outputs = RunAll([new Feed("x", [3, 1, 4, 1, 5], 5)], NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping, ["out", "indices"], Constant("k", [2], 1), topk);
        Assert.Equal([5f, 4], outputs["out"].Values);
        Assert.Equal([4f, 2], outputs["indices"].Values);
    }

    [Fact]
    public void ReshapeDynamic_reads_the_shape_that_getShape_makes_constant()
    {
        // y is [3, 2]; getShape(y) = [3, 2]; x [2, 3] reshaped to it keeps the row-major order.
        var getShape = Node("shape", ["y"], ["target"]);
        getShape.GetShape = new GetShapeLayerParams();
        var reshape = Node("reshape", "x", "target");
        reshape.ReshapeDynamic = new ReshapeDynamicLayerParams();
        var (values, shape) = RunND([X23, new Feed("y", new float[6], 3, 2)], getShape, reshape);
        Assert.Equal([3, 2], shape);
        Assert.Equal([0f, 1, 2, 3, 4, 5], values);
    }

    [Fact]
    public void FillDynamic_RangeDynamic_and_BroadcastToDynamic_use_constant_inputs()
    {
        var fill = Node("fill", "fill_shape");
        fill.FillDynamic = new FillDynamicLayerParams { Value = 7 };
        var (filled, fillShape) = RunND([X23], Constant("fill_shape", [2, 2], 2), fill);
        Assert.Equal([7f, 7, 7, 7], filled);
        Assert.Equal([2, 2], fillShape);

        // end 5 (input 1), start 1 (input 2), step from the parameter (2): 1, 3.
        var range = Node("range", "end", "start");
        range.RangeDynamic = new RangeDynamicLayerParams { StepSizeValue = 2 };
        var (ranged, _) = RunND([X23], Constant("end", [5], 1), Constant("start", [1], 1), range);
        Assert.Equal([1f, 3], ranged);

        // [1, 3] row [0, 1, 2] broadcast to [2, 3].
        var broadcast = Node("broadcast", "row", "target");
        broadcast.BroadcastToDynamic = new BroadcastToDynamicLayerParams();
        var (broadcasted, _) = RunND([new Feed("row", [0, 1, 2], 1, 3)], Constant("target", [2, 3], 2), broadcast);
        Assert.Equal([0f, 1, 2, 0, 1, 2], broadcasted);
    }

    [Fact]
    public void SliceDynamic_takes_begin_from_input_two_and_the_rest_from_its_parameters()
    {
        // x[0:2, 1:3] of [[0, 1, 2], [3, 4, 5]] = [[1, 2], [4, 5]].
        var slice = Node("slice", "x", "begin");
        slice.SliceDynamic = new SliceDynamicLayerParams();
        slice.SliceDynamic.EndIds.AddRange([2, 3]);
        slice.SliceDynamic.Strides.AddRange([1, 1]);
        slice.SliceDynamic.BeginMasks.AddRange([false, false]);
        slice.SliceDynamic.EndMasks.AddRange([false, false]);
        var (values, shape) = RunND([X23], Constant("begin", [0, 1], 2), slice);
        Assert.Equal([2, 2], shape);
        Assert.Equal([1f, 2, 4, 5], values);
    }

    [Fact]
    public void ConstantPad_CumSum_and_OneHot_take_constant_second_inputs()
    {
        // Pad amounts (0, 0) on axis 0 and (1, 0) on axis 1 with value 9: [[9, 0, 1, 2], [9, 3, 4, 5]].
        var pad = Node("pad", "x", "amounts");
        pad.ConstantPad = new ConstantPaddingLayerParams { Value = 9 };
        var (padded, _) = RunND([X23], Constant("amounts", [0, 0, 1, 0], 4), pad);
        Assert.Equal([9f, 0, 1, 2, 9, 3, 4, 5], padded);

        // Running sums along axis 0 (the input replaces the parameter axis 1): [[0, 1, 2], [3, 5, 7]].
        var cumsum = Node("cumsum", "x", "axis");
        cumsum.CumSum = new CumSumLayerParams { Axis = 1 };
        var (sums, _) = RunND([X23], Constant("axis", [0], 1), cumsum);
        Assert.Equal([0f, 1, 2, 3, 5, 7], sums);

        // Indices [2, 0] with vector size 3 from the input: [[0, 0, 1], [1, 0, 0]].
        var oneHot = Node("onehot", "i", "size");
        oneHot.OneHot = new OneHotLayerParams { Axis = -1, OnValue = 1, OffValue = 0 };
        var (hot, hotShape) = RunND([new Feed("i", [2, 0], 2)], Constant("size", [3], 1), oneHot);
        Assert.Equal([0f, 0, 1, 1, 0, 0], hot);
        Assert.Equal([2, 3], hotShape);
    }

    [Theory]
    // x = [[0, 1, 2, 3], [4, 5, 6, 7]], size 2 along axis 1: begin 1 -> [[1, 2], [5, 6]]; begin 2 -> [[2, 3], [6, 7]].
    [InlineData(1f, new[] { 1f, 2, 5, 6 })]
    [InlineData(2f, new[] { 2f, 3, 6, 7 })]
    public void SliceBySize_reads_begin_at_run_time(float begin, float[] expected)
    {
        var slice = Node("slice", "x", "begin");
        slice.SliceBySize = new SliceBySizeLayerParams { Size = 2, Axis = 1 };
        var (values, shape) = RunND([new Feed("x", [0, 1, 2, 3, 4, 5, 6, 7], 2, 4), new Feed("begin", [begin], 1)], slice);
        Assert.Equal([2, 2], shape);
        Assert.Equal(expected, values);
    }

    /// <summary>
    /// An LSTM whose gates are constant 1 (linear activation 0 * x + 1) and whose block input and output activations are the
    /// identity: z = x, c_t = c_(t-1) + z, h_t = c_t. Two steps of x = 30 make c = 30 then 60, unless the cell clip stops it.
    /// </summary>
    private static NeuralNetworkLayer CountingLstm(float cellClipThreshold)
    {
        var gate = new ActivationParams { Linear = new ActivationLinear { Alpha = 0, Beta = 1 } };
        var identity = new ActivationParams { Linear = new ActivationLinear { Alpha = 1 } };
        var lstm = Node("lstm", "x");
        lstm.UniDirectionalLSTM = new UniDirectionalLSTMLayerParams
        {
            InputVectorSize = 1,
            OutputVectorSize = 1,
            Params = new LSTMParams { CellClipThreshold = cellClipThreshold },
            WeightParams = new LSTMWeightParams
            {
                InputGateWeightMatrix = Floats(0), ForgetGateWeightMatrix = Floats(0), BlockInputWeightMatrix = Floats(1), OutputGateWeightMatrix = Floats(0),
                InputGateRecursionMatrix = Floats(0), ForgetGateRecursionMatrix = Floats(0), BlockInputRecursionMatrix = Floats(0), OutputGateRecursionMatrix = Floats(0),
            },
        };
        lstm.UniDirectionalLSTM.Activations.AddRange([gate, identity, identity]);
        return lstm;
    }

    [Theory]
    // "If 0, it is set to its default value = 50.0" (LSTMParams.cellClipThreshold): c = min(60, 50) = 50.
    [InlineData(0f, 50f)]
    [InlineData(1000f, 60f)]
    [InlineData(40f, 40f)]
    public void Lstm_cell_clip_of_zero_means_the_default_50(float threshold, float expected)
    {
        var (values, _) = RunND([new Feed("x", [30, 30], 2, 1, 1, 1, 1)], CountingLstm(threshold));
        Assert.Equal([expected], values);
    }
}
