using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.ControlFlow;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.ControlFlow;

public class BranchOpTests
{
    private static readonly TensorType Scalar = new(DType.Float32, new Shape(1));

    /// <summary>A graph step writing blob <paramref name="output"/> = <paramref name="input"/> * factor + shift.</summary>
    private static GraphStep Affine(string input, string output, float factor, float shift)
    {
        var builder = new GraphBuilder().AddInput("in", Scalar);
        builder.AddNode("factor", new Constant(Tensor.FromArray([factor], 1)), [], ["factor"]);
        builder.AddNode("shift", new Constant(Tensor.FromArray([shift], 1)), [], ["shift"]);
        builder.AddNode("times", new BinaryArithmetic(BinaryKind.Multiply), ["in", "factor"], ["scaled"]);
        builder.AddNode("plus", new BinaryArithmetic(BinaryKind.Add), ["scaled", "shift"], ["y"]);
        return new GraphStep(builder.AddOutput("y").Build(), [input], [("y", output)]);
    }

    private static float[] Run(IOperator op, params float[] inputs)
    {
        var builder = new GraphBuilder();
        var names = inputs.Select((_, k) => $"in{k}").ToArray();
        foreach (var name in names) builder.AddInput(name, Scalar);
        var outputs = op.InferOutputTypes(names.Select(_ => Scalar).ToArray()).Select((_, k) => $"out{k}").ToArray();
        builder.AddNode("op", op, names, outputs);
        foreach (var o in outputs) builder.AddOutput(o);
        var feeds = names.Select((n, k) => (n, t: Tensor.FromArray([inputs[k]], 1))).ToDictionary(p => p.n, p => p.t);
        using var result = Executor.Run(builder.Build(), feeds);
        foreach (var t in feeds.Values) t.Dispose();
        return outputs.Select(o => result[o].Floats[0]).ToArray();
    }

    [Fact]
    public void The_if_block_runs_when_the_condition_magnitude_exceeds_1e_6()
    {
        // if: y = 2x + 1; else: y = -x. x = 3: if gives 7, else -3.
        var op = new BranchOp("c", new ControlBlock([Affine("x", "y", 2, 1)]), new ControlBlock([Affine("x", "y", -1, 0)]), ["c", "x"], ["y"]);
        Assert.Equal([7f], Run(op, 1f, 3f));
        Assert.Equal([7f], Run(op, -2e-6f, 3f));
        Assert.Equal([-3f], Run(op, 1e-6f, 3f));
        Assert.Equal([-3f], Run(op, 0f, 3f));
    }

    [Fact]
    public void A_blob_the_chosen_block_does_not_write_passes_through()
    {
        // Only the if block rewrites x (x + 10); the empty else block leaves x = 3.
        var op = new BranchOp("c", new ControlBlock([Affine("x", "x", 1, 10)]), ControlBlock.Empty, ["c", "x"], ["x"]);
        Assert.Equal([13f], Run(op, 1f, 3f));
        Assert.Equal([3f], Run(op, 0f, 3f));
    }

    [Fact]
    public void A_loop_body_with_a_break_step_stops_where_the_break_fires()
    {
        // Body: x = x + 1; flag = x - 3; if flag: break; y = 2y. The break fires when flag is non-zero.
        // x = 2, y = 1: iteration 1 makes x 3, flag 0, y 2; iteration 2 makes x 4, flag 1 and breaks before the
        // doubling, so y stays 2 and x is 4.
        var body = new ControlBlock(
        [
            Affine("x", "x", 1, 1),
            Affine("x", "flag", 1, -3),
            new BranchStep("flag", new ControlBlock([new SignalStep(LoopSignal.Break)]), ControlBlock.Empty),
            Affine("y", "y", 2, 0),
        ]);
        var loop = new LoopOp(null, null, body, ["x", "y", "flag"], ["x", "y"], 100);
        Assert.Equal([4f, 2f], Run(loop, 2f, 1f, 0f));
    }

    [Fact]
    public void Blocks_that_disagree_on_a_blob_type_are_rejected()
    {
        var builder = new GraphBuilder().AddInput("in", Scalar);
        builder.AddNode("twice", new Parity.Engine.Ops.DataMovement.ConcatOp(0), ["in", "in"], ["y"]);
        var grow = new GraphStep(builder.AddOutput("y").Build(), ["x"], [("y", "y")]);
        var op = new BranchOp("c", new ControlBlock([grow]), new ControlBlock([Affine("x", "y", 1, 0)]), ["c", "x"], ["y"]);
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([Scalar, Scalar]));
    }
}
