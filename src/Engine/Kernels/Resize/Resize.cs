using System.Numerics.Tensors;
using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Spatial resizing of NHWC or NCHW tensors: nearest neighbour for any element type (an index gather) and
/// bilinear for float32 (separable: each needed input row is interpolated horizontally once, then output rows are
/// vertical lerps of two such rows).
/// </summary>
public static class Resize
{
    private const int MinElementsPerThread = 1 << 14;

    /// <summary>
    /// The resized shape. Inputs have rank 3 or more: [..., C, H, W] for NCHW or [..., H, W, C] for NHWC, every
    /// leading axis acting as batch (as Core ML's UpsampleLayer treats ranks above 3).
    /// </summary>
    public static Shape OutputShape(Shape input, Layout layout, int outHeight, int outWidth)
    {
        if (input.Rank < 3) throw new ArgumentException($"Resize needs a {layout} tensor of rank 3 or more; got shape {input}.");
        if (outHeight < 1 || outWidth < 1) throw new ArgumentException($"Resize of {input} to {outHeight} x {outWidth}: output sizes must be positive.");
        var dims = input.ToArray();
        var heightAxis = layout == Layout.Nchw ? input.Rank - 2 : input.Rank - 3;
        dims[heightAxis] = outHeight;
        dims[heightAxis + 1] = outWidth;
        return new Shape(dims);
    }

    /// <summary>Nearest-neighbour resize to <paramref name="outHeight"/> x <paramref name="outWidth"/>; indices from <see cref="ResizeGrid.NearestIndex"/>.</summary>
    public static void Nearest<T>(ReadOnlySpan<T> input, ReadOnlySpan<int> shape, int outHeight, int outWidth, ResizeParameters p, Span<T> output)
        where T : unmanaged
    {
        var (n, c, h, w) = Dims(shape, p.Layout, outHeight, outWidth);
        var rows = new int[outHeight];
        for (var y = 0; y < outHeight; y++) rows[y] = ResizeGrid.NearestIndex(p.Coordinates, p.Rounding, y, h, outHeight, p.ScaleHeight);
        var cols = new int[outWidth];
        for (var x = 0; x < outWidth; x++) cols[x] = ResizeGrid.NearestIndex(p.Coordinates, p.Rounding, x, w, outWidth, p.ScaleWidth);
        var batch = Enumerable.Range(0, n).ToArray();
        var channels = Enumerable.Range(0, c).ToArray();
        var (maps, view) = p.Layout == Layout.Nchw
            ? (new[] { batch, channels, rows, cols }, new[] { n, c, h, w })
            : (new[] { batch, rows, cols, channels }, new[] { n, h, w, c });
        AxisMapGather.Run(input, view, maps, default, output);
    }

    /// <summary>Bilinear resize of float32 data: the source coordinate is clamped to [0, in-1] and its two neighbours on each axis are weighted.</summary>
    public static unsafe void Bilinear(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, int outHeight, int outWidth, ResizeParameters p, Span<float> output)
    {
        var (n, c, h, w) = Dims(shape, p.Layout, outHeight, outWidth);
        if (input.Length != n * c * h * w || output.Length != n * c * outHeight * outWidth)
        {
            throw new ArgumentException($"Bilinear resize of [{string.Join(", ", shape.ToArray())}] to {outHeight} x {outWidth}: got {input.Length} input and {output.Length} output values.");
        }
        // NCHW is a stack of single-channel planes; NHWC is a stack of images whose pixels are C-vectors.
        var (planes, channels) = p.Layout == Layout.Nchw ? (n * c, 1) : (n, c);
        var plan = new BilinearPlan(
            Axis(p.Coordinates, h, outHeight, p.ScaleHeight),
            Axis(p.Coordinates, w, outWidth, p.ScaleWidth),
            h, w, channels);
        var items = planes * outHeight;
        if (output.Length < 2 * MinElementsPerThread || Parallelism.MaxThreads == 1)
        {
            BilinearRows(input, output, plan, 0, items);
            return;
        }
        fixed (float* inPtr = input)
        fixed (float* outPtr = output)
        {
            var (ip, il, op, ol) = ((nint)inPtr, input.Length, (nint)outPtr, output.Length);
            Parallelism.For(items, Math.Max(1, MinElementsPerThread / (outWidth * channels)), (start, end) =>
                BilinearRows(new ReadOnlySpan<float>((void*)ip, il), new Span<float>((void*)op, ol), plan, start, end));
        }
    }

    /// <summary>Output rows [start, end) of all planes; keeps the two most recent horizontally interpolated input rows.</summary>
    private static void BilinearRows(ReadOnlySpan<float> input, Span<float> output, BilinearPlan plan, int start, int end)
    {
        var outH = plan.Rows.Low.Length;
        var k = plan.Channels;
        var rowLength = plan.Cols.Low.Length * k;
        var top = new float[rowLength];
        var bottom = new float[rowLength];
        var (topKey, bottomKey) = (-1L, -1L);
        for (var item = start; item < end; item++)
        {
            var plane = item / outH;
            var y = item % outH;
            var planeInput = input.Slice(plane * plan.InHeight * plan.InWidth * k, plan.InHeight * plan.InWidth * k);
            var y0 = plan.Rows.Low[y];
            var y1 = plan.Rows.High[y];
            long key0 = (long)plane * plan.InHeight + y0, key1 = (long)plane * plan.InHeight + y1;
            if (key0 == bottomKey)
            {
                (top, bottom) = (bottom, top);
                (topKey, bottomKey) = (bottomKey, topKey);
            }
            if (key0 != topKey)
            {
                Horizontal(planeInput.Slice(y0 * plan.InWidth * k, plan.InWidth * k), plan.Cols, k, top);
                topKey = key0;
            }
            if (key1 != bottomKey && key1 != topKey)
            {
                Horizontal(planeInput.Slice(y1 * plan.InWidth * k, plan.InWidth * k), plan.Cols, k, bottom);
                bottomKey = key1;
            }
            var dst = output.Slice(item * rowLength, rowLength);
            if (key1 == topKey) top.CopyTo(dst);
            else TensorPrimitives.Lerp(top, bottom, plan.Rows.Fraction[y], dst);
        }
    }

    private static void Horizontal(ReadOnlySpan<float> row, AxisWeights cols, int k, Span<float> dst)
    {
        if (k == 1)
        {
            for (var x = 0; x < cols.Low.Length; x++)
            {
                var a = row[cols.Low[x]];
                dst[x] = a + cols.Fraction[x] * (row[cols.High[x]] - a);
            }
            return;
        }
        for (var x = 0; x < cols.Low.Length; x++)
        {
            TensorPrimitives.Lerp(row.Slice(cols.Low[x] * k, k), row.Slice(cols.High[x] * k, k), cols.Fraction[x], dst.Slice(x * k, k));
        }
    }

    private static AxisWeights Axis(ResizeCoordinates mode, int inSize, int outSize, double? scale)
    {
        var low = new int[outSize];
        var high = new int[outSize];
        var fraction = new float[outSize];
        for (var i = 0; i < outSize; i++)
        {
            var x = Math.Clamp(ResizeGrid.SourceCoordinate(mode, i, inSize, outSize, scale), 0, inSize - 1);
            low[i] = (int)Math.Floor(x);
            high[i] = Math.Min(low[i] + 1, inSize - 1);
            fraction[i] = (float)(x - low[i]);
        }
        return new AxisWeights(low, high, fraction);
    }

    private static (int N, int C, int H, int W) Dims(ReadOnlySpan<int> shape, Layout layout, int outHeight, int outWidth)
    {
        var s = new Shape(shape);
        OutputShape(s, layout, outHeight, outWidth);
        var r = s.Rank;
        var dims = layout == Layout.Nchw ? (s.Product(0, r - 3), s[r - 3], s[r - 2], s[r - 1]) : (s.Product(0, r - 3), s[r - 1], s[r - 3], s[r - 2]);
        if (dims.Item3 == 0 || dims.Item4 == 0) throw new ArgumentException($"Resize input {s} has an empty spatial axis.");
        return dims;
    }

    /// <summary>Per output index along one axis: the two input indices and the weight of the higher one.</summary>
    private sealed record AxisWeights(int[] Low, int[] High, float[] Fraction);

    private sealed record BilinearPlan(AxisWeights Rows, AxisWeights Cols, int InHeight, int InWidth, int Channels);
}
