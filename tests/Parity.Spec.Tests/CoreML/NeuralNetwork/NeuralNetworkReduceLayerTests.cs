using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;
using Axis = Parity.Spec.CoreML.Format.ReduceLayerParams.Types.ReduceAxis;
using Mode = Parity.Spec.CoreML.Format.ReduceLayerParams.Types.ReduceOperation;

namespace Parity.Spec.Tests.CoreML;

/// <summary>The rank-5 reduce layer (axes C, H, W, HW, CHW kept as size 1) and the ND reductions and arg reductions.</summary>
public class NeuralNetworkReduceLayerTests
{
    // [C = 2, H = 2, W = 2]: channel 0 [[1, 2], [3, 4]], channel 1 [[5, 6], [7, 8]].
    private static readonly float[] Blob = [1, 2, 3, 4, 5, 6, 7, 8];

    public static TheoryData<Mode, Axis, int[], float[]> Rank5Cases => new()
    {
        // Over C: 1+5, 2+6, 3+7, 4+8.
        { Mode.Sum, Axis.C, [1, 1, 2, 2], [6, 8, 10, 12] },
        // Over H, W: (1+2+3+4)/4, (5+6+7+8)/4.
        { Mode.Avg, Axis.Hw, [1, 2, 1, 1], [2.5f, 6.5f] },
        // Over W: 1*2, 3*4, 5*6, 7*8.
        { Mode.Prod, Axis.W, [1, 2, 2, 1], [2, 12, 30, 56] },
        // Over H: max(1, 3), max(2, 4), max(5, 7), max(6, 8).
        { Mode.Max, Axis.H, [1, 2, 1, 2], [3, 4, 7, 8] },
        { Mode.Min, Axis.C, [1, 1, 2, 2], [1, 2, 3, 4] },
        // Over C, H, W: sqrt(1+4+9+16+25+36+49+64) = sqrt(204).
        { Mode.L2, Axis.Chw, [1, 1, 1, 1], [14.282857f] },
        { Mode.L1, Axis.Chw, [1, 1, 1, 1], [36] },
        // Over W: 1+4, 9+16, 25+36, 49+64.
        { Mode.Sumsquare, Axis.W, [1, 2, 2, 1], [5, 25, 61, 113] },
        // LOGSUM is Σ ln(x + 1e-6) over W: ln 1 + ln 2 = ln 2, ln 12, ln 30, ln 56 (the 1e-6 moves them by < 1e-6).
        { Mode.Logsum, Axis.W, [1, 2, 2, 1], [0.69314718f, 2.4849066f, 3.4011974f, 4.0253517f] },
        // Channel 1 is larger everywhere: index 1 at each (h, w).
        { Mode.Argmax, Axis.C, [1, 1, 2, 2], [1, 1, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(Rank5Cases))]
    public void Reduce_keeps_the_reduced_axes(Mode mode, Axis axis, int[] shape, float[] expected)
    {
        var layer = Node("reduce", "x");
        layer.Reduce = new ReduceLayerParams { Mode = mode, Axis = axis };
        var (values, actualShape) = RunRank5([new("x", Blob, 2, 2, 2)], layer);
        Assert.Equal(shape, actualShape);
        Close(expected, values);
    }

    // [[1, -2, 3], [4, 5, -6]].
    private static readonly float[] Matrix = [1, -2, 3, 4, 5, -6];

    private static (float[] Values, int[] Shape) ReduceND(Action<NeuralNetworkLayer> set)
    {
        var layer = Node("reduce", "x");
        set(layer);
        return RunND([new("x", Matrix, 2, 3)], layer);
    }

    [Fact]
    public void Nd_reductions_follow_axes_keep_dims_and_reduce_all()
    {
        var sum = new ReduceSumLayerParams();
        sum.Axes.Add(1);
        // Rows: 1 - 2 + 3 = 2, 4 + 5 - 6 = 3.
        Same([2f, 3f], [2], ReduceND(l => l.ReduceSum = sum));

        var mean = new ReduceMeanLayerParams { KeepDims = true };
        mean.Axes.Add(0);
        // Columns: (1+4)/2, (-2+5)/2, (3-6)/2.
        Same([2.5f, 1.5f, -1.5f], [1, 3], ReduceND(l => l.ReduceMean = mean));

        var l1 = new ReduceL1LayerParams();
        l1.Axes.Add(-1);
        Same([6f, 15f], [2], ReduceND(l => l.ReduceL1 = l1));

        // Everything: 1 * -2 * 3 * 4 * 5 * -6 = 720; without keepDims a full reduction is still rank 1.
        Same([720f], [1], ReduceND(l => l.ReduceProd = new ReduceProdLayerParams { ReduceAll = true }));
        Same([5f], [1, 1], ReduceND(l => l.ReduceMax = new ReduceMaxLayerParams { ReduceAll = true, KeepDims = true }));
        Same([-6f], [1], ReduceND(l => l.ReduceMin = new ReduceMinLayerParams { ReduceAll = true }));

        // Σ x²: 1 + 4 + 9 = 14, 16 + 25 + 36 = 77; L2 their roots.
        var squares = new ReduceSumSquareLayerParams();
        squares.Axes.Add(1);
        Assert.Equal([14f, 77f], ReduceND(l => l.ReduceSumSquare = squares).Values);
        var l2 = new ReduceL2LayerParams();
        l2.Axes.Add(1);
        Close([MathF.Sqrt(14f), MathF.Sqrt(77f)], ReduceND(l => l.ReduceL2 = l2).Values);
    }

    [Fact]
    public void Log_reductions_are_logs_of_sums()
    {
        var logSumExp = new ReduceLogSumExpLayerParams();
        logSumExp.Axes.Add(1);
        var expected = new[] { Math.Log(Math.Exp(1) + Math.Exp(-2) + Math.Exp(3)), Math.Log(Math.Exp(4) + Math.Exp(5) + Math.Exp(-6)) };
        Close(expected.Select(v => (float)v).ToArray(), ReduceND(l => l.ReduceLogSumExp = logSumExp).Values);

        var logSum = new ReduceLogSumLayerParams();
        logSum.Axes.Add(0);
        // Columns 1 + 4 = 5, -2 + 5 = 3, 3 - 6 = -3: ln 5, ln 3, and NaN for the negative sum.
        Close([1.6094379f, 1.0986123f, float.NaN], ReduceND(l => l.ReduceLogSum = logSum).Values);
    }

    [Fact]
    public void Arg_reductions_give_float_indices_and_remove_the_axis_on_request()
    {
        // Row maxima at columns 2 (3) and 1 (5); row minima at 1 (-2) and 2 (-6).
        Same([2f, 1f], [2], ReduceND(l => l.ArgMax = new ArgMaxLayerParams { Axis = 1, RemoveDim = true }));
        Same([1f, 2f], [2, 1], ReduceND(l => l.ArgMin = new ArgMinLayerParams { Axis = -1 }));
    }

    private static void Same(float[] values, int[] shape, (float[] Values, int[] Shape) run)
    {
        Assert.Equal(shape, run.Shape);
        Assert.Equal(values, run.Values);
    }
}
