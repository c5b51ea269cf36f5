using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;
using Parity.Engine.Ops.Pooling;

namespace Parity.Spec.Keras.Layers;

/// <summary>
/// Max/average pooling 1D, 2D and 3D and their global forms (any rank); Keras's "same" average excludes padding, as
/// TensorFlow's does. 3-D pooling runs on the engine's channels-first op (<see cref="KerasChannelsFirst"/>).
/// </summary>
internal static class KerasPoolingLayers
{
    public static IReadOnlyList<string> MaxPooling2D(KerasLayerContext context) => Pool2D(context, PoolKind.Max);

    public static IReadOnlyList<string> AveragePooling2D(KerasLayerContext context) => Pool2D(context, PoolKind.Average);

    public static IReadOnlyList<string> MaxPooling1D(KerasLayerContext context) => Pool1D(context, PoolKind.Max);

    public static IReadOnlyList<string> AveragePooling1D(KerasLayerContext context) => Pool1D(context, PoolKind.Average);

    public static IReadOnlyList<string> MaxPooling3D(KerasLayerContext context) => Pool3D(context, PoolKind.Max);

    public static IReadOnlyList<string> AveragePooling3D(KerasLayerContext context) => Pool3D(context, PoolKind.Average);

    public static IReadOnlyList<string> GlobalMax(KerasLayerContext context) => Global(context, PoolKind.Max);

    public static IReadOnlyList<string> GlobalAverage(KerasLayerContext context) => Global(context, PoolKind.Average);

    private static IReadOnlyList<string> Pool2D(KerasLayerContext context, PoolKind kind)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var pool = args.Ints(2, [2, 2], "pool_size");
        var strides = args.IsSet("strides") ? args.Ints(2, pool, "strides") : pool;
        var shape = context.ShapeOf(context.Input);
        var (h, w) = layout == Layout.Nhwc ? (shape[1], shape[2]) : (shape[2], shape[3]);
        var mode = KerasPadding.Mode(context);
        var (top, bottom) = KerasPadding.Pads(context, mode, h, pool[0], strides[0], 1);
        var (left, right) = KerasPadding.Pads(context, mode, w, pool[1], strides[1], 1);
        var parameters = new Pool2DParameters(kind, pool[0], pool[1], strides[0], strides[1], top, bottom, left, right, CountPadding: false);
        return [context.Emit("", new Pooling2D(layout, parameters), context.Input)];
    }

    private static IReadOnlyList<string> Pool3D(KerasLayerContext context, PoolKind kind)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var pool = args.Ints(3, [2, 2, 2], "pool_size");
        var strides = args.IsSet("strides") ? args.Ints(3, pool, "strides") : pool;
        var size = KerasChannelsFirst.Spatial(context, layout, 3);
        var mode = KerasPadding.Mode(context);
        var pads = Enumerable.Range(0, 3).Select(a => KerasPadding.Pads(context, mode, size[a], pool[a], strides[a], 1)).ToArray();
        var parameters = new Pool3DParameters(kind, pool[0], pool[1], pool[2], strides[0], strides[1], strides[2],
            pads[0].Before, pads[0].After, pads[1].Before, pads[1].After, pads[2].Before, pads[2].After, CountPadding: false);
        return [KerasChannelsFirst.Emit(context, layout, "", new Pooling3D(parameters), context.Input)];
    }

    private static IReadOnlyList<string> Pool1D(KerasLayerContext context, PoolKind kind)
    {
        var args = context.Args;
        var layout = KerasDataFormat.Of(context);
        var pool = args.Ints(1, [2], "pool_size", "pool_length")[0];
        var stride = args.IsSet("strides", "stride") ? args.Ints(1, [pool], "strides", "stride")[0] : pool;
        var length = context.ShapeOf(context.Input)[layout == Layout.Nhwc ? 1 : 2];
        var (before, after) = KerasPadding.Pads(context, KerasPadding.Mode(context), length, pool, stride, 1);
        return [context.Emit("", new Pooling1D(layout, kind, pool, stride, before, after, countPadding: false), context.Input)];
    }

    private static IReadOnlyList<string> Global(KerasLayerContext context, PoolKind kind)
    {
        var layout = KerasDataFormat.Of(context);
        return [context.Emit("", new GlobalPooling(layout, kind, context.Args.Bool(false, "keepdims")), context.Input)];
    }
}
