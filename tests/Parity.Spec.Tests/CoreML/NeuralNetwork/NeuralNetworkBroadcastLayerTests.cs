using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;

namespace Parity.Spec.Tests.CoreML;

/// <summary>The broadcasting arithmetic layers, comparisons, logic and whereBroadcastable.</summary>
public class NeuralNetworkBroadcastLayerTests
{
    // a is the column [[1], [4]] and b the row [2, -3, 0.5]: results are [2, 3], element (i, j) = a[i] op b[j].
    private static readonly Feed ColumnA = new("a", [1, 4], 2, 1);
    private static readonly Feed RowB = new("b", [2, -3, 0.5f], 3);

    public static TheoryData<string, float[]> ArithmeticCases => new()
    {
        { "add", [3, -2, 1.5f, 6, 1, 4.5f] },
        { "subtract", [-1, 4, 0.5f, 2, 7, 3.5f] },
        { "multiply", [2, -3, 0.5f, 8, -12, 2] },
        { "divide", [0.5f, -0.33333334f, 2, 2, -1.3333334f, 8] },
        { "max", [2, 1, 1, 4, 4, 4] },
        { "min", [1, -3, 0.5f, 2, -3, 0.5f] },
        // 1^anything = 1; 4^2 = 16, 4^-3 = 1/64, 4^0.5 = 2.
        { "pow", [1, 1, 1, 16, 0.015625f, 2] },
        // floor(1/2) = 0, floor(-1/3) = -1, floor(1/0.5) = 2; floor(4/2) = 2, floor(-4/3) = -2, floor(8) = 8.
        { "floorDiv", [0, -1, 2, 2, -2, 8] },
        // x - y * floor(x / y): 1 - 2*0 = 1, 1 - (-3)(-1) = -2, 0; 4 - 2*2 = 0, 4 - (-3)(-2) = -2, 0.
        { "mod", [1, -2, 0, 0, -2, 0] },
    };

    [Theory]
    [MemberData(nameof(ArithmeticCases))]
    public void Arithmetic_broadcasts_like_numpy(string operation, float[] expected)
    {
        var layer = Node(operation, "a", "b");
        switch (operation)
        {
            case "add": layer.AddBroadcastable = new(); break;
            case "subtract": layer.SubtractBroadcastable = new(); break;
            case "multiply": layer.MultiplyBroadcastable = new(); break;
            case "divide": layer.DivideBroadcastable = new(); break;
            case "max": layer.MaxBroadcastable = new(); break;
            case "min": layer.MinBroadcastable = new(); break;
            case "pow": layer.PowBroadcastable = new(); break;
            case "floorDiv": layer.FloorDivBroadcastable = new(); break;
            case "mod": layer.ModBroadcastable = new(); break;
        }
        var (values, shape) = RunND([ColumnA, RowB], layer);
        Assert.Equal([2, 3], shape);
        Close(expected, values);
    }

    private static float[] Compare(Action<NeuralNetworkLayer> set)
    {
        var layer = Node("compare", "x");
        set(layer);
        return RunND([new("x", [1, 2, 3], 3)], layer).Values;
    }

    [Fact]
    public void One_input_comparisons_compare_with_alpha_and_give_ones_and_zeros()
    {
        // x = [1, 2, 3] against alpha 2.
        Assert.Equal([0f, 0f, 1f], Compare(l => l.GreaterThan = new GreaterThanLayerParams { Alpha = 2 }));
        Assert.Equal([0f, 1f, 1f], Compare(l => l.GreaterEqual = new GreaterEqualLayerParams { Alpha = 2 }));
        Assert.Equal([1f, 0f, 0f], Compare(l => l.LessThan = new LessThanLayerParams { Alpha = 2 }));
        Assert.Equal([1f, 1f, 0f], Compare(l => l.LessEqual = new LessEqualLayerParams { Alpha = 2 }));
        Assert.Equal([0f, 1f, 0f], Compare(l => l.Equal = new EqualLayerParams { Alpha = 2 }));
        Assert.Equal([1f, 0f, 1f], Compare(l => l.NotEqual = new NotEqualLayerParams { Alpha = 2 }));
    }

    [Fact]
    public void Two_input_comparisons_broadcast()
    {
        // x = [1, 2, 3] against the column [[2], [3]]: x > 2 on row 0, x > 3 on row 1.
        var layer = Node("gt", "x", "y");
        layer.GreaterThan = new GreaterThanLayerParams();
        var (values, shape) = RunND([new("x", [1, 2, 3], 3), new("y", [2, 3], 2, 1)], layer);
        Assert.Equal([2, 3], shape);
        Assert.Equal([0f, 0f, 1f, 0f, 0f, 0f], values);
    }

    [Fact]
    public void Logic_reads_non_zero_including_nan_as_true()
    {
        Feed a = new("a", [0, 1, 2, 0], 4);
        Feed b = new("b", [0, 0, -1, float.NaN], 4);
        float[] Logic(Action<NeuralNetworkLayer> set, params Feed[] inputs)
        {
            var layer = Node("logic", inputs.Select(i => i.Name).ToArray());
            set(layer);
            return RunND(inputs, layer).Values;
        }
        // Truth of a: F T T F; of b: F F T T.
        Assert.Equal([0f, 0f, 1f, 0f], Logic(l => l.LogicalAnd = new(), a, b));
        Assert.Equal([0f, 1f, 1f, 1f], Logic(l => l.LogicalOr = new(), a, b));
        Assert.Equal([0f, 1f, 0f, 1f], Logic(l => l.LogicalXor = new(), a, b));
        Assert.Equal([1f, 0f, 0f, 1f], Logic(l => l.LogicalNot = new(), a));
    }

    [Fact]
    public void Where_picks_x_where_the_condition_is_non_zero_after_broadcasting_all_three()
    {
        // condition [1, 0, 2] (row), x [[10], [20]] (column), y [-1]: [[10, -1, 10], [20, -1, 20]].
        var layer = Node("where", "c", "x", "y");
        layer.WhereBroadcastable = new WhereBroadcastableLayerParams();
        var (values, shape) = RunND([new("c", [1, 0, 2], 3), new("x", [10, 20], 2, 1), new("y", [-1], 1)], layer);
        Assert.Equal([2, 3], shape);
        Assert.Equal([10f, -1f, 10f, 20f, -1f, 20f], values);
    }
}
