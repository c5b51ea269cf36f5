using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Resize;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>cropResize (CropResizeLayerParams): bilinear crops of an image batch by ROI boxes, on a <see cref="CropResizeSampling"/> grid.</summary>
internal static class NeuralNetworkCropResizeLayers
{
    /// <summary>
    /// Input 0 is [1, Batch, C, H, W] (rank 5) or the reader's rank-4 [Seq * Batch, C, H, W], whose leading axis is taken as
    /// the batch. Input 1 holds N boxes along axis -3: [N, 1, 4 | 5, 1, 1] (rank 5) or [N, 4 | 5, 1, 1]; a fifth leading
    /// coordinate is the image index. Output [N, Batch | 1, C, H_out, W_out], folded to [N * (Batch | 1), C, H_out, W_out]
    /// when input 0 was rank 4. Sampling points outside the image take 0 (the proto leaves them undefined; MIL crop_resize
    /// before iOS 16, which this layer backs, pads with 0: coremltools' TF converter accepts only extrapolation_value 0 there).
    /// </summary>
    public static IReadOnlyList<string> CropResize(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.CropResize;
        if (context.Inputs.Count != 2) throw context.Error("input", $"lists {context.Inputs.Count} blobs; cropResize takes the image and the ROI boxes.");
        var (height, width) = (1, 1);
        if (p.TargetSize.Count != 0)
        {
            if (p.TargetSize.Count != 2) throw context.Error("cropResize.targetSize", $"has {p.TargetSize.Count} values; expected 2 (height, width).");
            (height, width) = (context.Size(p.TargetSize[0], "cropResize.targetSize", 1), context.Size(p.TargetSize[1], "cropResize.targetSize", 1));
        }
        var sampling = (p.Mode?.SamplingMethod ?? SamplingMode.Types.Method.StrictAlignEndpointsMode) switch
        {
            SamplingMode.Types.Method.StrictAlignEndpointsMode => CropResizeSampling.StrictAlignEndpoints,
            SamplingMode.Types.Method.AlignEndpointsMode => CropResizeSampling.AlignEndpoints,
            SamplingMode.Types.Method.UpsampleMode => CropResizeSampling.Upsample,
            SamplingMode.Types.Method.RoiAlignMode => CropResizeSampling.RoiAlign,
            var other => throw context.Error("cropResize.mode", $"is {other}; expected one of the four SamplingMode methods."),
        };
        var boxes = (p.BoxIndicesMode?.BoxMode ?? BoxCoordinatesMode.Types.Coordinates.CornersHeightFirst) switch
        {
            BoxCoordinatesMode.Types.Coordinates.CornersHeightFirst => CropResizeBoxFormat.CornersHeightFirst,
            BoxCoordinatesMode.Types.Coordinates.CornersWidthFirst => CropResizeBoxFormat.CornersWidthFirst,
            BoxCoordinatesMode.Types.Coordinates.CenterSizeHeightFirst => CropResizeBoxFormat.CenterSizeHeightFirst,
            BoxCoordinatesMode.Types.Coordinates.CenterSizeWidthFirst => CropResizeBoxFormat.CenterSizeWidthFirst,
            var other => throw context.Error("cropResize.boxIndicesMode", $"is {other}; expected one of the four BoxCoordinatesMode conventions."),
        };

        var (image, roi) = (context.Inputs[0], context.Inputs[1]);
        var imageShape = context.ShapeOf(image);
        if (imageShape.Rank == 5)
        {
            if (imageShape[0] != 1) throw context.Error("input", $"image is {imageShape}; cropResize expects [1, Batch, C, H, W].");
            image = context.Emit("image", new ReshapeOp(imageShape.Dims[1..].ToArray()), image);
        }
        else if (imageShape.Rank != 4)
        {
            throw context.Error("input", $"image is {imageShape}; cropResize expects [1, Batch, C, H, W].");
        }
        var roiShape = context.ShapeOf(roi);
        if (roiShape.Rank < 3 || roiShape[^1] != 1 || roiShape[^2] != 1 || roiShape[^3] is not (4 or 5))
        {
            throw context.Error("input", $"ROI is {roiShape}; cropResize expects [N, 1, 4 or 5, 1, 1].");
        }
        var flatBoxes = context.Emit("boxes", new ReshapeOp([roiShape.Product(0, roiShape.Rank - 3), roiShape[^3]]), roi);
        var op = new CropResizeOp(new CropResizeParameters(height, width, sampling, boxes, p.NormalizedCoordinates, p.SpatialScale));
        if (imageShape.Rank == 5) return [context.Emit("", op, image, flatBoxes)];
        var crops = context.Emit("crops", op, image, flatBoxes);
        var shape = context.ShapeOf(crops);
        return [context.Emit("", new ReshapeOp([shape[0] * shape[1], shape[2], shape[3], shape[4]]), crops)];
    }
}
