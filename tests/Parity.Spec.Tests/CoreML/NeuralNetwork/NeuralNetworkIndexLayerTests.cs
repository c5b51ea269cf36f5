using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;

namespace Parity.Spec.Tests.CoreML;

/// <summary>topK, argSort, cumSum, gatherND, gatherAlongAxis, oneHot and the band layers on hand-checked cases.</summary>
public class NeuralNetworkIndexLayerTests
{
    [Theory]
    // [[3, 1, 4], [1, 5, 9]] along axis 1, K = 2: largest [4, 3] at [2, 0] and [9, 5] at [2, 1].
    [InlineData(false, new float[] { 4, 3, 9, 5 }, new float[] { 2, 0, 2, 1 })]
    // Smallest: [1, 3] at [1, 0] and [1, 5] at [0, 1].
    [InlineData(true, new float[] { 1, 3, 1, 5 }, new float[] { 1, 0, 0, 1 })]
    public void Top_k_returns_values_then_float_indices(bool bottom, float[] values, float[] indices)
    {
        var layer = Node("topk", ["x"], ["values", "indices"]);
        layer.TopK = new TopKLayerParams { Axis = -1, K = 2, UseBottomK = bottom };
        var outputs = RunAll([new("x", [3, 1, 4, 1, 5, 9], 2, 3)], NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping, ["values", "indices"], layer);
        Assert.Equal([2, 2], outputs["values"].Shape);
        Assert.Equal(values, outputs["values"].Values);
        Assert.Equal(indices, outputs["indices"].Values);
    }

    [Theory]
    // NeuralNetwork.proto's example [3.1, 5.4, 32.9, 3.2, 77.0].
    [InlineData(false, new float[] { 0, 3, 1, 2, 4 })]
    [InlineData(true, new float[] { 4, 2, 1, 3, 0 })]
    public void Arg_sort_matches_the_specification_example(bool descending, float[] expected)
    {
        var layer = Node("argsort", "x");
        layer.ArgSort = new ArgSortLayerParams { Axis = 0, Descending = descending };
        Assert.Equal(expected, RunND([new("x", [3.1f, 5.4f, 32.9f, 3.2f, 77f], 5)], layer).Values);
    }

    [Theory]
    // NeuralNetwork.proto's example [4, 6, 7] under the four flag combinations.
    [InlineData(false, false, new float[] { 4, 10, 17 })]
    [InlineData(true, false, new float[] { 0, 4, 10 })]
    [InlineData(false, true, new float[] { 17, 13, 7 })]
    [InlineData(true, true, new float[] { 13, 7, 0 })]
    public void Cum_sum_matches_the_specification_examples(bool exclude, bool reverse, float[] expected)
    {
        var layer = Node("cumsum", "x");
        layer.CumSum = new CumSumLayerParams { Axis = 0, ExcludeFinalSum = exclude, Reverse = reverse };
        Assert.Equal(expected, RunND([new("x", [4, 6, 7], 3)], layer).Values);
    }

    [Fact]
    public void Cum_sum_runs_along_the_given_axis_only()
    {
        // [[1, 2], [3, 4]] along axis 0: [[1, 2], [4, 6]].
        var layer = Node("cumsum", "x");
        layer.CumSum = new CumSumLayerParams { Axis = 0 };
        Assert.Equal([1f, 2f, 4f, 6f], RunND([new("x", [1, 2, 3, 4], 2, 2)], layer).Values);
    }

    [Fact]
    public void Gather_nd_addresses_leading_axes_by_index_rows()
    {
        // data [2, 2, 2] = 0..7; indices [[1, 0], [0, -1]] pick data[1, 0, :] = [4, 5] and data[0, 1, :] = [2, 3].
        var layer = Node("gather", "data", "indices");
        layer.GatherND = new GatherNDLayerParams();
        var (values, shape) = RunND([new("data", [0, 1, 2, 3, 4, 5, 6, 7], 2, 2, 2), new("indices", [1, 0, 0, -1], 2, 2)], layer);
        Assert.Equal([2, 2], shape);
        Assert.Equal([4f, 5f, 2f, 3f], values);
    }

    [Fact]
    public void Gather_along_axis_is_take_along_axis()
    {
        // data [[10, 20, 30], [40, 50, 60]], indices [[2, 0], [1, -1]] along axis 1: [[30, 10], [50, 60]].
        var layer = Node("gather", "data", "indices");
        layer.GatherAlongAxis = new GatherAlongAxisLayerParams { Axis = 1 };
        var (values, shape) = RunND([new("data", [10, 20, 30, 40, 50, 60], 2, 3), new("indices", [2, 0, 1, -1], 2, 2)], layer);
        Assert.Equal([2, 2], shape);
        Assert.Equal([30f, 10f, 50f, 60f], values);
    }

    [Theory]
    // NeuralNetwork.proto's examples: values [2, 0] and [2, -1], size 4, on 5, off -1, axis -1.
    [InlineData(new float[] { 2, 0 }, -1L, new[] { 2, 4 }, new float[] { -1, -1, 5, -1, 5, -1, -1, -1 })]
    [InlineData(new float[] { 2, -1 }, -1L, new[] { 2, 4 }, new float[] { -1, -1, 5, -1, -1, -1, -1, -1 })]
    // axis 0 puts the one-hot axis first: the transpose of the first case.
    [InlineData(new float[] { 2, 0 }, 0L, new[] { 4, 2 }, new float[] { -1, 5, -1, -1, 5, -1, -1, -1 })]
    public void One_hot_matches_the_specification_examples(float[] indices, long axis, int[] shape, float[] expected)
    {
        var layer = Node("onehot", "x");
        layer.OneHot = new OneHotLayerParams { OneHotVectorSize = 4, Axis = axis, OnValue = 5, OffValue = -1 };
        var (values, actualShape) = RunND([new("x", indices, 2)], layer);
        Assert.Equal(shape, actualShape);
        Assert.Equal(expected, values);
    }

    // A 3 x 3 matrix of 1..9.
    private static readonly float[] Square = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Fact]
    public void Band_layers_zero_what_lies_outside_their_band()
    {
        float[] Run(Action<NeuralNetworkLayer> set)
        {
            var layer = Node("band", "x");
            set(layer);
            return RunND([new("x", Square, 1, 3, 3)], layer).Values;
        }
        // tril k = 0 keeps n <= m; triu k = 1 keeps n >= m + 1.
        Assert.Equal([1f, 0, 0, 4, 5, 0, 7, 8, 9], Run(l => l.LowerTriangular = new LowerTriangularLayerParams { K = 0 }));
        Assert.Equal([0f, 2, 3, 0, 0, 6, 0, 0, 0], Run(l => l.UpperTriangular = new UpperTriangularLayerParams { K = 1 }));
        // numLower 1, numUpper 0: m - n <= 1 and n - m <= 0, the diagonal and the one below it.
        Assert.Equal([1f, 0, 0, 4, 5, 0, 0, 8, 9], Run(l => l.MatrixBandPart = new MatrixBandPartLayerParams { NumLower = 1, NumUpper = 0 }));
    }

    [Theory]
    // Container [[1, 1], [1, 1], [1, 1]], indices [2, 0], updates [[5, 6], [7, 8]] along axis 0:
    // UPDATE writes rows 2 and 0; ADD adds; MAX keeps the larger.
    [InlineData(ScatterMode.ScatterUpdate, new float[] { 7, 8, 1, 1, 5, 6 })]
    [InlineData(ScatterMode.ScatterAdd, new float[] { 8, 9, 1, 1, 6, 7 })]
    [InlineData(ScatterMode.ScatterMul, new float[] { 7, 8, 1, 1, 5, 6 })]
    [InlineData(ScatterMode.ScatterSub, new float[] { -6, -7, 1, 1, -4, -5 })]
    public void Scatter_writes_rows_at_the_indices(ScatterMode mode, float[] expected)
    {
        var layer = Node("scatter", "container", "indices", "updates");
        layer.Scatter = new ScatterLayerParams { Axis = 0, Mode = mode };
        var values = RunND([new("container", [1, 1, 1, 1, 1, 1], 3, 2), new("indices", [2, 0], 2), new("updates", [5, 6, 7, 8], 2, 2)], layer).Values;
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Scatter_along_axis_and_scatter_nd_invert_their_gathers()
    {
        // Zeros [2, 3]; along axis 1, row 0 puts 5 at column 2 and row 1 puts 6 at column -3 (= 0).
        var along = Node("scatter", "container", "indices", "updates");
        along.ScatterAlongAxis = new ScatterAlongAxisLayerParams { Axis = 1 };
        Assert.Equal([0f, 0, 5, 6, 0, 0], RunND([new("container", new float[6], 2, 3), new("indices", [2, -3], 2, 1), new("updates", [5, 6], 2, 1)], along).Values);

        // Zeros [2, 2]; index rows (1, 0) and (0, 1) receive 3 and 4; with MIN mode against a container of 3.5: min(3.5, 3), min(3.5, 4).
        var nd = Node("scatter", "container", "indices", "updates");
        nd.ScatterND = new ScatterNDLayerParams { Mode = ScatterMode.ScatterMin };
        Assert.Equal([3.5f, 3.5f, 3f, 3.5f], RunND([new("container", [3.5f, 3.5f, 3.5f, 3.5f], 2, 2), new("indices", [1, 0, 0, 1], 2, 2), new("updates", [3, 4], 2)], nd).Values);
    }
}
