namespace Parity.Engine.Ops.Resize;

/// <summary>Interpolation used by <see cref="ResizeOp"/>.</summary>
public enum ResizeMethod
{
    Nearest,
    Bilinear,
}
