using Parity.Engine.Graph;
using Parity.Engine.Ops.ControlFlow;
using Parity.Spec.CoreML.Format.Mil;
using Parity.Spec.CoreML.MLProgram;
using static Parity.Spec.Tests.CoreML.MLProgram.Ops.MilTestProgram;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML.MLProgram.Ops;

/// <summary>
/// cond whose predicate depends on the input: both branches run under one engine branch node, the predicate picking
/// one per run. The program reads x: float32 [1] and returns y = cond(x > 0, branch 0, branch 1).
/// </summary>
public class MilRunTimeCondTests
{
    /// <summary>The program with <paramref name="whenTrue"/> and <paramref name="whenFalse"/> as the two branches, each returning its op's output.</summary>
    private static MilProgramModel Program(Operation whenTrue, Operation whenFalse)
    {
        var cond = new Operation { Type = "cond" };
        cond.Inputs["pred"] = new Argument { Arguments = { new Argument.Types.Binding { Name = "positive" } } };
        cond.Outputs.Add(Named("y", DataType.Float32, 1));
        cond.Blocks.Add(new Block { Operations = { whenTrue }, Outputs = { whenTrue.Outputs[0].Name } });
        cond.Blocks.Add(new Block { Operations = { whenFalse }, Outputs = { whenFalse.Outputs[0].Name } });
        return new MilTestProgram()
            .Input("x", DataType.Float32, 1)
            .Op("greater", "positive", DataType.Bool, [1], ("x", "x"), ("y", Float(0)))
            .Add(cond)
            .Output("y")
            .Read();
    }

    private static float Run(MilProgramModel model, float x)
    {
        using var input = Tensor.FromArray([x], 1);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["x"] = input });
        Assert.True(result.Completed, string.Join("; ", result.Failures.Select(f => f.ToString())));
        return result[model.Outputs["y"]].Floats[0];
    }

    [Fact]
    public void A_predicate_on_the_input_picks_the_branch_at_run_time()
    {
        // y = 2x when x > 0, else -3x: x = 2 -> 4; x = -1 -> 3; x = 0 (not > 0) -> -3 * 0 = 0.
        var model = Program(
            BlockOp("mul", "doubled", DataType.Float32, [1], ("x", "x"), ("y", Float(2))),
            BlockOp("mul", "flipped", DataType.Float32, [1], ("x", "x"), ("y", Float(-3))));
        Assert.Empty(model.Unsupported);
        Assert.Single(model.Graph.Nodes, n => n.Op is BranchOp);
        Assert.Equal(4f, Run(model, 2));
        Assert.Equal(3f, Run(model, -1));
        Assert.Equal(0f, Run(model, 0));
    }

    [Fact]
    public void Branches_giving_an_output_two_shapes_are_reported_unsupported()
    {
        // Branch 1 returns [x, x] ([2]) where branch 0 returns [1]: no single type for y.
        var error = Assert.Throws<UnsupportedLayerException>(() => Program(
            BlockOp("mul", "doubled", DataType.Float32, [1], ("x", "x"), ("y", Float(2))),
            BlockOp("concat", "pair", DataType.Float32, [2], ("values", new[] { "x", "x" }), ("axis", Int(0)))));
        Assert.Equal("cond", error.Layer.Type);
        Assert.Contains("one type in both branches", error.Layer.Reason, StringComparison.Ordinal);
    }
}
