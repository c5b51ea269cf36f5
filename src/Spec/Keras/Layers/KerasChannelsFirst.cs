using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;

namespace Parity.Spec.Keras.Layers;

/// <summary>
/// Runs a channels-first engine op (the 3-D convolutions and pooling) for a layer of either data_format: a
/// channels_last input is moved to [N, C, spatial...] before the op and the result moved back, so the layer's value keeps
/// Keras's layout.
/// </summary>
internal static class KerasChannelsFirst
{
    /// <summary>Emits <paramref name="op"/> on <paramref name="input"/>; the returned value is named <paramref name="step"/>.</summary>
    public static string Emit(KerasLayerContext context, Layout layout, string step, IOperator op, string input)
    {
        if (layout == Layout.Nchw) return context.Emit(step, op, input);
        var rank = context.ShapeOf(input).Rank;
        int[] toFirst = [0, rank - 1, .. Enumerable.Range(1, rank - 2)];
        int[] toLast = [0, .. Enumerable.Range(2, rank - 2), 1];
        var prefix = step.Length == 0 ? "" : step + "/";
        var first = context.Emit(prefix + "channels_first", new TransposeOp(toFirst), input);
        var result = context.Emit(prefix + "channels_first_" + op.Kind, op, first);
        return context.Emit(step, new TransposeOp(toLast), result);
    }

    /// <summary>The spatial sizes of a [N, spatial..., C] or [N, C, spatial...] shape.</summary>
    public static int[] Spatial(KerasLayerContext context, Layout layout, int spatialAxes)
    {
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank != spatialAxes + 2) throw context.Args.Error($"expects a rank-{spatialAxes + 2} input; got {shape}.");
        var start = layout == Layout.Nhwc ? 1 : 2;
        return Enumerable.Range(start, spatialAxes).Select(a => shape[a]).ToArray();
    }
}
