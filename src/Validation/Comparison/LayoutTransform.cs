using Parity.Engine.Tensors;

namespace Parity.Validation.Comparison;

/// <summary>
/// How one side's tensor is rearranged into the other side's layout before comparing. Shapes are compared with
/// their size-1 axes squeezed out (batch, sequence and rank-5 blob axes), which never moves data.
/// </summary>
public enum LayoutTransform
{
    /// <summary>Same shape.</summary>
    None,

    /// <summary>Same data order, different size-1 axes (e.g. Core ML [1,1,10,1,1] against Keras [1,10]).</summary>
    Reshape,

    /// <summary>Channels-first data ([C,H,W], NCHW, rank-5 blobs) rearranged to channels-last ([H,W,C], NHWC).</summary>
    ChannelsFirstToLast,

    /// <summary>Channels-last data rearranged to channels-first.</summary>
    ChannelsLastToFirst,
}

/// <summary>Finds and applies the <see cref="LayoutTransform"/>s that turn data of one shape into another.</summary>
public static class LayoutTransforms
{
    /// <summary>Every transform that maps data of shape <paramref name="from"/> onto shape <paramref name="to"/>, most direct first.</summary>
    public static IReadOnlyList<LayoutTransform> Between(Shape from, Shape to)
    {
        if (from.ElementCount != to.ElementCount) return [];
        if (from == to) return [LayoutTransform.None];
        var result = new List<LayoutTransform>();
        int[] f = Squeezed(from), t = Squeezed(to);
        if (f.SequenceEqual(t)) result.Add(LayoutTransform.Reshape);
        if (f.Length >= 2 && f.Skip(1).Append(f[0]).SequenceEqual(t)) result.Add(LayoutTransform.ChannelsFirstToLast);
        if (f.Length >= 2 && t.Skip(1).Append(t[0]).SequenceEqual(f)) result.Add(LayoutTransform.ChannelsLastToFirst);
        return result;
    }

    /// <summary>Rearranges <paramref name="data"/> of shape <paramref name="from"/> as <paramref name="transform"/> says; the result has <paramref name="from"/>'s element count.</summary>
    public static float[] Apply(ReadOnlySpan<float> data, Shape from, LayoutTransform transform)
    {
        if (data.Length != from.ElementCount)
        {
            throw new ArgumentException($"Layout transform: {data.Length} values do not fill shape {from}.", nameof(data));
        }
        var squeezed = Squeezed(from);
        switch (transform)
        {
            case LayoutTransform.None:
            case LayoutTransform.Reshape:
                return data.ToArray();
            case LayoutTransform.ChannelsFirstToLast:
                // [C, R] -> [R, C] with R the product of the remaining axes: a 2-D transpose.
                return Transpose(data, squeezed[0], data.Length / Math.Max(squeezed[0], 1));
            case LayoutTransform.ChannelsLastToFirst:
                return Transpose(data, data.Length / Math.Max(squeezed[^1], 1), squeezed[^1]);
            default:
                throw new ArgumentException($"Unknown layout transform {transform}.", nameof(transform));
        }
    }

    /// <summary>A short phrase for reports.</summary>
    public static string Describe(LayoutTransform transform) => transform switch
    {
        LayoutTransform.None => "none",
        LayoutTransform.Reshape => "reshape (size-1 axes)",
        LayoutTransform.ChannelsFirstToLast => "channels-first -> channels-last",
        LayoutTransform.ChannelsLastToFirst => "channels-last -> channels-first",
        _ => transform.ToString(),
    };

    private static int[] Squeezed(Shape shape) => shape.ToArray().Where(d => d != 1).ToArray();

    private static float[] Transpose(ReadOnlySpan<float> data, int rows, int columns)
    {
        var result = new float[data.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++) result[c * rows + r] = data[r * columns + c];
        }
        return result;
    }
}
