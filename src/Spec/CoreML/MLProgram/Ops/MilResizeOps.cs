using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Resize;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// resize_bilinear, resize_nearest_neighbor, pixel_shuffle, pixel_unshuffle, space_to_depth and depth_to_space on
/// channels-first data (MIL image_resizing.py, tensor_transformation.py).
/// </summary>
internal static class MilResizeOps
{
    /// <summary>
    /// resize_bilinear(x [..., H, W], target_size_height, target_size_width, sampling_mode = "DEFAULT"); the modes map to
    /// <see cref="ResizeCoordinates"/> as the op's docstring defines them (each member of that enum cites its mode).
    /// </summary>
    public static void ResizeBilinear(MilOpContext context)
    {
        var mode = context.String("sampling_mode", "DEFAULT");
        var coordinates = mode switch
        {
            "DEFAULT" => ResizeCoordinates.Asymmetric,
            "STRICT_ALIGN_CORNERS" => ResizeCoordinates.AlignCorners,
            "ALIGN_CORNERS" => ResizeCoordinates.AlignEndpoints,
            "UNALIGN_CORNERS" => ResizeCoordinates.HalfPixel,
            "OFFSET_CORNERS" => ResizeCoordinates.RoiAlign,
            _ => throw context.Error("sampling_mode", $"is '{mode}'; expected DEFAULT, STRICT_ALIGN_CORNERS, ALIGN_CORNERS, UNALIGN_CORNERS or OFFSET_CORNERS."),
        };
        Resize(context, ResizeMethod.Bilinear, new ResizeParameters(Layout.Nchw, coordinates));
    }

    /// <summary>
    /// resize_nearest_neighbor(x [..., H, W], target_size_height, target_size_width): the docstring gives no coordinate
    /// rule; this takes src = floor(dst · in / out), the rule of its TensorFlow source op (ResizeNearestNeighbor without
    /// align_corners or half_pixel_centers) and of the NeuralNetwork upsample it is paired with.
    /// </summary>
    public static void ResizeNearestNeighbor(MilOpContext context) =>
        Resize(context, ResizeMethod.Nearest, new ResizeParameters(Layout.Nchw, ResizeCoordinates.Asymmetric, NearestRounding.Floor));

    /// <summary>pixel_shuffle(x [N, C·f², H, W], upscale_factor f): PyTorch's channel order (CRD).</summary>
    public static void PixelShuffle(MilOpContext context) =>
        context.Emit(new DepthToSpaceOp(Factor(context, "upscale_factor"), Layout.Nchw, DepthToSpaceMode.Crd), Rank4(context));

    /// <summary>pixel_unshuffle(x [N, C, H·f, W·f], downscale_factor f) (iOS 16): PyTorch's channel order (CRD).</summary>
    public static void PixelUnshuffle(MilOpContext context) =>
        context.Emit(new SpaceToDepthOp(Factor(context, "downscale_factor"), Layout.Nchw, DepthToSpaceMode.Crd), Rank4(context));

    /// <summary>space_to_depth(x [N, C, H, W], block_size): TensorFlow's channel order (DCR).</summary>
    public static void SpaceToDepth(MilOpContext context) =>
        context.Emit(new SpaceToDepthOp(Factor(context, "block_size"), Layout.Nchw, DepthToSpaceMode.Dcr), Rank4(context));

    /// <summary>depth_to_space(x [N, C·b², H, W], block_size): TensorFlow's channel order (DCR).</summary>
    public static void DepthToSpace(MilOpContext context) =>
        context.Emit(new DepthToSpaceOp(Factor(context, "block_size"), Layout.Nchw, DepthToSpaceMode.Dcr), Rank4(context));

    private static void Resize(MilOpContext context, ResizeMethod method, ResizeParameters parameters)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        if (rank < 3) throw context.Error("x", $"has rank {rank}; resizing needs rank 3 or more ([..., H, W]).");
        var (height, width) = (context.Int("target_size_height"), context.Int("target_size_width"));
        if (height < 1 || width < 1) throw context.Error("target_size_height", $"and target_size_width are {height} and {width}; both must be at least 1.");
        context.Emit(new ResizeOp(method, height, width, parameters), x);
    }

    private static int Factor(MilOpContext context, string argument)
    {
        var factor = context.Int(argument);
        return factor >= 1 ? factor : throw context.Error(argument, $"is {factor}; expected at least 1.");
    }

    private static string Rank4(MilOpContext context)
    {
        var x = context.Input("x");
        var rank = context.ShapeOf(x).Rank;
        return rank == 4 ? x : throw context.Error("x", $"has rank {rank}; expected [N, C, H, W].");
    }
}
