using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.ControlFlow;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.ControlFlow;

public class LoopOpTests
{
    private static readonly TensorType Scalar = new(DType.Float32, new Shape(1));

    /// <summary>x -> x * factor as a one-node graph over input "x".</summary>
    private static Parity.Engine.Graph.Graph Times(float factor)
    {
        var builder = new GraphBuilder().AddInput("x", Scalar);
        builder.AddNode("factor", new Constant(Tensor.FromArray([factor], 1)), [], ["factor"]);
        builder.AddNode("times", new BinaryArithmetic(BinaryKind.Multiply), ["x", "factor"], ["y"]);
        return builder.AddOutput("y").Build();
    }

    private static float RunLoop(LoopOp loop, float x)
    {
        var graph = new GraphBuilder().AddInput("x", Scalar).AddNode("loop", loop, ["x"], ["out"]).AddOutput("out").Build();
        using var input = Tensor.FromArray([x], 1);
        using var result = Executor.Run(graph, new Dictionary<string, Tensor> { ["x"] = input });
        return result["out"].Floats[0];
    }

    [Fact]
    public void Without_a_condition_the_body_runs_max_iterations_times()
    {
        // 3 * 2 * 2 * 2 * 2 = 48 after four doublings.
        Assert.Equal(48f, RunLoop(new LoopOp(null, null, Times(2), ["x"], ["x"], 4), 3));
    }

    [Fact]
    public void The_condition_is_tested_before_every_iteration()
    {
        // condition: relu(10 - x) is non-zero while x < 10. x = 3 -> 6 -> 12: the third test (12) sees 0 and stops.
        var builder = new GraphBuilder().AddInput("x", Scalar);
        builder.AddNode("ten", new Constant(Tensor.FromArray([10f], 1)), [], ["ten"]);
        builder.AddNode("left", new BinaryArithmetic(BinaryKind.Subtract), ["ten", "x"], ["left"]);
        builder.AddNode("go", new BinaryArithmetic(BinaryKind.Maximum), ["left", "zero"], ["go"]);
        builder.AddNode("zero", new Constant(Tensor.FromArray([0f], 1)), [], ["zero"]);
        var condition = builder.AddOutput("go").Build();
        Assert.Equal(12f, RunLoop(new LoopOp(condition, "go", Times(2), ["x"], ["x"], 0), 3));
        // Already false before the first iteration: the carried value passes through unchanged.
        Assert.Equal(11f, RunLoop(new LoopOp(condition, "go", Times(2), ["x"], ["x"], 0), 11));
    }

    [Fact]
    public void A_body_that_changes_a_carried_shape_is_rejected_when_types_are_inferred()
    {
        var builder = new GraphBuilder().AddInput("x", Scalar);
        builder.AddNode("grow", new ConcatOp(0), ["x", "x"], ["y"]);
        var loop = new LoopOp(null, null, builder.AddOutput("y").Build(), ["x"], ["x"], 2);
        var e = Assert.Throws<ShapeMismatchException>(() => loop.InferOutputTypes([Scalar]));
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void An_fp16_run_rounds_inside_the_loop_body_too()
    {
        // x = 1, three times x = x * (1 + 2^-12). In float32: 1 + 3 * 2^-12 (to within 2^-24). In float16 every product
        // rounds back to 1 (the next half above 1 is 1 + 2^-10, and 1 + 2^-12 lies below the midpoint 1 + 2^-11).
        var step = 1f + MathF.ScaleB(1f, -12);
        var graph = new GraphBuilder().AddInput("x", Scalar).AddNode("loop", new LoopOp(null, null, Times(step), ["x"], ["x"], 3), ["x"], ["out"]).AddOutput("out").Build();
        var plan = graph.Compile();
        using var input = Tensor.FromArray([1f], 1);
        using var half = plan.Run(new Dictionary<string, Tensor> { ["x"] = input }, new ExecutionOptions { Precision = Precision.Float16 });
        using var single = plan.Run(new Dictionary<string, Tensor> { ["x"] = input });
        Assert.Equal(1f, half["out"].Floats[0]);
        Assert.Equal(1f + 3 * MathF.ScaleB(1f, -12), single["out"].Floats[0], 1e-6f);
    }

    [Fact]
    public void A_loop_that_could_never_stop_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new LoopOp(null, null, Times(2), ["x"], ["x"], 0));
    }
}
