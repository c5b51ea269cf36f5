using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// cropResize on the 4 x 4 image x[r, c] = 4r + c + 1 (coremltools' crop_resize test image); bilinear sampling of that ramp
/// gives 4y + x + 1 at any point inside the image.
/// </summary>
public class NeuralNetworkCropResizeLayerTests
{
    private static readonly float[] Ramp = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();

    private static NeuralNetworkLayer CropResize(SamplingMode.Types.Method mode, BoxCoordinatesMode.Types.Coordinates boxes, bool normalized, float spatialScale, params ulong[] size)
    {
        var layer = Node("crop", "x", "roi");
        layer.CropResize = new CropResizeLayerParams
        {
            NormalizedCoordinates = normalized,
            Mode = new SamplingMode { SamplingMethod = mode },
            BoxIndicesMode = new BoxCoordinatesMode { BoxMode = boxes },
            SpatialScale = spatialScale,
        };
        layer.CropResize.TargetSize.AddRange(size);
        return layer;
    }

    [Fact]
    public void Rank5_roi_boxes_with_an_image_index_give_one_crop_per_box()
    {
        // EXACT mapping: x [1, B = 2, 1, 4, 4] (image 1 = image 0 + 100), roi [2, 1, 5, 1, 1] in CORNERS_WIDTH_FIRST, pixels.
        // Box 0 on image 1: x 0..1, y 1..2 -> 5, 6, 9, 10 plus 100. Box 1 on image 0: x, y 0..1 -> 1, 2, 5, 6.
        // Output [N = 2, 1, C = 1, 2, 2].
        var (values, shape) = RunND(
            [new Feed("x", [.. Ramp, .. Ramp.Select(v => v + 100)], 1, 2, 1, 4, 4), new Feed("roi", [1, 0, 1, 1, 2, 0, 0, 0, 1, 1], 2, 1, 5, 1, 1)],
            CropResize(SamplingMode.Types.Method.AlignEndpointsMode, BoxCoordinatesMode.Types.Coordinates.CornersWidthFirst, false, 1f, 2, 2));
        Assert.Equal([2, 1, 1, 2, 2], shape);
        Close([105, 106, 109, 110, 1, 2, 5, 6], values, 1e-5f);
    }

    [Fact]
    public void Rank4_blobs_of_the_rank5_era_crop_with_roi_align_and_spatial_scale()
    {
        // RANK5 mapping: x [1, 4, 4] is the blob [1, 1, 4, 4]; roi [4, 1, 1] the blob [1, 4, 1, 1]. Box [0, 0, 6, 6] scaled
        // by 0.5 is [0, 0, 3, 3]; ROI_ALIGN 2 x 2: spacing 3/2, points 0.75, 2.25 -> 4.75, 6.25, 10.75, 12.25.
        var (values, shape) = RunRank5(
            [new Feed("x", Ramp, 1, 4, 4), new Feed("roi", [0, 0, 6, 6], 4, 1, 1)],
            CropResize(SamplingMode.Types.Method.RoiAlignMode, BoxCoordinatesMode.Types.Coordinates.CornersHeightFirst, false, 0.5f, 2, 2));
        Assert.Equal([1, 1, 2, 2], shape);
        Close([4.75f, 6.25f, 10.75f, 12.25f], values);
    }

    [Fact]
    public void Center_size_boxes_with_strict_alignment()
    {
        // CENTER_SIZE_HEIGHT_FIRST [1.5, 1.5, 1, 1] is the box [1, 1, 2, 2]; STRICT_ALIGN_ENDPOINTS 1 x 3 samples row 1 (one
        // point: the start) at columns 1, 1.5, 2: 6, 6.5, 7.
        var (values, _) = RunRank5(
            [new Feed("x", Ramp, 1, 4, 4), new Feed("roi", [1.5f, 1.5f, 1, 1], 4, 1, 1)],
            CropResize(SamplingMode.Types.Method.StrictAlignEndpointsMode, BoxCoordinatesMode.Types.Coordinates.CenterSizeHeightFirst, false, 1f, 1, 3));
        Close([6, 6.5f, 7], values);
    }
}
