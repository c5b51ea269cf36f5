using Parity.Engine.Kernels;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Resize;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>crop_resize (MIL image_resizing.py, iOS15 / iOS16 with pad_value / iOS17 with boxes and box_indices).</summary>
internal static class MilCropResizeOps
{
    /// <summary>
    /// crop_resize(x [B, C, H, W], roi [N, 1, 4 | 5, 1, 1] -> [N, B | 1, C, h, w]; iOS17: boxes [N, 4], box_indices [N] ->
    /// [N, C, h, w]). Sampling modes map to the NN SamplingMode grids as coremltools' NN backend maps them (op_mapping.py
    /// crop_resize): STRICT_ALIGN_CORNERS, ALIGN_CORNERS, DEFAULT = UPSAMPLE_MODE, OFFSET_CORNERS = ROI_ALIGN_MODE.
    /// UNALIGN_CORNERS has no NN counterpart and its only oracle contradicts every box-relative reading (see below).
    /// Points outside the image take pad_value (0 before iOS 16), as the iOS16 test values show.
    /// </summary>
    public static void CropResize(MilOpContext context)
    {
        var mode = context.String("sampling_mode", "DEFAULT");
        var sampling = mode switch
        {
            "STRICT_ALIGN_CORNERS" => CropResizeSampling.StrictAlignEndpoints,
            "ALIGN_CORNERS" => CropResizeSampling.AlignEndpoints,
            "DEFAULT" => CropResizeSampling.Upsample,
            "OFFSET_CORNERS" => CropResizeSampling.RoiAlign,
            // coremltools iOS15 test_image_resizing.py TestCropResize expects box [2, 2, 1, 1] (normalized, 4 x 4 image) to
            // give [3.5, 5.5, 11.5, 13.5]: the points 0.5 and 2.5 of an UNALIGN_CORNERS resize of the whole image, not of
            // the box, so the grid this mode puts on a box cannot be pinned.
            "UNALIGN_CORNERS" => throw context.Unsupported("sampling_mode UNALIGN_CORNERS: Core ML's own test output for it does not follow from the box, so its crop grid is unknown."),
            _ => throw context.Error("sampling_mode", $"is '{mode}'; expected STRICT_ALIGN_CORNERS, ALIGN_CORNERS, DEFAULT, OFFSET_CORNERS or UNALIGN_CORNERS."),
        };
        var format = context.String("box_coordinate_mode", "CORNERS_HEIGHT_FIRST") switch
        {
            "CORNERS_HEIGHT_FIRST" => CropResizeBoxFormat.CornersHeightFirst,
            "CORNERS_WIDTH_FIRST" => CropResizeBoxFormat.CornersWidthFirst,
            "CENTER_SIZE_HEIGHT_FIRST" => CropResizeBoxFormat.CenterSizeHeightFirst,
            "CENTER_SIZE_WIDTH_FIRST" => CropResizeBoxFormat.CenterSizeWidthFirst,
            var other => throw context.Error("box_coordinate_mode", $"is '{other}'; expected CORNERS_HEIGHT_FIRST, CORNERS_WIDTH_FIRST, CENTER_SIZE_HEIGHT_FIRST or CENTER_SIZE_WIDTH_FIRST."),
        };
        var (height, width) = (context.Int("target_height", 1), context.Int("target_width", 1));
        if (height < 1 || width < 1) throw context.Error("target_height", $"and target_width are {height} and {width}; both must be at least 1.");
        var parameters = new CropResizeParameters(height, width, sampling, format, context.Bool("normalized_coordinates", false),
            context.Float("spatial_scale", 1f), context.Float("pad_value", 0f));

        var x = context.Input("x");
        if (context.ShapeOf(x).Rank != 4) throw context.Error("x", $"is {context.ShapeOf(x)}; crop_resize needs [B, C, H, W].");
        var op = new CropResizeOp(parameters);
        if (!context.Has("boxes"))
        {
            var roi = context.Input("roi");
            var shape = context.ShapeOf(roi);
            if (shape.Rank != 5 || shape[1] != 1 || shape[3] != 1 || shape[4] != 1 || shape[2] is not (4 or 5))
            {
                throw context.Error("roi", $"is {shape}; expected [N, 1, 4, 1, 1] or [N, 1, 5, 1, 1].");
            }
            context.Emit(op, x, context.EmitStep("boxes", new ReshapeOp([shape[0], shape[2]]), roi));
            return;
        }

        var boxes = context.Input("boxes");
        var boxShape = context.ShapeOf(boxes);
        if (boxShape.Rank != 2 || boxShape[1] != 4) throw context.Error("boxes", $"is {boxShape}; expected [N, 4].");
        var count = boxShape[0];
        string indices;
        if (context.Has("box_indices"))
        {
            indices = context.Input("box_indices");
            if (context.ShapeOf(indices) != new Shape(count)) throw context.Error("box_indices", $"is {context.ShapeOf(indices)}; expected [{count}].");
            indices = context.EmitStep("indices", new ReshapeOp([count, 1]), context.EmitStep("indices_float", new Cast(DType.Float32), indices));
        }
        else
        {
            // iOS17 default: box i is applied to image i.
            indices = context.ConstantStep("indices", Tensor.FromArray(Enumerable.Range(0, count).Select(i => (float)i).ToArray(), count, 1));
        }
        var floatBoxes = context.EmitStep("boxes_float", new Cast(DType.Float32), boxes);
        var indexed = context.EmitStep("indexed_boxes", new ConcatOp(1), indices, floatBoxes);
        var crops = context.EmitStep("crops", op, x, indexed);
        var cropShape = context.ShapeOf(crops);
        context.Emit(new ReshapeOp([cropShape[0], cropShape[2], cropShape[3], cropShape[4]]), crops);
    }
}
