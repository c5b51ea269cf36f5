using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Graph;

public class PartialExecutionTests
{
    private static readonly TensorType Vector2 = new(DType.Float32, new Shape(2));

    // x -> a -> lambda (fails) -> after -> late_out ; a -> branch -> ok_out ; after + ok_out -> joined
    private static Parity.Engine.Graph.Graph GraphWithUnsupportedLayer() => new GraphBuilder()
        .AddInput("x", Vector2)
        .AddNode("a", new AddOne(), "x", "a_out")
        .AddNode("lambda", new Unsupported(), "a_out", "lambda_out")
        .AddNode("after", new AddOne(), "lambda_out", "late_out")
        .AddNode("branch", new Scale(3), "a_out", "ok_out")
        .AddNode("joined", new Add(), ["late_out", "ok_out"], ["sum_out"])
        .AddOutput("ok_out")
        .AddOutput("sum_out")
        .Build();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nodes_not_depending_on_the_failure_still_run(bool observe)
    {
        using var x = Tensor.FromArray([1, 2], 2);
        var failures = new List<string>();
        var options = new ExecutionOptions { ContinueOnError = true, Observer = observe ? new FailureObserver(failures) : null };
        using var result = GraphWithUnsupportedLayer().Compile().Run(new Dictionary<string, Tensor> { ["x"] = x }, options);

        Assert.False(result.Completed);
        // ok_out = 3(x+1).
        Assert.Equal([6f, 9], result["ok_out"].Floats.ToArray());
        Assert.Equal(["sum_out"], result.MissingOutputs);
        Assert.Contains("not computed", Assert.Throws<KeyNotFoundException>(() => result["sum_out"]).Message);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("lambda", failure.Node.Name);
        Assert.IsType<NotSupportedException>(failure.Error);

        Assert.Equal(["after", "joined"], result.Skipped.Select(s => s.Node.Name));
        Assert.Equal(["lambda_out"], result.Skipped[0].MissingInputs);
        Assert.Equal(["late_out"], result.Skipped[1].MissingInputs);
        Assert.All(result.Skipped, s => Assert.Equal(["lambda"], s.FailedAncestors));
        Assert.Equal(observe ? ["lambda"] : [], failures);
    }

    [Fact]
    public void Without_continue_on_error_the_first_failure_stops_the_run()
    {
        using var x = Tensor.FromArray([1, 2], 2);
        var e = Assert.Throws<NodeFailedException>(() => GraphWithUnsupportedLayer().Compile().Run(new Dictionary<string, Tensor> { ["x"] = x }));
        Assert.Equal("lambda", e.NodeName);
        Assert.Equal("Lambda", e.OpKind);
    }

    [Fact]
    public void Independent_failures_are_each_reported_with_their_own_ancestors()
    {
        var graph = new GraphBuilder()
            .AddInput("x", Vector2)
            .AddNode("bad1", new Unsupported(), "x", "p")
            .AddNode("bad2", new Unsupported(), "x", "q")
            .AddNode("both", new Add(), ["p", "q"], ["y"])
            .AddOutput("y")
            .Build();
        using var x = Tensor.FromArray([1, 2], 2);
        using var result = graph.Compile().Run(new Dictionary<string, Tensor> { ["x"] = x }, new ExecutionOptions { ContinueOnError = true });

        Assert.Equal(["bad1", "bad2"], result.Failures.Select(f => f.Node.Name));
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal(["p", "q"], skipped.MissingInputs);
        Assert.Equal(["bad1", "bad2"], skipped.FailedAncestors);
        Assert.Empty(result.Outputs);
    }

    // x -> a -> mystery (inference fails) -> after -> y1 ; a -> branch -> y2
    private static Parity.Engine.Graph.Graph GraphWithUninferableLayer() => new GraphBuilder()
        .AddInput("x", Vector2)
        .AddNode("a", new AddOne(), "x", "a_out")
        .AddNode("mystery", new Uninferable(), "a_out", "m_out")
        .AddNode("after", new AddOne(), "m_out", "y1")
        .AddNode("branch", new Scale(3), "a_out", "y2")
        .AddOutput("y1")
        .AddOutput("y2")
        .Build();

    [Fact]
    public void Strict_compile_lets_the_operators_own_exception_through()
    {
        Assert.Throws<LayerNotSupportedException>(() => GraphWithUninferableLayer().Compile());
    }

    [Fact]
    public void Tolerant_compile_records_inference_failures_and_types_the_rest()
    {
        var plan = GraphWithUninferableLayer().Compile(continueOnError: true);

        var failure = Assert.Single(plan.InferenceFailures);
        Assert.Equal("mystery", failure.Node.Name);
        Assert.IsType<LayerNotSupportedException>(failure.Error);
        Assert.Equal(Vector2, plan.TypeOf("y2"));
        Assert.False(plan.ValueTypes.ContainsKey("y1"));
        Assert.Contains("shape inference failed", Assert.Throws<ArgumentException>(() => plan.TypeOf("y1")).Message);
    }

    [Fact]
    public void Nodes_whose_inference_failed_are_reported_as_failures_at_run_time()
    {
        using var x = Tensor.FromArray([1, 2], 2);
        var inputs = new Dictionary<string, Tensor> { ["x"] = x };
        var plan = GraphWithUninferableLayer().Compile(continueOnError: true);

        using (var result = plan.Run(inputs, new ExecutionOptions { ContinueOnError = true }))
        {
            // y2 = 3(x+1).
            Assert.Equal([6f, 9], result["y2"].Floats.ToArray());
            Assert.Equal(["y1"], result.MissingOutputs);
            Assert.IsType<LayerNotSupportedException>(Assert.Single(result.Failures).Error);
            Assert.Equal("after", Assert.Single(result.Skipped).Node.Name);
        }

        var e = Assert.Throws<NodeFailedException>(() => plan.Run(inputs));
        Assert.Equal("mystery", e.NodeName);
        Assert.IsType<LayerNotSupportedException>(e.InnerException);

        using var oneOff = Executor.Run(GraphWithUninferableLayer(), inputs, new ExecutionOptions { ContinueOnError = true });
        Assert.Equal([6f, 9], oneOff["y2"].Floats.ToArray());
    }

    private sealed class FailureObserver(List<string> failures) : IExecutionObserver
    {
        public void OnValue(Node node, string valueName, Tensor value)
        {
        }

        public void OnNodeFailed(Node node, Exception error) => failures.Add(node.Name);
    }
}
