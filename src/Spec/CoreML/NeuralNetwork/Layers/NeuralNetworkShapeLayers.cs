using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Resize;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>flatten (CHANNEL_FIRST / CHANNEL_LAST), reshape (both modes), reshapeStatic, transpose and upsample.</summary>
internal static class NeuralNetworkShapeLayers
{
    /// <summary>[Seq, C, H, W] -> [Seq, C*H*W, 1, 1] (each step alone); CHANNEL_LAST reads the values in H, W, C order first.</summary>
    public static IReadOnlyList<string> Flatten(NeuralNetworkLayerContext context)
    {
        var input = context.Input;
        var shape = context.ShapeOf(input);
        if (shape.Rank != 4) throw context.Error("input", $"has shape {shape}; flatten needs a [Seq, C, H, W] blob.");
        if (context.Layer.Flatten.Mode == FlattenLayerParams.Types.FlattenOrder.ChannelLast)
        {
            input = context.Emit("channel_last", new TransposeOp([0, 2, 3, 1]), input);
        }
        return [context.Emit("", new ReshapeOp([shape[0], shape[1] * shape[2] * shape[3], 1, 1]), input)];
    }

    /// <summary>
    /// The original reshape's targetShape is [C, H, W] (each sequence step reshaped alone) or [Seq, C, H, W] (the whole
    /// blob, so it can make or remove a sequence axis); CHANNEL_LAST reads and writes the values of each step in H, W, C order.
    /// </summary>
    public static IReadOnlyList<string> Reshape(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Reshape;
        var input = context.Input;
        var shape = context.ShapeOf(input);
        if (shape.Rank != 4) throw context.Error("input", $"has shape {shape}; reshape needs a [Seq, C, H, W] blob.");
        var target = p.TargetShape.Select(d => context.Size(d < 0 ? 0 : (ulong)d, "reshape.targetShape", 1)).ToArray();
        if (target.Length is not (3 or 4)) throw context.Error("reshape.targetShape", $"is [{string.Join(", ", p.TargetShape)}]; expected [C, H, W] or [Seq, C, H, W].");
        var steps = target.Length == 4 ? target[0] : shape[0];
        if (target.Length == 4) target = target[1..];
        if (p.Mode == ReshapeLayerParams.Types.ReshapeOrder.ChannelFirst)
        {
            return [context.Emit("", new ReshapeOp([steps, target[0], target[1], target[2]]), input)];
        }
        var last = context.Emit("channel_last", new TransposeOp([0, 2, 3, 1]), input);
        var reshaped = context.Emit("reshaped", new ReshapeOp([steps, target[1], target[2], target[0]]), last);
        return [context.Emit("", new TransposeOp([0, 3, 1, 2]), reshaped)];
    }

    public static IReadOnlyList<string> ReshapeStatic(NeuralNetworkLayerContext context) =>
        [context.Emit("", new ReshapeOp(context.Layer.ReshapeStatic.TargetShape.Select(d => checked((int)d)).ToArray()), context.Input)];

    public static IReadOnlyList<string> Transpose(NeuralNetworkLayerContext context) =>
        [context.Emit("", new TransposeOp(context.Layer.Transpose.Axes.Select(a => checked((int)a)).ToArray()), context.Input)];

    /// <summary>
    /// Nearest neighbour or bilinear upsampling of H and W by integer (or fractional) factors; bilinear sampling
    /// follows linearUpsampleMode (DEFAULT: src = dst * in / out; ALIGN_CORNERS_TRUE; ALIGN_CORNERS_FALSE: half-pixel).
    /// </summary>
    public static IReadOnlyList<string> Upsample(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Upsample;
        var input = context.Input;
        double sh, sw;
        if (p.FractionalScalingFactor.Count > 0)
        {
            if (p.FractionalScalingFactor.Count != 2) throw context.Error("upsample.fractionalScalingFactor", $"has {p.FractionalScalingFactor.Count} values; expected 2.");
            (sh, sw) = (p.FractionalScalingFactor[0], p.FractionalScalingFactor[1]);
        }
        else
        {
            (var h, var w) = NeuralNetworkConvolutionLayers.Pair(context, p.ScalingFactor, 1, "upsample.scalingFactor");
            (sh, sw) = (h, w);
        }
        var method = p.Mode == UpsampleLayerParams.Types.InterpolationMode.Bilinear ? ResizeMethod.Bilinear : ResizeMethod.Nearest;
        var coordinates = method == ResizeMethod.Nearest ? ResizeCoordinates.Asymmetric : p.LinearUpsampleMode switch
        {
            UpsampleLayerParams.Types.LinearUpsampleMode.AlignCornersTrue => ResizeCoordinates.AlignCorners,
            UpsampleLayerParams.Types.LinearUpsampleMode.AlignCornersFalse => ResizeCoordinates.HalfPixel,
            _ => ResizeCoordinates.Asymmetric,
        };
        var parameters = new ResizeParameters(Layout.Nchw, coordinates, NearestRounding.Floor, sh, sw);
        return [context.Emit("", new UpsampleOp(method, sh, sw, parameters), input)];
    }
}
