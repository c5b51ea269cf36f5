using Parity.Engine.Graph;
using Parity.Engine.Ops.ControlFlow;
using Parity.Spec.CoreML.Format.Mil;
using Parity.Spec.CoreML.MLProgram;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// while_loop whose trip count depends on the input: its condition and body run in an engine loop (after any leading
/// iterations whose condition folds are unrolled). The program reads x: float32 [1].
/// </summary>
public class MilRunTimeLoopTests
{
    /// <summary>
    /// while_loop over one float [1] variable v starting at <paramref name="start"/>: the condition is v &lt; <paramref name="bound"/>,
    /// the body applies <paramref name="step"/> (an op type) to v and <paramref name="operand"/>, or with
    /// <paramref name="growing"/> concatenates v with itself. Bound and operand are value names or immediate values.
    /// </summary>
    private static MilProgramModel Loop(Value start, object bound, string step, object operand, bool growing = false)
    {
        var loop = new Operation { Type = "while_loop" };
        loop.Inputs["loop_vars"] = new Argument
        {
            Arguments = { new Argument.Types.Binding { Value = start } },
        };
        loop.Outputs.Add(new NamedValueType { Name = "result", Type = TypeOf(DataType.Float32, growing ? null : [1]) });
        var condition = new Block { Inputs = { Named("v", DataType.Float32, 1) }, Outputs = { "going" } };
        condition.Operations.Add(BlockOp("less", "going", DataType.Bool, [1], ("x", "v"), ("y", bound)));
        var body = new Block { Inputs = { Named("w", DataType.Float32, 1) }, Outputs = { "next" } };
        body.Operations.Add(growing
            ? BlockOp("concat", "next", DataType.Float32, [2], ("values", new[] { "w", "w" }), ("axis", Int(0)))
            : BlockOp(step, "next", DataType.Float32, [1], ("x", "w"), ("y", operand)));
        loop.Blocks.Add(condition);
        loop.Blocks.Add(body);
        return new MilTestProgram().Input("x", DataType.Float32, 1).Add(loop).Output("result").Read();
    }

    private static float Run(MilProgramModel model, float x)
    {
        using var input = Tensor.FromArray([x], 1);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["x"] = input });
        Assert.True(result.Completed, string.Join("; ", result.Failures.Select(f => f.ToString())));
        return result[model.Outputs["result"]].Floats[0];
    }

    [Fact]
    public void A_condition_on_the_input_runs_as_an_engine_loop()
    {
        // v = 1, doubled while v < x: the smallest power of two >= x (and 1 when x <= 1).
        // x = 5: 1 -> 2 -> 4 -> 8; x = 100: ... -> 64 -> 128; x = 0.5: no iteration, 1.
        var model = Loop(Floats([1], 1), "x", "mul", Float(2));
        Assert.Empty(model.Unsupported);
        Assert.Contains(model.Graph.Nodes, n => n.Op is LoopOp);
        Assert.Equal(8f, Run(model, 5));
        Assert.Equal(128f, Run(model, 100));
        Assert.Equal(1f, Run(model, 0.5f));
    }

    [Fact]
    public void Iterations_whose_condition_folds_are_unrolled_and_the_rest_loop()
    {
        // v = 0, v + x while v < 10. The first test, 0 < 10, is known while reading, so one step is unrolled (v = x);
        // from then on the test depends on x and the engine loops. x = 3: 0 -> 3 -> 6 -> 9 -> 12; x = 2.5: ... -> 7.5 -> 10;
        // x = 20: 0 -> 20.
        var model = Loop(Floats([1], 0), Floats([1], 10), "add", "x");
        Assert.Empty(model.Unsupported);
        Assert.Single(model.Graph.Nodes, n => n.Op is LoopOp);
        Assert.Equal(12f, Run(model, 3));
        Assert.Equal(10f, Run(model, 2.5f));
        Assert.Equal(20f, Run(model, 20));
    }

    [Fact]
    public void A_loop_variable_that_changes_shape_is_reported_unsupported()
    {
        // The body doubles the length of v each iteration ([1] -> [2]); an engine loop carries fixed types.
        var error = Assert.Throws<UnsupportedLayerException>(() => Loop(Floats([1], 1), "x", "", "", growing: true));
        Assert.Equal("while_loop", error.Layer.Type);
        Assert.Contains("fixed types", error.Layer.Reason, StringComparison.Ordinal);
    }
}
