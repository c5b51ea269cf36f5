using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Validation.Inputs;

/// <summary>
/// Input shapes at which to re-read a source model that declares a fixed size when the converted model is fed
/// another: a fully-convolutional network converted (or checked, `--shape`) at another resolution. Each source input
/// takes its positional counterpart's spatial size, kept in the source's own layout (channels first or last), batch
/// and channel counts unchanged. Re-reading a network that is not fully convolutional fails where its shapes stop
/// fitting (a Dense after Flatten), which the caller reports.
/// </summary>
public static class SourceInputShapes
{
    /// <summary>The shapes to re-read <paramref name="source"/> with, by source input name; empty when nothing needs to change or no rule applies.</summary>
    public static IReadOnlyDictionary<string, Shape> ToFit(IReadOnlyList<GraphInput> source, IReadOnlyList<GraphInput> converted)
    {
        var result = new Dictionary<string, Shape>();
        if (source.Count != converted.Count) return result;
        for (var i = 0; i < source.Count; i++)
        {
            var (a, b) = (source[i].Type.Shape, converted[i].Type.Shape);
            if (a == b || a.Rank != b.Rank || a.Rank < 3 || LayoutTransformFits(a, b)) continue;
            if (Resized(a, b) is { } shape) result[source[i].Name] = shape;
        }
        return result;
    }

    private static bool LayoutTransformFits(Shape a, Shape b) => Comparison.LayoutTransforms.Between(b, a).Count > 0;

    // Channels are the axis whose size both share at the ends: last for the source ([N,H,W,C]) and first after batch for
    // the converted model ([N,C,H,W]), or the same axis on both.
    private static Shape? Resized(Shape a, Shape b)
    {
        var rank = a.Rank;
        int[] ad = a.ToArray(), bd = b.ToArray();
        if (ad[0] != bd[0]) return null;
        if (ad[rank - 1] == bd[1] && ad[rank - 1] != ad[1])
        {
            // Source channels-last, converted channels-first.
            var dims = new[] { ad[0] }.Concat(bd[2..]).Append(ad[rank - 1]).ToArray();
            return new Shape(dims);
        }
        if (ad[1] == bd[1]) return new Shape(new[] { ad[0], ad[1] }.Concat(bd[2..]).ToArray());
        if (ad[rank - 1] == bd[rank - 1]) return new Shape(new[] { ad[0] }.Concat(bd[1..^1]).Append(ad[rank - 1]).ToArray());
        return null;
    }
}
