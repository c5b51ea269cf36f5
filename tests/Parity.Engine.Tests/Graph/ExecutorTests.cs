using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Graph;

public class ExecutorTests
{
    private static TensorType F32(params int[] dims) => new(DType.Float32, new Shape(dims));

    private static Dictionary<string, Tensor> Inputs(params (string Name, Tensor Value)[] inputs) => inputs.ToDictionary(p => p.Name, p => p.Value);

    private static Parity.Engine.Graph.Graph Chain() => new GraphBuilder()
        .AddInput("x", F32(3))
        .AddNode("plus", new AddOne(), "x", "a")
        .AddNode("times", new Scale(2), "a", "b")
        .AddNode("split", new PlusMinus(), ["b"], ["pos", "neg"])
        .AddNode("sum", new Add(), ["a", "neg"], ["y"])
        .AddOutput("y")
        .AddOutput("pos")
        .Build();

    [Fact]
    public void Runs_nodes_in_order_and_returns_the_outputs()
    {
        using var x = Tensor.FromArray([1, 2, 3], 3);
        using var result = Chain().Compile().Run(Inputs(("x", x)));

        // a = x+1 = [2,3,4]; b = 2a = [4,6,8]; pos = b; y = a - b = [-2,-3,-4].
        Assert.True(result.Completed);
        Assert.Equal([-2f, -3, -4], result["y"].Floats.ToArray());
        Assert.Equal([4f, 6, 8], result["pos"].Floats.ToArray());
        Assert.Equal(["y", "pos"], result.Outputs.Keys);
        Assert.Equal([1f, 2, 3], x.Floats.ToArray());
    }

    [Fact]
    public void Observer_sees_every_value_with_the_node_that_produced_it()
    {
        var observer = new RecordingObserver();
        using var x = Tensor.FromArray([1, 2, 3], 3);
        using var result = Chain().Compile().Run(Inputs(("x", x)), new ExecutionOptions { Observer = observer });

        Assert.Equal(["x"], observer.GraphInputs);
        Assert.Equal(
            [("plus", "a"), ("times", "b"), ("split", "pos"), ("split", "neg"), ("sum", "y")],
            observer.Values.Select(v => (v.Node, v.Value)));
        Assert.Equal([-4f, -6, -8], observer.Values.Single(v => v.Value == "neg").Data);
        Assert.Equal(
            ["start plus 0/4", "end plus", "start times 1/4", "end times", "start split 2/4", "end split", "start sum 3/4", "end sum"],
            observer.Events);
    }

    [Fact]
    public void With_an_observer_values_stay_alive_until_the_run_ends()
    {
        // The observer keeps references (no copies) and reads them all after the last node: nothing was recycled.
        var graph = new GraphBuilder().AddInput("x", F32(4));
        var previous = "x";
        for (var i = 0; i < 10; i++)
        {
            graph.AddNode($"n{i}", new AddOne(), previous, $"v{i}");
            previous = $"v{i}";
        }
        var kept = new KeepingObserver();
        using var x = Tensor.FromArray([0, 10, 20, 30], 4);
        using var result = graph.AddOutput(previous).Build().Compile().Run(Inputs(("x", x)), new ExecutionOptions { Observer = kept });

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal([i + 1f, i + 11, i + 21, i + 31], kept.AtEnd[$"v{i}"]);
        }
    }

    [Fact]
    public void A_recording_keeps_its_values_after_the_run_and_through_later_runs()
    {
        // The recorder shares the run's buffers instead of copying them; once the run has disposed its own handles,
        // a second run on other data must not land in the storage the first recording still holds.
        var plan = Chain().Compile();
        using var first = new Parity.Engine.Graph.RecordingObserver();
        using (var x = Tensor.FromArray([1, 2, 3], 3))
        using (plan.Run(Inputs(("x", x)), new ExecutionOptions { Observer = first }))
        {
        }
        using var second = new Parity.Engine.Graph.RecordingObserver();
        using (var x = Tensor.FromArray([10, 20, 30], 3))
        using (plan.Run(Inputs(("x", x)), new ExecutionOptions { Observer = second }))
        {
        }
        // a = x + 1, b = 2a: [4, 6, 8] for the first input, [22, 42, 62] for the second.
        Assert.Equal([4f, 6, 8], first.Values["b"].Floats.ToArray());
        Assert.Equal([1f, 2, 3], first.Values["x"].Floats.ToArray());
        Assert.Equal([22f, 42, 62], second.Values["b"].Floats.ToArray());
    }

    [Fact]
    public void Intermediates_and_inputs_can_be_requested_as_outputs()
    {
        using var x = Tensor.FromArray([1, 2, 3], 3);
        using var result = Chain().Compile().Run(Inputs(("x", x)), new ExecutionOptions { Outputs = ["b", "x", "y"] });

        Assert.Equal([4f, 6, 8], result["b"].Floats.ToArray());
        Assert.Equal([1f, 2, 3], result["x"].Floats.ToArray());
        Assert.NotSame(x, result["x"]);
        Assert.False(result.Outputs.ContainsKey("pos"));
        Assert.Throws<KeyNotFoundException>(() => result["pos"]);

        Assert.Throws<ArgumentException>(() => Chain().Compile().Run(Inputs(("x", x)), new ExecutionOptions { Outputs = ["nope"] }));
    }

    [Fact]
    public void Graph_input_listed_as_output_is_returned_as_a_copy()
    {
        var plan = new GraphBuilder().AddInput("x", F32(2)).AddOutput("x").Build().Compile();
        using var x = Tensor.FromArray([5, 6], 2);
        using var result = plan.Run(Inputs(("x", x)));
        Assert.NotSame(x, result["x"]);
        Assert.True(x.ContentEquals(result["x"]));
    }

    [Fact]
    public void Missing_wrong_or_unknown_inputs_are_bad_arguments()
    {
        var plan = Chain().Compile();
        using var good = Tensor.FromArray([1, 2, 3], 3);
        using var wrongShape = Tensor.FromArray([1, 2], 2);

        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => plan.Run(Inputs())).Message);
        Assert.Contains("float32[2]", Assert.Throws<ArgumentException>(() => plan.Run(Inputs(("x", wrongShape)))).Message);
        Assert.Contains("'z'", Assert.Throws<ArgumentException>(() => plan.Run(Inputs(("x", good), ("z", good)))).Message);
    }

    [Fact]
    public void Executor_compiles_for_the_shapes_it_is_given()
    {
        using var x = Tensor.FromArray([1, 2, 3, 4, 5], 5);
        using var result = Executor.Run(Chain(), Inputs(("x", x)));
        Assert.Equal([-2f, -3, -4, -5, -6], result["y"].Floats.ToArray());
    }

    [Fact]
    public void Failing_node_stops_the_run_with_an_error_naming_it()
    {
        var graph = new GraphBuilder()
            .AddInput("x", F32(2))
            .AddNode("lambda_3", new Unsupported(), "x", "y")
            .AddOutput("y")
            .Build();
        using var x = Tensor.FromArray([1, 2], 2);

        var e = Assert.Throws<NodeFailedException>(() => graph.Compile().Run(Inputs(("x", x))));
        Assert.Contains("'lambda_3' (Lambda)", e.Message);
        Assert.Contains("x: float32[2]", e.Message);
        Assert.IsType<NotSupportedException>(e.InnerException);
        Assert.Equal("lambda_3", e.Node.Name);
    }

    [Fact]
    public void A_failed_run_leaves_the_plan_usable()
    {
        var plan = new GraphBuilder()
            .AddInput("x", F32(2))
            .AddNode("a", new AddOne(), "x", "a")
            .AddNode("check", new RejectsNegative(), "a", "b")
            .AddNode("c", new Scale(2), "b", "c")
            .AddNode("d", new AddOne(), "c", "y")
            .AddOutput("y")
            .Build()
            .Compile();
        using var bad = Tensor.FromArray([-5, 0], 2);
        using var good = Tensor.FromArray([1, 2], 2);

        for (var run = 0; run < 3; run++)
        {
            Assert.Throws<NodeFailedException>(() => plan.Run(Inputs(("x", bad))));
            using var result = plan.Run(Inputs(("x", good)));
            // y = 2(x+1)+1.
            Assert.Equal([5f, 7], result["y"].Floats.ToArray());
        }
    }

    [Fact]
    public void Requesting_a_value_twice_is_a_bad_argument()
    {
        using var x = Tensor.FromArray([1, 2, 3], 3);
        Assert.Throws<ArgumentException>(() => Chain().Compile().Run(Inputs(("x", x)), new ExecutionOptions { Outputs = ["y", "y"] }));
    }

    [Fact]
    public void One_plan_runs_concurrently_from_several_threads()
    {
        var plan = Chain().Compile();
        var failures = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            using var x = Tensor.FromArray([i, i + 1, i + 2], 3);
            using var result = plan.Run(Inputs(("x", x)));
            // y = (x+1) - 2(x+1) = -(x+1).
            if (!result["y"].Floats.SequenceEqual([-(i + 1f), -(i + 2f), -(i + 3f)])) Interlocked.Increment(ref failures);
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Cancellation_is_honoured_between_nodes()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        using var x = Tensor.FromArray([1, 2, 3], 3);
        Assert.ThrowsAny<OperationCanceledException>(() => Chain().Compile().Run(Inputs(("x", x)), new ExecutionOptions { CancellationToken = cancel.Token }));
    }

    private sealed class RecordingObserver : IExecutionObserver
    {
        public List<string> GraphInputs { get; } = [];

        public List<(string Node, string Value, float[] Data)> Values { get; } = [];

        public List<string> Events { get; } = [];

        public void OnGraphInput(string name, Tensor value) => GraphInputs.Add(name);

        public void OnNodeStarting(Node node, int index, int count) => Events.Add($"start {node.Name} {index}/{count}");

        public void OnValue(Node node, string valueName, Tensor value) => Values.Add((node.Name, valueName, value.Floats.ToArray()));

        public void OnNodeFinished(Node node, int index, int count) => Events.Add($"end {node.Name}");
    }

    private sealed class KeepingObserver : IExecutionObserver
    {
        private readonly Dictionary<string, Tensor> _kept = [];

        public Dictionary<string, float[]> AtEnd { get; } = [];

        public void OnValue(Node node, string valueName, Tensor value) => _kept[valueName] = value;

        public void OnNodeFinished(Node node, int index, int count)
        {
            if (index != count - 1) return;
            foreach (var (name, t) in _kept) AtEnd[name] = t.Floats.ToArray();
        }
    }
}
