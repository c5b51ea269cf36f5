using Parity.Engine.Kernels;
using Parity.Engine.Ops.Resize;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>upsample_nearest_neighbor and upsample_bilinear on [..., H, W] by scale factors (MIL image_resizing.py).</summary>
internal static class MilResizeOps
{
    /// <summary>Output floor(size * factor); each output pixel takes input pixel floor(dst / factor).</summary>
    public static void UpsampleNearestNeighbor(MilOpContext context)
    {
        var (height, width) = Factors(context);
        context.Emit(new UpsampleOp(ResizeMethod.Nearest, height, width,
            new ResizeParameters(Layout.Nchw, ResizeCoordinates.Asymmetric, NearestRounding.Floor, height, width)), context.Input("x"));
    }

    /// <summary>
    /// align_corners (default false) samples src = dst * (in - 1) / (out - 1); otherwise half_pixel_centers (iOS 16+,
    /// default: not align_corners) picks src = (dst + 0.5) / factor - 0.5, else src = dst / factor.
    /// </summary>
    public static void UpsampleBilinear(MilOpContext context)
    {
        var (height, width) = Factors(context);
        var alignCorners = context.Bool("align_corners", false);
        var halfPixel = context.Bool("half_pixel_centers", !alignCorners);
        if (alignCorners && halfPixel) throw context.Error("half_pixel_centers", "is true together with align_corners; MIL allows at most one of them.");
        var coordinates = alignCorners ? ResizeCoordinates.AlignCorners : halfPixel ? ResizeCoordinates.HalfPixel : ResizeCoordinates.Asymmetric;
        context.Emit(new UpsampleOp(ResizeMethod.Bilinear, height, width,
            new ResizeParameters(Layout.Nchw, coordinates, NearestRounding.Floor, height, width)), context.Input("x"));
    }

    private static (double Height, double Width) Factors(MilOpContext context)
    {
        var height = context.Float("scale_factor_height", 1f);
        var width = context.Float("scale_factor_width", 1f);
        if (!(height > 0) || !(width > 0)) throw context.Error("scale_factor_height", $"and scale_factor_width are {height} and {width}; factors must be positive.");
        return (height, width);
    }
}
