using System.Text.Json.Nodes;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Resize;

namespace Parity.Spec.Keras.Layers;

/// <summary>ZeroPadding1D/2D/3D, Cropping1D/2D/3D and UpSampling1D/2D/3D.</summary>
internal static class KerasReshapingLayers
{
    public static IReadOnlyList<string> ZeroPadding2D(KerasLayerContext context)
    {
        var ((top, bottom), (left, right)) = Pairs2D(context, "padding", 1);
        var (before, after) = Spatial2D(context, top, bottom, left, right);
        return [context.Emit("", new PadOp(before, after, PadMode.Constant), context.Input)];
    }

    public static IReadOnlyList<string> Cropping2D(KerasLayerContext context)
    {
        var ((top, bottom), (left, right)) = Pairs2D(context, "cropping", 0);
        var (begin, end) = Spatial2D(context, top, bottom, left, right);
        return [context.Emit("", new CropOp(begin, end), context.Input)];
    }

    public static IReadOnlyList<string> ZeroPadding3D(KerasLayerContext context)
    {
        var (before, after) = Spatial3D(context, Pairs3D(context, "padding", 1));
        return [context.Emit("", new PadOp(before, after, PadMode.Constant), context.Input)];
    }

    public static IReadOnlyList<string> Cropping3D(KerasLayerContext context)
    {
        var (begin, end) = Spatial3D(context, Pairs3D(context, "cropping", 0));
        return [context.Emit("", new CropOp(begin, end), context.Input)];
    }

    /// <summary>
    /// UpSampling3D repeats each voxel size[0] x size[1] x size[2] times (Keras repeat_elements on the depth, height and
    /// width axes): every spatial axis gets a unit axis after it, which is tiled, and the pairs are merged back.
    /// </summary>
    public static IReadOnlyList<string> UpSampling3D(KerasLayerContext context)
    {
        var size = context.Args.Ints(3, [2, 2, 2], "size");
        var layout = KerasDataFormat.Of(context);
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank != 5) throw context.Args.Error($"expects a rank-5 input; got {shape}.");
        var first = layout == Layout.Nhwc ? 1 : 2;
        var split = new List<int>();
        var repeats = new List<int>();
        var merged = shape.Dims.ToArray();
        for (var axis = 0; axis < 5; axis++)
        {
            split.Add(shape[axis]);
            repeats.Add(1);
            if (axis < first || axis >= first + 3) continue;
            split.Add(1);
            repeats.Add(size[axis - first]);
            merged[axis] *= size[axis - first];
        }
        var expanded = context.Emit("expand", new ReshapeOp([.. split]), context.Input);
        var tiled = context.Emit("tile", new TileOp([.. repeats]), expanded);
        return [context.Emit("", new ReshapeOp(merged), tiled)];
    }

    /// <summary>ZeroPadding1D pads the time axis of [batch, steps, features].</summary>
    public static IReadOnlyList<string> ZeroPadding1D(KerasLayerContext context)
    {
        var (left, right) = Pair(context, "padding", 1);
        return [context.Emit("", new PadOp([0, left, 0], [0, right, 0], PadMode.Constant), context.Input)];
    }

    public static IReadOnlyList<string> Cropping1D(KerasLayerContext context)
    {
        var (left, right) = Pair(context, "cropping", 0);
        return [context.Emit("", new CropOp([0, left, 0], [0, right, 0]), context.Input)];
    }

    /// <summary>
    /// UpSampling2D: "nearest" repeats rows and columns (floor(dst / factor)); "bilinear" follows the resize of its era:
    /// TF2-era Keras (tf.keras "-tf" versions, Keras 3) samples at half-pixel centers, Keras 2 on TF1 did not.
    /// </summary>
    public static IReadOnlyList<string> UpSampling2D(KerasLayerContext context)
    {
        var args = context.Args;
        var size = args.Ints(2, [2, 2], "size");
        var layout = KerasDataFormat.Of(context);
        var bilinear = args.String("nearest", "interpolation") switch
        {
            "nearest" => false,
            "bilinear" => true,
            var other => throw new UnsupportedLayerException(context.File.Path, new UnsupportedLayer(args.Layer, args.ClassName, $"interpolation '{other}' is not supported.")),
        };
        var halfPixel = context.KerasMajorVersion >= 3 || context.File.KerasVersion.EndsWith("-tf", StringComparison.Ordinal);
        var parameters = new ResizeParameters(layout, bilinear && halfPixel ? ResizeCoordinates.HalfPixel : ResizeCoordinates.Asymmetric);
        var method = bilinear ? ResizeMethod.Bilinear : ResizeMethod.Nearest;
        return [context.Emit("", new UpsampleOp(method, size[0], size[1], parameters), context.Input)];
    }

    /// <summary>UpSampling1D repeats each step of [batch, steps, features] <c>size</c> times.</summary>
    public static IReadOnlyList<string> UpSampling1D(KerasLayerContext context)
    {
        var size = context.Args.Int(2, "size", "length");
        var shape = context.ShapeOf(context.Input);
        var expanded = context.Emit("expand", new ExpandDimsOp([2]), context.Input);
        var tiled = context.Emit("tile", new TileOp([1, 1, size, 1]), expanded);
        return [context.Emit("", new ReshapeOp([shape[0], shape[1] * size, shape[2]]), tiled)];
    }

    private static (int[] Before, int[] After) Spatial2D(KerasLayerContext context, int top, int bottom, int left, int right) =>
        KerasDataFormat.Of(context) == Layout.Nhwc
            ? ([0, top, left, 0], [0, bottom, right, 0])
            : ([0, 0, top, left], [0, 0, bottom, right]);

    private static (int[] Before, int[] After) Spatial3D(KerasLayerContext context, (int Before, int After)[] pairs)
    {
        var first = KerasDataFormat.Of(context) == Layout.Nhwc ? 1 : 2;
        var (before, after) = (new int[5], new int[5]);
        for (var a = 0; a < 3; a++) (before[first + a], after[first + a]) = pairs[a];
        return (before, after);
    }

    // An int, (symmetric_depth, symmetric_height, symmetric_width) or ((front, back), (top, bottom), (left, right)).
    private static (int, int)[] Pairs3D(KerasLayerContext context, string key, int fallback)
    {
        var node = context.Args.Find(key);
        try
        {
            switch (node)
            {
                case null:
                    return [(fallback, fallback), (fallback, fallback), (fallback, fallback)];
                case JsonValue v:
                    var n = v.GetValue<int>();
                    return [(n, n), (n, n), (n, n)];
                case JsonArray { Count: 3 } list when list.All(e => e is JsonValue):
                    return list.Select(e => (e!.GetValue<int>(), e.GetValue<int>())).ToArray();
                case JsonArray { Count: 3 } list when list.All(e => e is JsonArray { Count: 2 }):
                    return list.Select(e => (e![0]!.GetValue<int>(), e[1]!.GetValue<int>())).ToArray();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw Malformed();
        }
        throw Malformed();

        ModelFormatException Malformed() =>
            context.Args.Fail([key], $"has {node!.ToJsonString()}; expected an int, (d, h, w) or ((front, back), (top, bottom), (left, right))");
    }

    // An int, (symmetric_height, symmetric_width) or ((top, bottom), (left, right)).
    private static ((int, int), (int, int)) Pairs2D(KerasLayerContext context, string key, int fallback)
    {
        switch (context.Args.Find(key))
        {
            case null:
                return ((fallback, fallback), (fallback, fallback));
            case JsonValue v:
                var n = v.GetValue<int>();
                return ((n, n), (n, n));
            case JsonArray { Count: 2 } list when list[0] is JsonValue && list[1] is JsonValue:
                var (h, w) = (list[0]!.GetValue<int>(), list[1]!.GetValue<int>());
                return ((h, h), (w, w));
            case JsonArray { Count: 2 } list when list[0] is JsonArray { Count: 2 } a && list[1] is JsonArray { Count: 2 } b:
                return ((a[0]!.GetValue<int>(), a[1]!.GetValue<int>()), (b[0]!.GetValue<int>(), b[1]!.GetValue<int>()));
            case var other:
                throw context.Args.Fail([key], $"has {other.ToJsonString()}; expected an int, (h, w) or ((top, bottom), (left, right))");
        }
    }

    private static (int, int) Pair(KerasLayerContext context, string key, int fallback) => context.Args.Find(key) switch
    {
        null => (fallback, fallback),
        JsonValue v => (v.GetValue<int>(), v.GetValue<int>()),
        JsonArray { Count: 2 } list => (list[0]!.GetValue<int>(), list[1]!.GetValue<int>()),
        var other => throw context.Args.Fail([key], $"has {other.ToJsonString()}; expected an int or (left, right)"),
    };
}
