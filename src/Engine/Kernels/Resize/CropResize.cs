using System.Numerics.Tensors;

namespace Parity.Engine.Kernels;

/// <summary>
/// Crop-resize (Core ML NN cropResize, MIL crop_resize): each crop takes one box of one image of an NCHW batch and
/// samples it bilinearly on a target-size grid (<see cref="CropResizeSampling"/>). Per crop the row and column tables
/// are computed once; each output row is a lerp of two horizontally interpolated input rows.
/// </summary>
public static class CropResize
{
    private const int MinElementsPerThread = 1 << 14;

    /// <param name="input">[batch, channels, height, width].</param>
    /// <param name="boxes">[crops, 4] box coordinates in <see cref="CropResizeParameters.BoxFormat"/>.</param>
    /// <param name="images">[crops]: the image of the batch each crop is taken from.</param>
    /// <param name="output">[crops, channels, targetHeight, targetWidth].</param>
    public static unsafe void Run(ReadOnlySpan<float> input, int batch, int channels, int height, int width,
        ReadOnlySpan<float> boxes, ReadOnlySpan<int> images, CropResizeParameters p, Span<float> output)
    {
        var crops = images.Length;
        Check(input.Length, batch, channels, height, width, boxes.Length, images, p, output.Length);
        var plans = new AxisTable[crops * 2];
        for (var m = 0; m < crops; m++)
        {
            var (y0, x0, y1, x1) = PixelBox(boxes.Slice(m * 4, 4), p, height, width);
            plans[2 * m] = Axis(p.Sampling, y0, y1, p.TargetHeight, height);
            plans[2 * m + 1] = Axis(p.Sampling, x0, x1, p.TargetWidth, width);
        }
        var imageOf = images.ToArray();
        var planes = crops * channels;
        var planeSize = p.TargetHeight * p.TargetWidth;
        if (output.Length < 2 * MinElementsPerThread || Parallelism.MaxThreads == 1)
        {
            Planes(input, output, plans, imageOf, channels, height, width, p, 0, planes);
            return;
        }
        fixed (float* inPtr = input)
        fixed (float* outPtr = output)
        {
            var (ip, il, op, ol) = ((nint)inPtr, input.Length, (nint)outPtr, output.Length);
            Parallelism.For(planes, Math.Max(1, MinElementsPerThread / planeSize), (start, end) =>
                Planes(new ReadOnlySpan<float>((void*)ip, il), new Span<float>((void*)op, ol), plans, imageOf, channels, height, width, p, start, end));
        }
    }

    /// <summary>The box in pixel coordinates (y_start, x_start, y_end, x_end): converted to corners, then normalized and spatial scaling.</summary>
    public static (double Y0, double X0, double Y1, double X1) PixelBox(ReadOnlySpan<float> box, CropResizeParameters p, int height, int width)
    {
        double a = box[0], b = box[1], c = box[2], d = box[3];
        var (y0, x0, y1, x1) = p.BoxFormat switch
        {
            CropResizeBoxFormat.CornersHeightFirst => (a, b, c, d),
            CropResizeBoxFormat.CornersWidthFirst => (b, a, d, c),
            CropResizeBoxFormat.CenterSizeHeightFirst => (a - c / 2, b - d / 2, a + c / 2, b + d / 2),
            CropResizeBoxFormat.CenterSizeWidthFirst => (b - d / 2, a - c / 2, b + d / 2, a + c / 2),
            _ => throw new ArgumentOutOfRangeException(nameof(p), p.BoxFormat, "Unknown crop-resize box format."),
        };
        var (sy, sx) = p.NormalizedCoordinates ? ((height - 1) * (double)p.SpatialScale, (width - 1) * (double)p.SpatialScale) : (p.SpatialScale, p.SpatialScale);
        return (y0 * sy, x0 * sx, y1 * sy, x1 * sx);
    }

    private static void Planes(ReadOnlySpan<float> input, Span<float> output, AxisTable[] plans, int[] images, int channels, int height, int width,
        CropResizeParameters p, int start, int end)
    {
        var (outH, outW) = (p.TargetHeight, p.TargetWidth);
        var top = new float[outW];
        var bottom = new float[outW];
        for (var plane = start; plane < end; plane++)
        {
            var crop = plane / channels;
            var rows = plans[2 * crop];
            var cols = plans[2 * crop + 1];
            var source = input.Slice((images[crop] * channels + plane % channels) * height * width, height * width);
            var target = output.Slice(plane * outH * outW, outH * outW);
            for (var y = 0; y < outH; y++)
            {
                var dst = target.Slice(y * outW, outW);
                if (!rows.Inside[y])
                {
                    dst.Fill(p.PadValue);
                    continue;
                }
                Horizontal(source.Slice(rows.Low[y] * width, width), cols, top);
                if (rows.Fraction[y] == 0)
                {
                    top.CopyTo(dst);
                }
                else
                {
                    Horizontal(source.Slice(rows.High[y] * width, width), cols, bottom);
                    TensorPrimitives.Lerp(top, bottom, rows.Fraction[y], dst);
                }
                if (cols.AnyOutside)
                {
                    for (var x = 0; x < outW; x++) if (!cols.Inside[x]) dst[x] = p.PadValue;
                }
            }
        }
    }

    private static void Horizontal(ReadOnlySpan<float> row, AxisTable cols, Span<float> dst)
    {
        for (var x = 0; x < dst.Length; x++)
        {
            var a = row[cols.Low[x]];
            dst[x] = a + cols.Fraction[x] * (row[cols.High[x]] - a);
        }
    }

    /// <summary>Sampling points along one box edge and their neighbours; points outside [0, size-1] are marked for padding.</summary>
    private static AxisTable Axis(CropResizeSampling mode, double start, double end, int n, int size)
    {
        var table = new AxisTable(new int[n], new int[n], new float[n], new bool[n]);
        var length = end - start;
        for (var i = 0; i < n; i++)
        {
            var offset = mode switch
            {
                CropResizeSampling.StrictAlignEndpoints => n > 1 ? i * length / (n - 1) : 0,
                CropResizeSampling.AlignEndpoints => n > 1 ? i * length / (n - 1) : length / 2,
                CropResizeSampling.Upsample => Math.Min(length, i * (length + 1) / n),
                CropResizeSampling.RoiAlign => Math.Min(length, (i + 0.5) * Math.Max(1, length) / n),
                _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown crop-resize sampling."),
            };
            var point = start + offset;
            table.Inside[i] = point >= 0 && point <= size - 1;
            if (!table.Inside[i]) continue;
            table.Low[i] = Math.Min((int)Math.Floor(point), size - 1);
            table.High[i] = Math.Min(table.Low[i] + 1, size - 1);
            table.Fraction[i] = (float)(point - table.Low[i]);
        }
        return table;
    }

    internal static void Check(int inputLength, int batch, int channels, int height, int width, int boxValues, ReadOnlySpan<int> images, CropResizeParameters p, int outputLength)
    {
        if (batch < 1 || channels < 1 || height < 1 || width < 1) throw new ArgumentException($"Crop-resize input [{batch}, {channels}, {height}, {width}] must have positive sizes.");
        if (p.TargetHeight < 1 || p.TargetWidth < 1) throw new ArgumentException($"Crop-resize target {p.TargetHeight} x {p.TargetWidth} must be positive.");
        if (inputLength != batch * channels * height * width) throw new ArgumentException($"Crop-resize input holds {inputLength} values; [{batch}, {channels}, {height}, {width}] needs {batch * channels * height * width}.");
        if (boxValues != images.Length * 4) throw new ArgumentException($"Crop-resize got {boxValues} box values for {images.Length} crops; expected 4 per crop.");
        if (outputLength != images.Length * channels * p.TargetHeight * p.TargetWidth) throw new ArgumentException($"Crop-resize output holds {outputLength} values; expected [{images.Length}, {channels}, {p.TargetHeight}, {p.TargetWidth}].");
        foreach (var image in images)
        {
            if (image < 0 || image >= batch) throw new ArgumentException($"Crop-resize box image index {image} is outside the batch of {batch}.");
        }
    }

    private sealed record AxisTable(int[] Low, int[] High, float[] Fraction, bool[] Inside)
    {
        public bool AnyOutside => Array.IndexOf(Inside, false) >= 0;
    }
}
