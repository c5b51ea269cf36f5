using Parity.Engine.Kernels;
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
    public static float[] Apply(ReadOnlySpan<float> data, Shape from, LayoutTransform transform) =>
        Moves(Check(data.Length, from, transform)) ? Rearrange(data, from, transform) : data.ToArray();

    /// <summary>
    /// As the span overload, but a transform that moves no data (<see cref="LayoutTransform.None"/>,
    /// <see cref="LayoutTransform.Reshape"/>) returns <paramref name="data"/> itself rather than a copy: comparing
    /// every recorded layer of a large model must not copy each one again. Callers only read the result.
    /// </summary>
    public static ReadOnlyMemory<float> Apply(ReadOnlyMemory<float> data, Shape from, LayoutTransform transform) =>
        Moves(Check(data.Length, from, transform)) ? Rearrange(data.Span, from, transform) : data;

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

    private static LayoutTransform Check(int length, Shape from, LayoutTransform transform)
    {
        if (length != from.ElementCount)
        {
            throw new ArgumentException($"Layout transform: {length} values do not fill shape {from}.", "data");
        }
        if (!Enum.IsDefined(transform)) throw new ArgumentException($"Unknown layout transform {transform}.", nameof(transform));
        return transform;
    }

    private static bool Moves(LayoutTransform transform) => transform is LayoutTransform.ChannelsFirstToLast or LayoutTransform.ChannelsLastToFirst;

    private static float[] Rearrange(ReadOnlySpan<float> data, Shape from, LayoutTransform transform)
    {
        var squeezed = Squeezed(from);
        // Both are one 2-D transpose: [C, R] -> [R, C] with R the product of the remaining axes, or back.
        var (rows, columns) = transform == LayoutTransform.ChannelsFirstToLast
            ? (squeezed[0], data.Length / Math.Max(squeezed[0], 1))
            : (data.Length / Math.Max(squeezed[^1], 1), squeezed[^1]);
        var result = new float[data.Length];
        Transpose.Run(data, [rows, columns], [1, 0], result);
        return result;
    }
}
