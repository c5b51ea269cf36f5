using Parity.Engine.Graph;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;
using Parity.Validation.Comparison;

namespace Parity.Validation.Tests.Comparison;

public class AttributionTests
{
    // x -> a -> b ; x -> c ; (b, c) -> d -> e. Matched values: a, c, d, e (b is not matched).
    private static readonly Graph Graph = new GraphBuilder()
        .AddInput("x", new TensorType(DType.Float32, new Shape(2)))
        .AddNode("A", new Identity(), "x", "a")
        .AddNode("B", new Identity(), "a", "b")
        .AddNode("C", new Identity(), "x", "c")
        .AddNode("D", new BinaryArithmetic(BinaryKind.Add), ["b", "c"], ["d"])
        .AddNode("E", new Identity(), "d", "e")
        .AddOutput("e")
        .Build();

    private static readonly string[] Values = ["a", "c", "d", "e"];

    [Fact]
    public void Failure_reached_through_an_unmatched_value_is_inherited()
    {
        var result = Attribution.Attribute(Graph, Values, [false, true, false, false]);
        Assert.Equal([PairVerdict.Diverges, PairVerdict.Agrees, PairVerdict.Inherited, PairVerdict.Inherited], result.Verdicts);
        Assert.Equal(0, result.Divergence);
        Assert.Equal([0], result.InheritedFrom[2]); // d depends on a through the unmatched b
        Assert.Equal([2], result.InheritedFrom[3]); // e's nearest matched ancestor is d
    }

    [Fact]
    public void A_layer_failing_on_agreeing_inputs_diverges_itself()
    {
        var result = Attribution.Attribute(Graph, Values, [true, true, false, false]);
        Assert.Equal([PairVerdict.Agrees, PairVerdict.Agrees, PairVerdict.Diverges, PairVerdict.Inherited], result.Verdicts);
        Assert.Equal(2, result.Divergence);
    }

    [Fact]
    public void Divergence_is_first_in_graph_order_not_in_list_order()
    {
        // Listed as e, c, a: e recovers nothing, a and e fail; e's ancestor d is not matched, so e sees a and c.
        var result = Attribution.Attribute(Graph, ["e", "c", "a"], [false, true, false]);
        Assert.Equal([PairVerdict.Inherited, PairVerdict.Agrees, PairVerdict.Diverges], result.Verdicts);
        Assert.Equal(2, result.Divergence);
        Assert.Null(Attribution.Attribute(Graph, Values, [true, true, true, true]).Divergence);
    }
}
