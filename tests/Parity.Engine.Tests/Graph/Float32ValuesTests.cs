using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Graph;

/// <summary>Values a graph keeps in float32 (<see cref="GraphBuilder.KeepFloat32"/>) are left unrounded by a Float16 run; the rest still round.</summary>
public class Float32ValuesTests
{
    private static readonly ExecutionOptions Fp16 = new() { Precision = Precision.Float16 };

    private static RunResult Run(Parity.Engine.Graph.Graph graph, float x, ExecutionOptions? options = null)
    {
        using var input = Tensor.FromArray([x], 1);
        return graph.Compile().Run(new Dictionary<string, Tensor> { ["x"] = input }, options);
    }

    private static Parity.Engine.Graph.Graph TwoSteps(params string[] kept)
    {
        var builder = new GraphBuilder()
            .AddInput("x", new TensorType(DType.Float32, new Shape(1)))
            .AddNode("one", new AddOne(), "x", "a")
            .AddNode("two", new AddOne(), "a", "b")
            .AddOutput("a")
            .AddOutput("b");
        foreach (var value in kept) builder.KeepFloat32(value);
        return builder.Build();
    }

    [Fact]
    public void A_kept_node_result_is_not_rounded_while_the_next_node_still_is()
    {
        // x = 2048: 'one' kept fp32 gives 2049 exactly; 'two' gives 2050, which half holds (even step of 2 in [2048, 4096)).
        // With nothing kept: 2049 rounds (tie) to even 2048, then 2049 -> 2048 again.
        using (var kept = Run(TwoSteps("a"), 2048, Fp16))
        {
            Assert.Equal(2049f, kept["a"].Floats[0]);
            Assert.Equal(2050f, kept["b"].Floats[0]);
        }
        using (var none = Run(TwoSteps(), 2048, Fp16))
        {
            Assert.Equal(2048f, none["a"].Floats[0]);
            Assert.Equal(2048f, none["b"].Floats[0]);
        }
    }

    [Fact]
    public void A_kept_second_node_sees_the_rounded_first_result()
    {
        // x = 2050 (a half): 'one' gives 2051 -> tie between 2050 and 2052 goes to even mantissa 2052; 'two' kept: 2053.
        using var result = Run(TwoSteps("b"), 2050, Fp16);
        Assert.Equal(2052f, result["a"].Floats[0]);
        Assert.Equal(2053f, result["b"].Floats[0]);
    }

    [Fact]
    public void A_kept_graph_input_is_not_rounded()
    {
        // 0.1 is no half (it would become 0.0999755859375); kept, the identity passes float32 0.1 through unrounded too.
        var graph = new GraphBuilder()
            .AddInput("x", new TensorType(DType.Float32, new Shape(1)))
            .AddNode("same", new Identity(), "x", "y")
            .AddOutput("y")
            .KeepFloat32("x")
            .KeepFloat32("y")
            .Build();
        using var result = Run(graph, 0.1f, Fp16);
        Assert.Equal(0.1f, result["y"].Floats[0]);
        Assert.Equal(["x", "y"], graph.Float32Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_float32_run_rounds_nothing_whatever_is_kept()
    {
        using var result = Run(TwoSteps("a"), 2048, new ExecutionOptions { Precision = Precision.Float32 });
        Assert.Equal(2050f, result["b"].Floats[0]);
    }

    [Fact]
    public void Keeping_a_value_the_graph_does_not_have_is_an_error()
    {
        var builder = new GraphBuilder()
            .AddInput("x", new TensorType(DType.Float32, new Shape(1)))
            .AddNode("one", new AddOne(), "x", "a")
            .AddOutput("a")
            .KeepFloat32("nowhere");
        var error = Assert.Throws<GraphException>(() => builder.Build());
        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
    }
}
