using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Graph;

public class GraphBuilderTests
{
    private static readonly TensorType Vector3 = new(DType.Float32, new Shape(3));

    [Fact]
    public void Sorts_nodes_added_out_of_order()
    {
        var graph = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("third", new AddOne(), "b", "c")
            .AddNode("second", new AddOne(), "a", "b")
            .AddNode("first", new AddOne(), "x", "a")
            .AddOutput("c")
            .Build();

        Assert.Equal(["first", "second", "third"], graph.Nodes.Select(n => n.Name));
        Assert.Equal("second", graph.ProducerOf("b")?.Name);
        Assert.Null(graph.ProducerOf("x"));
    }

    [Fact]
    public void Keeps_the_given_order_when_it_is_already_topological()
    {
        // Diamond: both "left" and "right" are ready after "top"; insertion order decides.
        var graph = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("top", new AddOne(), "x", "t")
            .AddNode("right", new AddOne(), "t", "r")
            .AddNode("left", new Scale(2), "t", "l")
            .AddNode("join", new Add(), ["l", "r"], ["y"])
            .AddOutput("y")
            .Build();

        Assert.Equal(["top", "right", "left", "join"], graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Nodes_may_have_several_inputs_and_outputs()
    {
        var graph = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("split", new PlusMinus(), ["x"], ["pos", "neg"])
            .AddNode("sum", new Add(), ["pos", "neg"], ["zero"])
            .AddOutput("zero")
            .AddOutput("neg")
            .Build();

        Assert.Equal(["pos", "neg"], graph.Nodes[0].Outputs);
        Assert.Equal(["zero", "neg"], graph.Outputs);
        Assert.Equal(["sum"], graph.ConsumersOf("neg").Select(n => n.Name));
        Assert.Empty(graph.ConsumersOf("zero"));
        Assert.True(graph.ContainsValue("x") && graph.ContainsValue("pos") && !graph.ContainsValue("nope"));
    }

    [Fact]
    public void Unknown_input_value_names_the_node_its_kind_and_the_value()
    {
        var builder = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("dense_1", new Scale(2), "x_typo", "y")
            .AddOutput("y");

        var e = Assert.Throws<GraphException>(() => builder.Build());
        Assert.Contains("'dense_1'", e.Message);
        Assert.Contains("Scale", e.Message);
        Assert.Contains("'x_typo'", e.Message);
        Assert.Equal(("dense_1", "Scale", "x_typo"), (e.NodeName, e.OpKind, e.ValueName));
    }

    [Fact]
    public void Duplicate_value_names_are_rejected()
    {
        var twoProducers = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("a", new AddOne(), "x", "y")
            .AddNode("b", new AddOne(), "x", "y");
        var e = Assert.Throws<GraphException>(() => twoProducers.Build());
        Assert.Contains("'b'", e.Message);
        Assert.Contains("'a'", e.Message);
        Assert.Equal("y", e.ValueName);

        var shadowsInput = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("a", new AddOne(), "x", "x");
        Assert.Contains("graph input", Assert.Throws<GraphException>(() => shadowsInput.Build()).Message);

        var inputTwice = new GraphBuilder().AddInput("x", Vector3).AddInput("x", Vector3);
        Assert.Equal("x", Assert.Throws<GraphException>(() => inputTwice.Build()).ValueName);
    }

    [Fact]
    public void Duplicate_node_names_are_rejected()
    {
        var builder = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("conv", new AddOne(), "x", "a")
            .AddNode("conv", new AddOne(), "a", "b");

        Assert.Equal("conv", Assert.Throws<GraphException>(() => builder.Build()).NodeName);
    }

    [Fact]
    public void Cycle_is_reported_with_exactly_the_nodes_on_it()
    {
        // n_a reads n_c's output, closing the loop n_a -> n_b -> n_c -> n_a; n_after is blocked but not on the cycle.
        var builder = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("n_a", new Add(), ["x", "c_out"], ["a_out"])
            .AddNode("n_b", new AddOne(), "a_out", "b_out")
            .AddNode("n_c", new AddOne(), "b_out", "c_out")
            .AddNode("n_after", new AddOne(), "c_out", "y")
            .AddOutput("y");

        var e = Assert.Throws<GraphException>(() => builder.Build());
        Assert.Contains("cycle", e.Message);
        foreach (var name in new[] { "'n_a'", "'n_b'", "'n_c'", "--a_out-->", "--b_out-->", "--c_out-->" })
        {
            Assert.Contains(name, e.Message);
        }
        Assert.DoesNotContain("n_after", e.Message);
    }

    [Fact]
    public void Node_reading_its_own_output_is_a_cycle()
    {
        var builder = new GraphBuilder()
            .AddInput("x", Vector3)
            .AddNode("loop", new Add(), ["x", "y"], ["y"])
            .AddOutput("y");

        var e = Assert.Throws<GraphException>(() => builder.Build());
        Assert.Contains("'loop' --y--> 'loop'", e.Message);
    }

    [Fact]
    public void Outputs_must_exist_and_be_listed_once()
    {
        var missing = new GraphBuilder().AddInput("x", Vector3).AddNode("a", new AddOne(), "x", "y").AddOutput("z");
        Assert.Equal("z", Assert.Throws<GraphException>(() => missing.Build()).ValueName);

        var twice = new GraphBuilder().AddInput("x", Vector3).AddNode("a", new AddOne(), "x", "y").AddOutput("y").AddOutput("y");
        Assert.Contains("twice", Assert.Throws<GraphException>(() => twice.Build()).Message);
    }

    [Fact]
    public void Node_without_outputs_is_rejected()
    {
        var builder = new GraphBuilder().AddInput("x", Vector3).AddNode("sink", new AddOne(), ["x"], []);
        Assert.Equal("sink", Assert.Throws<GraphException>(() => builder.Build()).NodeName);
    }

    [Fact]
    public void Empty_value_names_are_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => new Node("n", new AddOne(), [""], ["y"]));
        Assert.Throws<ArgumentException>(() => new GraphBuilder().AddInput("", Vector3));
    }
}
