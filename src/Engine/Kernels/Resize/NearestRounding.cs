namespace Parity.Engine.Kernels;

/// <summary>
/// How nearest-neighbour resizing turns a fractional source coordinate (see <see cref="ResizeCoordinates"/>) into an
/// index; the index is then clamped to [0, in-1]. Names follow ONNX Resize nearest_mode.
/// </summary>
public enum NearestRounding
{
    /// <summary>floor(src). TF resize_nearest_neighbor without align_corners, Core ML NN upsample, Keras UpSampling2D "nearest".</summary>
    Floor,

    /// <summary>ceil(src) (ONNX "ceil").</summary>
    Ceil,

    /// <summary>Nearest, ties down: ceil(src - 0.5) (ONNX "round_prefer_floor", its default).</summary>
    RoundPreferFloor,

    /// <summary>
    /// Nearest, ties up: floor(src + 0.5) (ONNX "round_prefer_ceil"). With <see cref="ResizeCoordinates.HalfPixel"/> this is
    /// TF2's half_pixel_centers nearest, floor((dst + 0.5) * in / out); with <see cref="ResizeCoordinates.AlignCorners"/>
    /// it is TF's align_corners nearest (roundf, which rounds halves away from zero, on non-negative coordinates).
    /// </summary>
    RoundPreferCeil,
}
