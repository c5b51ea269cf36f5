namespace Parity.Engine.Kernels;

/// <summary>
/// How an output pixel index maps to a (fractional) input coordinate along one axis, for an axis of
/// <c>in</c> input and <c>out</c> output pixels. Each framework names these differently; the sources stating each
/// formula are cited per member. "NeuralNetwork.proto" is coremltools mlmodel/format/NeuralNetwork.proto
/// (UpsampleLayerParams.LinearUpsampleMode and SamplingMode comments); "MIL" is coremltools
/// converters/mil/mil/ops/defs/iOS15/image_resizing.py (upsample_bilinear and resize_bilinear docstrings).
/// Bilinear sampling clamps the coordinate to [0, in-1], which every one of those sources states or implies.
/// </summary>
public enum ResizeCoordinates
{
    /// <summary>
    /// src = dst * in / out (or dst / scale when a scale factor is given). ONNX "asymmetric"; TF resize with
    /// align_corners=False, half_pixel_centers=False (TF1 default; MIL says resize_bilinear "DEFAULT" equals it);
    /// NeuralNetwork.proto LinearUpsampleMode DEFAULT (spacing (Xin - Xin/Xout)/(Xout-1), which is Xin/Xout) and
    /// SamplingMode UPSAMPLE_MODE (linspace(0, X - X/N, N), i.e. i*X/N); MIL resize_bilinear "DEFAULT". With floor
    /// rounding it is the nearest rule of Core ML NN upsample and Keras UpSampling2D "nearest" (integer factors).
    /// </summary>
    Asymmetric,

    /// <summary>
    /// src = dst * (in-1) / (out-1), and 0 when out == 1. ONNX "align_corners"; TF align_corners=True;
    /// NeuralNetwork.proto ALIGN_CORNERS_TRUE and SamplingMode STRICT_ALIGN_ENDPOINTS_MODE (linspace(0, X-1, N));
    /// MIL upsample_bilinear(align_corners=True) and resize_bilinear "STRICT_ALIGN_CORNERS".
    /// </summary>
    AlignCorners,

    /// <summary>
    /// As <see cref="AlignCorners"/>, except that out == 1 samples the middle, (in-1)/2. NeuralNetwork.proto SamplingMode
    /// ALIGN_ENDPOINTS_MODE; MIL resize_bilinear "ALIGN_CORNERS".
    /// </summary>
    AlignEndpoints,

    /// <summary>
    /// src = (dst + 0.5) * in / out - 0.5 (pixel centres aligned). ONNX "half_pixel"; TF half_pixel_centers=True, the
    /// TF2 tf.image.resize default used by Keras UpSampling2D(interpolation="bilinear"); NeuralNetwork.proto
    /// ALIGN_CORNERS_FALSE (i*spacing + 0.5*spacing - 0.5 with spacing Xin/Xout); MIL upsample_bilinear(align_corners=False)
    /// and resize_bilinear "UNALIGN_CORNERS".
    /// </summary>
    HalfPixel,

    /// <summary>As <see cref="HalfPixel"/>, except that out == 1 samples 0. ONNX "pytorch_half_pixel" (PyTorch align_corners=False).</summary>
    PytorchHalfPixel,

    /// <summary>
    /// src = (dst + 0.5) * max(1, in-1) / out. NeuralNetwork.proto SamplingMode ROI_ALIGN_MODE (spacing max(1, X-1)/N,
    /// start 0.5*spacing); MIL resize_bilinear/crop_resize "OFFSET_CORNERS".
    /// </summary>
    RoiAlign,
}
