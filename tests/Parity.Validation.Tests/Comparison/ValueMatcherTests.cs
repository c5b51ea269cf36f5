using Parity.Engine.Tensors;
using Parity.Validation.Comparison;

namespace Parity.Validation.Tests.Comparison;

public class ValueMatcherTests
{
    private static RecordedValue V(string name, float[] data, int[] shape, int output = -1) => new(name, "t", name, new Shape(shape), data, output);

    [Fact]
    public void Outputs_by_name_layers_by_suffixed_name_preferring_the_last_and_the_rest_by_value()
    {
        // A: conv1 [1,1,2,3] channels-last, feat [1,4], output probs. B: conv1 before and after its activation
        // (channels-first), an anonymous rank-5 blob with feat's data scaled by 2 (cosine 1), and an unrelated value of
        // feat's size: (1,2,3,4)·(4,-3,2,-1) = 4 - 6 + 6 - 4 = 0, cosine 0.
        float[] hwc = [0, 1, 2, 3, 4, 5];
        float[] chw = [0, 3, 1, 4, 2, 5];
        RecordedValue[] a =
        [
            V("conv1", hwc, [1, 1, 2, 3]),
            V("feat", [1, 2, 3, 4], [1, 4]),
            V("probs", [0.25f, 0.75f], [1, 2], output: 0),
        ];
        RecordedValue[] b =
        [
            V("conv1", [9, 9, 9, 9, 9, 9], [1, 3, 1, 2]),
            V("conv1__activation__", chw, [1, 3, 1, 2]),
            V("noise", [4, -3, 2, -1], [1, 4]),
            V("blob7", [2, 4, 6, 8], [1, 1, 4, 1, 1]),
            V("classLabelProbs", [0.25f, 0.75f], [2], output: 0),
        ];
        var result = ValueMatcher.Match(a, b, LayerScope.All);

        Assert.Equal(
            ["conv1~conv1__activation__:Name:ChannelsFirstToLast", "feat~blob7:Value:Reshape", "probs~classLabelProbs:Order:Reshape"],
            result.Matches.Select(m => $"{a[m.A].Name}~{b[m.B].Name}:{m.Kind}:{m.Layout}"));
        Assert.Empty(result.UnmatchedA);
        Assert.Equal(["conv1", "noise"], result.UnmatchedB.Select(v => v.Name));
    }

    [Fact]
    public void A_layer_the_converter_dropped_is_matched_to_the_value_it_passes_on()
    {
        // A: pool -> dropout (an identity at inference) -> out; B has no dropout, so dropout's data is pool's.
        RecordedValue[] a = [V("pool", [1, 2, 3], [1, 3]), V("dropout", [1, 2, 3], [1, 3]), V("out", [5], [1], output: 0)];
        RecordedValue[] b = [V("pool_output", [1, 2, 3], [1, 3, 1, 1]), V("out", [5], [1], output: 0)];
        var result = ValueMatcher.Match(a, b, LayerScope.All);
        Assert.Equal(["pool~pool_output:Name", "dropout~pool_output:Value", "out~out:Name"], result.Matches.Select(m => $"{a[m.A].Name}~{b[m.B].Name}:{m.Kind}"));
        Assert.Empty(result.UnmatchedA);
    }

    [Fact]
    public void Outputs_scope_pairs_and_lists_only_outputs()
    {
        RecordedValue[] a = [V("hidden", [1, 2], [1, 2]), V("y", [1, 2], [1, 2], output: 0)];
        RecordedValue[] b = [V("hidden", [1, 2], [1, 2]), V("y", [1, 2], [1, 2], output: 0), V("z", [3], [1], output: 1)];
        var result = ValueMatcher.Match(a, b, LayerScope.Outputs);
        Assert.Equal(["y~y:Name"], result.Matches.Select(m => $"{a[m.A].Name}~{b[m.B].Name}:{m.Kind}"));
        Assert.Equal(["z"], result.UnmatchedB.Select(v => v.Name));
    }

    [Fact]
    public void Cosine_is_hand_computed()
    {
        // (1,2)·(2,1) = 4; |(1,2)| |(2,1)| = 5.
        Assert.Equal(0.8, ValueMatcher.Cosine([1, 2], [2, 1]), 12);
        Assert.Equal(1, ValueMatcher.Cosine([0, 0], [0, 0]));
        Assert.Equal(0, ValueMatcher.Cosine([0, 0], [1, 0]));
    }
}
