using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format.Mil;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>The element-wise unary ops against System.Math in double (an independent definition) on a few points.</summary>
public class MilElementwiseUnaryOpsTests
{
    private static readonly float[] Points = [-0.75f, -0.25f, 0.25f, 0.5f];
    private static readonly float[] Positive = [0.25f, 0.5f, 2f, 9f];

    public static TheoryData<string, float[]> Functions() => new()
    {
        { "abs", Points.Select(Math.Abs).ToArray() },
        { "exp", Points.Select(v => (float)Math.Exp(v)).ToArray() },
        { "exp2", Points.Select(v => (float)Math.Pow(2, v)).ToArray() },
        { "floor", Points.Select(v => (float)Math.Floor(v)).ToArray() },
        { "ceil", Points.Select(v => (float)Math.Ceiling(v)).ToArray() },
        { "sign", Points.Select(v => (float)Math.Sign(v)).ToArray() },
        { "sin", Points.Select(v => (float)Math.Sin(v)).ToArray() },
        { "cos", Points.Select(v => (float)Math.Cos(v)).ToArray() },
        { "tan", Points.Select(v => (float)Math.Tan(v)).ToArray() },
        { "asin", Points.Select(v => (float)Math.Asin(v)).ToArray() },
        { "acos", Points.Select(v => (float)Math.Acos(v)).ToArray() },
        { "atan", Points.Select(v => (float)Math.Atan(v)).ToArray() },
        { "sinh", Points.Select(v => (float)Math.Sinh(v)).ToArray() },
        { "cosh", Points.Select(v => (float)Math.Cosh(v)).ToArray() },
        { "atanh", Points.Select(v => (float)Math.Atanh(v)).ToArray() },
        { "square", Points.Select(v => v * v).ToArray() },
        // erf(0.25) = 0.2763263902, erf(0.5) = 0.5204998778 (tables), odd function.
        { "erf", [-0.7111556337f, -0.2763263902f, 0.2763263902f, 0.5204998778f] },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Computes_the_function(string op, float[] expected) =>
        MilNormalizationOpsTests.AssertClose(expected, Apply(op, Points), 2e-6);

    [Fact]
    public void Round_takes_halves_to_even()
    {
        // NumPy's round: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0.
        Assert.Equal([0f, 2f, 2f, -0f], Apply("round", [0.5f, 1.5f, 2.5f, -0.5f]));
    }

    [Theory]
    [InlineData("sqrt", 0.0)]
    [InlineData("log", 1e-45)]
    [InlineData("rsqrt", 1e-12)]
    [InlineData("inverse", 1e-4)]
    public void Epsilon_ops_add_their_default_epsilon_first(string op, double epsilon)
    {
        Func<double, double> f = op switch
        {
            "sqrt" => Math.Sqrt,
            "log" => v => Math.Log(v + epsilon),
            "rsqrt" => v => 1 / Math.Sqrt(v + epsilon),
            _ => v => 1 / (v + epsilon),
        };
        var expected = Positive.Select(v => (float)f(v)).ToArray();
        MilNormalizationOpsTests.AssertClose(expected, Apply(op, Positive), 1e-6);
    }

    [Fact]
    public void An_explicit_epsilon_replaces_the_default()
    {
        // inverse(x, epsilon = 1): 1 / (0.25 + 1) = 0.8, 1 / 1.5, 1 / 3, 1 / 10.
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 4)
            .Op("inverse", "y", DataType.Float32, [4], ("x", "x"), ("epsilon", Float(1)))
            .Output("y")
            .Run(new() { ["x"] = Data([4], Positive) });
        MilNormalizationOpsTests.AssertClose([0.8f, 1 / 1.5f, 1 / 3f, 0.1f], output["y"], 1e-7);
    }

    [Fact]
    public void Clip_and_threshold_bound_the_values()
    {
        var clip = new MilTestProgram()
            .Input("x", DataType.Float32, 4)
            .Op("clip", "y", DataType.Float32, [4], ("x", "x"), ("alpha", Float(-0.5f)), ("beta", Float(0.3f)))
            .Op("threshold", "z", DataType.Float32, [4], ("x", "x"), ("alpha", Float(0)))
            .Output("y", "z")
            .Run(new() { ["x"] = Data([4], Points) });
        Assert.Equal([-0.5f, -0.25f, 0.25f, 0.3f], clip["y"]);
        Assert.Equal([0f, 0f, 0.25f, 0.5f], clip["z"]);
    }

    [Fact]
    public void Logical_not_flips_bools()
    {
        var output = new MilTestProgram()
            .Input("x", DataType.Bool, 3)
            .Op("logical_not", "y", DataType.Bool, [3], ("x", "x"))
            .Output("y")
            .Run(new() { ["x"] = Engine.Tensors.Tensor.FromBools([true, false, true], new Engine.Tensors.Shape(3)) });
        Assert.Equal([0f, 1f, 0f], output["y"]);
    }

    [Fact]
    public void Abs_of_int32_stays_int32()
    {
        var output = new MilTestProgram()
            .Input("x", DataType.Float32, 1)
            .Const("c", IntTensor(DataType.Int32, [3], -3, 0, 7))
            .Op("abs", "y", DataType.Int32, [3], ("x", "c"))
            .Output("y")
            .Run(new() { ["x"] = Data([1], 0) });
        Assert.Equal([3f, 0f, 7f], output["y"]);
    }

    [Fact]
    public void An_fp16_program_rounds_results_to_half_and_its_inverse_epsilon_is_the_half_of_1e4()
    {
        // exp(1) = 2.718281828 -> nearest half 2.71875 (halves are 2^-9 apart in [2, 4)).
        var exp = new MilTestProgram()
            .Input("x", DataType.Float16, 1)
            .Op("exp", "y", DataType.Float16, [1], ("x", "x"))
            .Output("y")
            .Run(new() { ["x"] = Data([1], 1) });
        Assert.Equal([2.71875f], exp["y"]);

        // inverse(0) in fp16 = 1 / half(1e-4) = 1 / 1.0001659e-4 = 9998.34 -> nearest half 10000 (halves are 8 apart there).
        var inverse = new MilTestProgram()
            .Input("x", DataType.Float16, 1)
            .Op("inverse", "y", DataType.Float16, [1], ("x", "x"))
            .Output("y");
        Assert.Equal([10000f], inverse.Run(new() { ["x"] = Data([1], 0) })["y"]);
        Assert.Equal(1 / (float)(Half)1e-4f, inverse.Run(new() { ["x"] = Data([1], 0) }, Precision.Float32)["y"][0], 2);
    }

    private static float[] Apply(string op, float[] x) =>
        new MilTestProgram()
            .Input("x", DataType.Float32, x.Length)
            .Op(op, "y", DataType.Float32, [x.Length], ("x", "x"))
            .Output("y")
            .Run(new() { ["x"] = Data([x.Length], x) })["y"];
}
