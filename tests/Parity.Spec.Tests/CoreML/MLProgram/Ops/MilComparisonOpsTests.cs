using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;
using Shape = Parity.Engine.Tensors.Shape;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>Comparisons (x [2, 3] against a broadcast y [3]) and logical ops, checked against the C# operators.</summary>
public class MilComparisonOpsTests
{
    private static readonly float[] X = [1, 2, 3, 3, 2, 1];
    private static readonly float[] Y = [2, 2, 2];

    [Theory]
    [InlineData("equal")]
    [InlineData("not_equal")]
    [InlineData("greater")]
    [InlineData("greater_equal")]
    [InlineData("less")]
    [InlineData("less_equal")]
    public void Compares_with_broadcasting_into_a_bool_tensor(string op)
    {
        Func<float, float, bool> test = op switch
        {
            "equal" => (a, b) => a == b,
            "not_equal" => (a, b) => a != b,
            "greater" => (a, b) => a > b,
            "greater_equal" => (a, b) => a >= b,
            "less" => (a, b) => a < b,
            _ => (a, b) => a <= b,
        };
        var model = new MilTestProgram()
            .Input("x", DataType.Float32, 2, 3)
            .Input("y", DataType.Float32, 3)
            .Op(op, "z", DataType.Bool, [2, 3], ("x", "x"), ("y", "y"))
            .Output("z");
        var output = model.Run(new() { ["x"] = Data([2, 3], X), ["y"] = Data([3], Y) });
        Assert.Equal(X.Select((v, i) => test(v, Y[i % 3]) ? 1f : 0f).ToArray(), output["z"]);
    }

    [Theory]
    [InlineData("logical_and", new[] { 0f, 0f, 0f, 1f })]
    [InlineData("logical_or", new[] { 0f, 1f, 1f, 1f })]
    [InlineData("logical_xor", new[] { 0f, 1f, 1f, 0f })]
    public void Logical_ops_follow_their_truth_tables(string op, float[] expected)
    {
        // Rows of the truth table: (F, F), (F, T), (T, F), (T, T).
        var output = new MilTestProgram()
            .Input("x", DataType.Bool, 4)
            .Input("y", DataType.Bool, 4)
            .Op(op, "z", DataType.Bool, [4], ("x", "x"), ("y", "y"))
            .Output("z")
            .Run(new()
            {
                ["x"] = Tensor.FromBools([false, false, true, true], new Shape(4)),
                ["y"] = Tensor.FromBools([false, true, false, true], new Shape(4)),
            });
        Assert.Equal(expected, output["z"]);
    }

    [Fact]
    public void Int32_operands_compare_by_value()
    {
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1)
            .Const("a", IntTensor(DataType.Int32, [3], 1, 5, 9))
            .Op("greater", "z", DataType.Bool, [3], ("x", "a"), ("y", Int(5)))
            .Output("z")
            .Run(new() { ["x"] = Data([1], 0) });
        Assert.Equal([0f, 0f, 1f], output["z"]);
    }
}
