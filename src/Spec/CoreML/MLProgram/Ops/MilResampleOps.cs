using Parity.Engine.Kernels;
using Parity.Engine.Ops.Resize;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// resample and affine (MIL image_resizing.py; PyTorch's grid_sample and affine_grid + grid_sample convert to them):
/// x [B, C, H, W] sampled at coordinates [B, H2, W2, 2], given or made from an affine transform per image.
/// </summary>
internal static class MilResampleOps
{
    /// <summary>
    /// resample(x, coordinates, sampling_mode, padding_mode, padding_value, coordinates_mode, align_corners), every
    /// setting as the op's docstring defines it (see <see cref="GridSampleParameters"/>).
    /// </summary>
    public static void Resample(MilOpContext context) => context.Emit(new GridSampleOp(Parameters(context)), context.Input("x"), context.Input("coordinates"));

    /// <summary>
    /// affine(x, transform_matrix [B, 6], output_height, output_width, then resample's settings): the grid of
    /// <see cref="AffineGridOp"/> (with the op's align_corners), sampled as resample does.
    /// </summary>
    public static void Affine(MilOpContext context)
    {
        var parameters = Parameters(context);
        var grid = context.EmitStep("grid", new AffineGridOp(context.Int("output_height"), context.Int("output_width"), parameters.AlignCorners), context.Input("transform_matrix"));
        context.Emit(new GridSampleOp(parameters), context.Input("x"), grid);
    }

    private static GridSampleParameters Parameters(MilOpContext context)
    {
        var sampling = context.String("sampling_mode") switch
        {
            "bilinear" => GridSampling.Bilinear,
            "nearest" => GridSampling.Nearest,
            var other => throw context.Error("sampling_mode", $"is '{other}'; expected bilinear or nearest."),
        };
        var padding = context.String("padding_mode") switch
        {
            "constant" => GridPadding.Constant,
            "border" => GridPadding.Border,
            "reflection" => GridPadding.Reflection,
            "symmetric" => GridPadding.Symmetric,
            var other => throw context.Error("padding_mode", $"is '{other}'; expected constant, border, reflection or symmetric."),
        };
        var mode = context.String("coordinates_mode") switch
        {
            "unnormalized" => GridCoordinates.Unnormalized,
            "normalized_minus_one_to_one" => GridCoordinates.MinusOneToOne,
            "normalized_zero_to_one" => GridCoordinates.ZeroToOne,
            var other => throw context.Error("coordinates_mode", $"is '{other}'; expected unnormalized, normalized_minus_one_to_one or normalized_zero_to_one."),
        };
        return new GridSampleParameters(sampling, padding, context.Float("padding_value"), mode, context.Bool("align_corners"));
    }
}
