using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Graph;

public class ShapeInferenceTests
{
    private static TensorType F32(params int[] dims) => new(DType.Float32, new Shape(dims));

    [Fact]
    public void Every_value_gets_its_inferred_type()
    {
        var plan = new GraphBuilder()
            .AddInput("x", F32(8))
            .AddNode("split", new PlusMinus(), ["x"], ["pos", "neg"])
            .AddNode("head", new Head(3), "neg", "h")
            .AddOutput("h")
            .Build()
            .Compile();

        Assert.Equal(F32(8), plan.TypeOf("x"));
        Assert.Equal(F32(8), plan.TypeOf("pos"));
        Assert.Equal(F32(3), plan.TypeOf("h"));
        Assert.Equal(4, plan.ValueTypes.Count);
        Assert.Throws<ArgumentException>(() => plan.TypeOf("nope"));
    }

    [Fact]
    public void Shape_mismatch_names_the_node_the_op_kind_and_the_input_shapes()
    {
        var graph = new GraphBuilder()
            .AddInput("a", F32(2, 3))
            .AddInput("b", F32(3, 2))
            .AddNode("merge_7", new Add(), ["a", "b"], ["y"])
            .AddOutput("y")
            .Build();

        var e = Assert.Throws<GraphException>(() => graph.Compile());
        Assert.Contains("'merge_7' (Add)", e.Message);
        Assert.Contains("a: float32[2, 3]", e.Message);
        Assert.Contains("b: float32[3, 2]", e.Message);
        Assert.IsType<ShapeMismatchException>(e.InnerException);
        Assert.Equal(("merge_7", "Add"), (e.NodeName, e.OpKind));
    }

    [Fact]
    public void Operator_returning_the_wrong_number_of_types_is_a_graph_error()
    {
        var graph = new GraphBuilder()
            .AddInput("x", F32(2))
            .AddNode("one_of_two", new AddOne(), ["x"], ["y", "z"])
            .AddOutput("y")
            .Build();

        var e = Assert.Throws<GraphException>(() => graph.Compile());
        Assert.Contains("'one_of_two'", e.Message);
        Assert.Contains("produces 1", e.Message);
    }

    [Fact]
    public void Input_types_can_be_overridden_at_compile_time()
    {
        var graph = new GraphBuilder()
            .AddInput("x", F32(1, 4))
            .AddNode("s", new Scale(3), "x", "y")
            .AddOutput("y")
            .Build();

        var plan = graph.Compile(new Dictionary<string, TensorType> { ["x"] = F32(2, 4) });
        Assert.Equal(F32(2, 4), plan.TypeOf("y"));

        using var x = Tensor.FromArray([1, 2, 3, 4, 5, 6, 7, 8], 2, 4);
        using var result = plan.Run(new Dictionary<string, Tensor> { ["x"] = x });
        Assert.Equal([3f, 6, 9, 12, 15, 18, 21, 24], result["y"].Floats.ToArray());

        using var declared = Tensor.Zeros(1, 4);
        var e = Assert.Throws<ArgumentException>(() => plan.Run(new Dictionary<string, Tensor> { ["x"] = declared }));
        Assert.Contains("float32[1, 4]", e.Message);
        Assert.Contains("float32[2, 4]", e.Message);
    }

    [Fact]
    public void Overriding_an_unknown_input_is_a_bad_argument()
    {
        var graph = new GraphBuilder().AddInput("x", F32(1)).AddNode("s", new AddOne(), "x", "y").AddOutput("y").Build();
        var e = Assert.Throws<ArgumentException>(() => graph.Compile(new Dictionary<string, TensorType> { ["image"] = F32(1) }));
        Assert.Contains("'image'", e.Message);
    }
}
