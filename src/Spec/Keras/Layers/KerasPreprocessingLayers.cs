using System.Text.Json.Nodes;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Resize;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras.Layers;

/// <summary>
/// The preprocessing layers that live inside image models: Rescaling, Normalization, CenterCrop and Resizing, with the
/// arithmetic of tf-keras (tf_keras/layers/preprocessing/) and Keras 3 (keras/src/layers/preprocessing/) on the
/// TensorFlow backend. Each computes in float32, as both cast their inputs to the float compute dtype.
/// </summary>
internal static class KerasPreprocessingLayers
{
    /// <summary>Keras' backend.epsilon(), the floor Normalization puts under sqrt(variance).</summary>
    private const float BackendEpsilon = 1e-7f;

    /// <summary>Rescaling: x * scale + offset, two float32 roundings as TensorFlow does them; scale and offset may be arrays (Keras 3).</summary>
    public static IReadOnlyList<string> Rescaling(KerasLayerContext context)
    {
        var scale = context.Emit("scale_value", new Constant(Values(context, "scale", fallback: null)));
        var offset = context.Emit("offset_value", new Constant(Values(context, "offset", fallback: 0f)));
        var scaled = context.Emit("scale", new BinaryArithmetic(BinaryKind.Multiply), Float32(context, context.Input), scale);
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Add), scaled, offset)];
    }

    /// <summary>
    /// Normalization: (x - mean) / max(sqrt(variance), 1e-7), or with invert mean + x * max(sqrt(variance), 1e-7). Mean and
    /// variance hold one value per position of the kept axes ("axis"; null keeps none); they come from the config when
    /// given there (broadcast like NumPy, aligned to the last kept axes) and otherwise from the adapted weights
    /// mean, variance (and count, unused).
    /// </summary>
    public static IReadOnlyList<string> Normalization(KerasLayerContext context)
    {
        var args = context.Args;
        var shape = context.ShapeOf(context.Input);
        var keep = KeptAxes(context, shape);
        var keptShape = new Shape(keep.Select(a => shape[a]).ToArray());
        var (mean, variance) = args.IsSet("mean") || args.IsSet("variance")
            ? (Broadcast(context, "mean", Values(context, "mean", null), keptShape), Broadcast(context, "variance", Values(context, "variance", null), keptShape))
            : (AdaptedWeight(context, 0, keptShape), AdaptedWeight(context, 1, keptShape));
        var broadcastShape = new Shape(Enumerable.Range(0, shape.Rank).Select(a => keep.Contains(a) ? shape[a] : 1).ToArray());
        // sqrt and max in float32, as TensorFlow evaluates them on the float32 variance.
        var divisor = variance.Floats.ToArray().Select(v => MathF.Max(MathF.Sqrt(v), BackendEpsilon)).ToArray();
        var meanValue = context.Emit("mean", new Constant(Tensor.FromArray(mean.Floats.ToArray(), broadcastShape.Dims.ToArray())));
        var divisorValue = context.Emit("divisor", new Constant(Tensor.FromArray(divisor, broadcastShape.Dims.ToArray())));
        var x = Float32(context, context.Input);
        if (args.Bool(false, "invert"))
        {
            var spread = context.Emit("spread", new BinaryArithmetic(BinaryKind.Multiply), x, divisorValue);
            return [context.Emit("", new BinaryArithmetic(BinaryKind.Add), meanValue, spread)];
        }
        var centered = context.Emit("centered", new BinaryArithmetic(BinaryKind.Subtract), x, meanValue);
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Divide), centered, divisorValue)];
    }

    /// <summary>
    /// CenterCrop: an image at least as large as the target loses floor(diff / 2) rows/columns before and the rest after;
    /// a smaller one is cropped to the target aspect ratio and resized bilinearly (Keras' smart_resize).
    /// </summary>
    public static IReadOnlyList<string> CenterCrop(KerasLayerContext context)
    {
        var layout = KerasDataFormat.Of(context);
        var (height, width) = (context.Args.Int("height"), context.Args.Int("width"));
        var x = Float32(context, context.Input);
        var (h, w) = ImageSize(context, layout);
        if (h >= height && w >= width)
        {
            return [CropWindow(context, layout, "", x, (h - height) / 2, (w - width) / 2, height, width)];
        }
        var cropped = CropToAspectRatio(context, layout, x, height, width);
        return [context.Emit("", new ResizeOp(ResizeMethod.Bilinear, height, width, TensorFlowResize(layout)), cropped)];
    }

    /// <summary>
    /// Resizing: tf.image.resize (TF2), i.e. half-pixel centers; bilinear clamps to the edge pixels, nearest copies input
    /// floor((dst + 0.5) * in / out). crop_to_aspect_ratio crops as smart_resize does first. Other interpolations,
    /// pad_to_aspect_ratio and antialias are not executed.
    /// </summary>
    public static IReadOnlyList<string> Resizing(KerasLayerContext context)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var (height, width) = (args.Int("height"), args.Int("width"));
        var method = args.String("bilinear", "interpolation") switch
        {
            "bilinear" => ResizeMethod.Bilinear,
            "nearest" => ResizeMethod.Nearest,
            var other => throw Unsupported(context, $"interpolation '{other}' is not supported (only bilinear and nearest)."),
        };
        if (args.Bool(false, "pad_to_aspect_ratio")) throw Unsupported(context, "pad_to_aspect_ratio=True is not supported.");
        if (args.Bool(false, "antialias")) throw Unsupported(context, "antialias=True is not supported.");
        if (context.KerasMajorVersion >= 3 && context.TypeOf(context.Input).DType is not (DType.Float32 or DType.Float16 or DType.Float64))
        {
            throw Unsupported(context, $"a {context.TypeOf(context.Input).DType} input is not supported (Keras 3 rounds the result back to the input type).");
        }
        var x = Float32(context, context.Input);
        ImageSize(context, layout);
        if (args.Bool(false, "crop_to_aspect_ratio")) x = CropToAspectRatio(context, layout, x, height, width);
        return [context.Emit("", new ResizeOp(method, height, width, TensorFlowResize(layout)), x)];
    }

    /// <summary>TF2 tf.image.resize: half_pixel_centers=True, and its nearest rounding floor(src + 0.5).</summary>
    private static ResizeParameters TensorFlowResize(Layout layout) => new(layout, ResizeCoordinates.HalfPixel, NearestRounding.RoundPreferCeil);

    /// <summary>
    /// smart_resize's crop: the largest centred window with the target aspect ratio, crop height floor(w * th / tw) and
    /// width floor(h * tw / th), each at most the image size and at least 1, started at floor((size - crop) / 2).
    /// </summary>
    private static string CropToAspectRatio(KerasLayerContext context, Layout layout, string x, int targetHeight, int targetWidth)
    {
        var (h, w) = ImageSize(context, layout);
        var cropHeight = (int)Math.Clamp((long)w * targetHeight / targetWidth, 1, h);
        var cropWidth = (int)Math.Clamp((long)h * targetWidth / targetHeight, 1, w);
        if (cropHeight == h && cropWidth == w) return x;
        return CropWindow(context, layout, "aspect_crop", x, (h - cropHeight) / 2, (w - cropWidth) / 2, cropHeight, cropWidth);
    }

    private static string CropWindow(KerasLayerContext context, Layout layout, string step, string x, int top, int left, int height, int width)
    {
        var (h, w) = ImageSize(context, layout);
        var (bottom, right) = (h - height - top, w - width - left);
        var (begin, end) = layout == Layout.Nhwc
            ? (new[] { 0, top, left, 0 }, new[] { 0, bottom, right, 0 })
            : ([0, 0, top, left], [0, 0, bottom, right]);
        return context.Emit(step, new CropOp(begin, end), x);
    }

    private static (int Height, int Width) ImageSize(KerasLayerContext context, Layout layout)
    {
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank != 4) throw context.Args.Error($"expects a batch of images (rank 4); got {shape}.");
        if (context.Args.Int("height") < 1 || context.Args.Int("width") < 1)
        {
            throw context.Args.Error($"target size {context.Args.Int("height")} x {context.Args.Int("width")} must be positive.");
        }
        return layout == Layout.Nhwc ? (shape[1], shape[2]) : (shape[2], shape[3]);
    }

    private static string Float32(KerasLayerContext context, string value) =>
        context.TypeOf(value).DType == DType.Float32 ? value : context.Emit("float32", new Cast(DType.Float32), value);

    /// <summary>The kept axes of Normalization, non-negative and sorted: an int, a list, or null for none.</summary>
    private static int[] KeptAxes(KerasLayerContext context, Shape shape)
    {
        var node = context.Args.Find("axis");
        int[] axes;
        try
        {
            axes = node switch
            {
                null => [-1],
                JsonArray list => list.Select(a => a!.GetValue<int>()).ToArray(),
                JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Null => [],
                JsonValue v => [v.GetValue<int>()],
                _ => throw context.Args.Fail(["axis"], $"has {node.ToJsonString()}; expected an int, a list of ints or null"),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw context.Args.Fail(["axis"], $"has {node!.ToJsonString()}; expected an int, a list of ints or null");
        }
        foreach (var axis in axes)
        {
            if (axis < -shape.Rank || axis >= shape.Rank) throw context.Args.Fail(["axis"], $"has {axis}, outside the input's rank {shape.Rank}");
        }
        return axes.Select(a => a < 0 ? a + shape.Rank : a).Distinct().Order().ToArray();
    }

    /// <summary>An adapted mean or variance: one value per kept position, in whatever shape of that size the file stored it.</summary>
    private static Tensor AdaptedWeight(KerasLayerContext context, int index, Shape kept)
    {
        var weight = context.Weight(index);
        return weight.Shape.ElementCount == kept.ElementCount ? weight.Reshape(kept) : context.Weight(index, kept);
    }

    /// <summary>A config value broadcast to <paramref name="target"/> the NumPy way (trailing axes aligned, size-1 axes repeated).</summary>
    private static Tensor Broadcast(KerasLayerContext context, string key, Tensor value, Shape target)
    {
        var source = value.Shape;
        var result = new float[target.ElementCount];
        var offset = target.Rank - source.Rank;
        if (offset < 0 || Enumerable.Range(0, source.Rank).Any(a => source[a] != 1 && source[a] != target[offset + a]))
        {
            throw context.Args.Fail([key], $"has shape {source}, which does not broadcast to the kept axes' shape {target}");
        }
        var values = value.Floats;
        var index = new int[target.Rank];
        for (var i = 0; i < result.Length; i++)
        {
            var rest = i;
            for (var a = target.Rank - 1; a >= 0; a--)
            {
                index[a] = rest % target[a];
                rest /= target[a];
            }
            var flat = 0;
            for (var a = 0; a < source.Rank; a++) flat = flat * source[a] + (source[a] == 1 ? 0 : index[offset + a]);
            result[i] = values[flat];
        }
        return Tensor.FromArray(result, target.Dims.ToArray());
    }

    /// <summary>
    /// A number or (nested) list from the config as a float32 tensor; Keras 3 writes NumPy arrays as
    /// {"class_name": "__numpy__", "config": {"value": ...}}. A missing or null key gives <paramref name="fallback"/>.
    /// </summary>
    private static Tensor Values(KerasLayerContext context, string key, float? fallback)
    {
        var node = context.Args.IsSet(key) ? context.Args.Find(key) : null;
        if (node is JsonObject wrapped && wrapped["config"]?["value"] is { } inner) node = inner;
        if (node is null)
        {
            return fallback is { } f ? Tensor.FromArray([f]) : throw context.Args.Fail([key], "is missing; expected a number or a list of numbers");
        }
        try
        {
            var dims = new List<int>();
            for (var level = node; level is JsonArray list; level = list.Count > 0 ? list[0] : null) dims.Add(list.Count);
            var values = new List<float>();
            Flatten(node, 0);
            return Tensor.FromArray([.. values], [.. dims]);

            void Flatten(JsonNode? n, int depth)
            {
                if (n is JsonArray list)
                {
                    if (depth >= dims.Count || list.Count != dims[depth]) throw new FormatException("ragged");
                    foreach (var item in list) Flatten(item, depth + 1);
                    return;
                }
                if (depth != dims.Count) throw new FormatException("ragged");
                values.Add((float)n!.GetValue<double>());
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw context.Args.Fail([key], $"has {node.ToJsonString()}; expected a number or a rectangular list of numbers");
        }
    }

    private static UnsupportedLayerException Unsupported(KerasLayerContext context, string reason) =>
        new(context.File.Path, new UnsupportedLayer(context.Args.Layer, context.Args.ClassName, reason));
}
