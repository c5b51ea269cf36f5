namespace Parity.Engine.Kernels;

/// <summary>
/// How crop-resize sampling points are spread over a box edge from <c>start</c> to <c>end</c> (pixel coordinates) for
/// <c>n</c> output points. Core ML states each grid for an interval [0, X-1] (NeuralNetwork.proto SamplingMode); a box is
/// that interval shifted to <c>start</c> with X-1 = end - start.
/// </summary>
public enum CropResizeSampling
{
    /// <summary>linspace(start, end, n); n == 1 samples start. NN STRICT_ALIGN_ENDPOINTS_MODE, MIL "STRICT_ALIGN_CORNERS".</summary>
    StrictAlignEndpoints,

    /// <summary>As <see cref="StrictAlignEndpoints"/>, but n == 1 samples the middle. NN ALIGN_ENDPOINTS_MODE, MIL "ALIGN_CORNERS" (TF crop_and_resize).</summary>
    AlignEndpoints,

    /// <summary>start + min(X-1, i·X/n) with X = end - start + 1 (linspace(0, X - X/n)). NN UPSAMPLE_MODE, MIL "DEFAULT".</summary>
    Upsample,

    /// <summary>start + min(X-1, (i + 0.5)·max(1, X-1)/n). NN ROI_ALIGN_MODE, MIL "OFFSET_CORNERS" (Caffe2 RoIAlign with one sample per bin).</summary>
    RoiAlign,
}

/// <summary>The four box conventions of Core ML BoxCoordinatesMode (and MIL box_coordinate_mode).</summary>
public enum CropResizeBoxFormat
{
    /// <summary>[h_start, w_start, h_end, w_end].</summary>
    CornersHeightFirst,

    /// <summary>[w_start, h_start, w_end, h_end].</summary>
    CornersWidthFirst,

    /// <summary>[h_center, w_center, box_height, box_width].</summary>
    CenterSizeHeightFirst,

    /// <summary>[w_center, h_center, box_width, box_height].</summary>
    CenterSizeWidthFirst,
}

/// <summary>
/// Crop-resize settings. Box coordinates are scaled by (H-1), (W-1) when <paramref name="NormalizedCoordinates"/>, then by
/// <paramref name="SpatialScale"/>; a sampling point outside [0, H-1] x [0, W-1] takes <paramref name="PadValue"/>
/// (MIL iOS16 crop_resize pad_value, TF crop_and_resize extrapolation_value).
/// </summary>
public readonly record struct CropResizeParameters(
    int TargetHeight,
    int TargetWidth,
    CropResizeSampling Sampling,
    CropResizeBoxFormat BoxFormat = CropResizeBoxFormat.CornersHeightFirst,
    bool NormalizedCoordinates = false,
    float SpatialScale = 1f,
    float PadValue = 0f);
