namespace Parity.Engine.Kernels;

/// <summary>
/// How <see cref="Resize"/> samples an image tensor. <paramref name="ScaleHeight"/>/<paramref name="ScaleWidth"/>,
/// when given, replace in/out in the scale-based coordinate modes (ONNX Resize with a scales input and Core ML
/// fractional upsample use the declared factor even when out = floor(in * scale) makes in/out differ).
/// </summary>
public readonly record struct ResizeParameters(
    Layout Layout,
    ResizeCoordinates Coordinates,
    NearestRounding Rounding = NearestRounding.Floor,
    double? ScaleHeight = null,
    double? ScaleWidth = null);
