using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Resize;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>resizeBilinear (every SamplingMode) and reorganizeData (SPACE_TO_DEPTH, DEPTH_TO_SPACE, PIXEL_SHUFFLE) on [.., C, H, W] blobs.</summary>
internal static class NeuralNetworkResizeLayers
{
    /// <summary>
    /// Bilinear resize of H, W to targetSize ([1, 1] when unset). SamplingMode grids (NeuralNetwork.proto): STRICT_ALIGN_ENDPOINTS
    /// linspace(0, X-1, N); ALIGN_ENDPOINTS the same but the middle (X-1)/2 when N is 1; UPSAMPLE linspace(0, X - X/N, N);
    /// ROI_ALIGN start 0.5 * spacing with spacing max(1, X-1)/N. Coordinates clamp to [0, X-1].
    /// </summary>
    public static IReadOnlyList<string> ResizeBilinear(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.ResizeBilinear;
        var (height, width) = (1, 1);
        if (p.TargetSize.Count != 0)
        {
            if (p.TargetSize.Count != 2) throw context.Error("resizeBilinear.targetSize", $"has {p.TargetSize.Count} values; expected 2 (height, width).");
            (height, width) = (context.Size(p.TargetSize[0], "resizeBilinear.targetSize", 1), context.Size(p.TargetSize[1], "resizeBilinear.targetSize", 1));
        }
        var coordinates = (p.Mode?.SamplingMethod ?? SamplingMode.Types.Method.StrictAlignEndpointsMode) switch
        {
            SamplingMode.Types.Method.StrictAlignEndpointsMode => ResizeCoordinates.AlignCorners,
            SamplingMode.Types.Method.AlignEndpointsMode => ResizeCoordinates.AlignEndpoints,
            SamplingMode.Types.Method.UpsampleMode => ResizeCoordinates.Asymmetric,
            SamplingMode.Types.Method.RoiAlignMode => ResizeCoordinates.RoiAlign,
            var other => throw context.Error("resizeBilinear.mode", $"is {other}; expected one of the four SamplingMode methods."),
        };
        return [context.Emit("", new ResizeOp(ResizeMethod.Bilinear, height, width, new ResizeParameters(Layout.Nchw, coordinates)), context.Input)];
    }

    /// <summary>
    /// DEPTH_TO_SPACE and SPACE_TO_DEPTH use depth-column-row channel order, PIXEL_SHUFFLE column-row-depth (the
    /// worked examples in NeuralNetwork.proto); leading axes beyond [C, H, W] are batch.
    /// </summary>
    public static IReadOnlyList<string> ReorganizeData(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.ReorganizeData;
        var block = context.Size(p.BlockSize, "reorganizeData.blockSize", 2);
        IOperator op = p.Mode switch
        {
            ReorganizeDataLayerParams.Types.ReorganizationType.SpaceToDepth => new SpaceToDepthOp(block, Layout.Nchw, DepthToSpaceMode.Dcr),
            ReorganizeDataLayerParams.Types.ReorganizationType.DepthToSpace => new DepthToSpaceOp(block, Layout.Nchw, DepthToSpaceMode.Dcr),
            ReorganizeDataLayerParams.Types.ReorganizationType.PixelShuffle => new DepthToSpaceOp(block, Layout.Nchw, DepthToSpaceMode.Crd),
            var other => throw context.Error("reorganizeData.mode", $"is {other}; expected SPACE_TO_DEPTH, DEPTH_TO_SPACE or PIXEL_SHUFFLE."),
        };
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank < 3) throw context.Error("input", $"has shape {shape}; reorganizeData needs [.., C, H, W].");
        if (shape.Rank == 4) return [context.Emit("", op, context.Input)];
        var batch = shape.Product(0, shape.Rank - 3);
        var folded = context.Emit("nchw", new ReshapeOp([batch, shape[^3], shape[^2], shape[^1]]), context.Input);
        var moved = context.Emit("moved", op, folded);
        var result = context.ShapeOf(moved);
        int[] back = [.. shape.Dims[..^3], result[1], result[2], result[3]];
        return [context.Emit("", new ReshapeOp(back), moved)];
    }
}
