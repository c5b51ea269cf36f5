using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Validation.Comparison;

namespace Parity.Validation.Tests.Comparison;

public class InputMatcherTests
{
    private static GraphInput In(string name, params int[] shape) => new(name, new TensorType(DType.Float32, new Shape(shape)));

    [Fact]
    public void Inputs_pair_by_name_then_order_then_shape_with_layout()
    {
        var pairs = InputMatcher.Match([In("image", 1, 8, 8, 3), In("mask", 1, 5)], [In("mask", 1, 5), In("data", 1, 3, 8, 8)], new Dictionary<string, string>());
        Assert.Equal(("image", "data", MatchKind.Shape, LayoutTransform.ChannelsFirstToLast),
            (pairs[0].A, pairs[0].B, pairs[0].MatchedBy, pairs[0].Layout));
        Assert.Equal(("mask", "mask", MatchKind.Name), (pairs[1].A, pairs[1].B, pairs[1].MatchedBy));

        var byOrder = InputMatcher.Match([In("a", 1, 4), In("b", 1, 4)], [In("x", 1, 4), In("y", 1, 4)], new Dictionary<string, string>());
        Assert.Equal(["a=x:Order", "b=y:Order"], byOrder.Select(p => $"{p.A}={p.B}:{p.MatchedBy}"));
    }

    [Fact]
    public void Ambiguous_shapes_ask_for_map_and_map_resolves_them()
    {
        GraphInput[] a = [In("p", 1, 4), In("q", 1, 4)];
        GraphInput[] b = [In("r", 1, 4), In("s", 1, 4), In("t", 1, 2)];
        var error = Assert.Throws<ArgumentException>(() => InputMatcher.Match(a, b, new Dictionary<string, string>()));
        Assert.Contains("--map", error.Message);

        var e2 = Assert.Throws<ArgumentException>(() => InputMatcher.Match(a, b, new Dictionary<string, string> { ["p"] = "s" }));
        Assert.Contains("'t'", e2.Message); // t has no counterpart even once p and q are paired

        var mapped = InputMatcher.Match([In("p", 1, 4), In("q", 1, 4)], [In("r", 1, 4), In("s", 1, 4)], new Dictionary<string, string> { ["p"] = "s" });
        Assert.Equal(["p=s:Mapped", "q=r:Shape"], mapped.Select(p => $"{p.A}={p.B}:{p.MatchedBy}"));
    }
}
