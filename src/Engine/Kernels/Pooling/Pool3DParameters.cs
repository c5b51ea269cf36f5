namespace Parity.Engine.Kernels.Pooling;

/// <summary>
/// A 3-D pooling window: kind, kernel, stride and explicit (possibly asymmetric) zero-area pads per axis (front/back on
/// depth, top/bottom on height, left/right on width). Each output size is floor((in + pads - kernel) / stride) + 1;
/// ceil-mode outputs are expressed by the caller as extra back/bottom/right padding. Each pad must be smaller than its
/// kernel so every window covers at least one real element.
/// </summary>
/// <param name="CountPadding">
/// Average only: divide by KD·KH·KW even where the window overlaps padding (Core ML Pooling3D countExcludePadding=false,
/// MIL exclude_padding_from_average=false); false divides by the number of real elements in the window.
/// </param>
public readonly record struct Pool3DParameters(
    PoolKind Kind,
    int KernelDepth, int KernelHeight, int KernelWidth,
    int StrideDepth, int StrideHeight, int StrideWidth,
    int PadFront, int PadBack, int PadTop, int PadBottom, int PadLeft, int PadRight,
    bool CountPadding = false)
{
    public int OutputDepth(int depth) => (depth + PadFront + PadBack - KernelDepth) / StrideDepth + 1;

    public int OutputHeight(int height) => (height + PadTop + PadBottom - KernelHeight) / StrideHeight + 1;

    public int OutputWidth(int width) => (width + PadLeft + PadRight - KernelWidth) / StrideWidth + 1;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first parameter that cannot pool an input of this size.</summary>
    public void Validate(int depth, int height, int width)
    {
        if (KernelDepth < 1 || KernelHeight < 1 || KernelWidth < 1) throw Bad($"kernel {KernelDepth}x{KernelHeight}x{KernelWidth} must be at least 1x1x1");
        if (StrideDepth < 1 || StrideHeight < 1 || StrideWidth < 1) throw Bad($"stride {StrideDepth}x{StrideHeight}x{StrideWidth} must be at least 1x1x1");
        if (PadFront < 0 || PadBack < 0 || PadTop < 0 || PadBottom < 0 || PadLeft < 0 || PadRight < 0)
        {
            throw Bad($"pads (front {PadFront}, back {PadBack}, top {PadTop}, bottom {PadBottom}, left {PadLeft}, right {PadRight}) must be non-negative");
        }
        if (PadFront >= KernelDepth || PadBack >= KernelDepth) throw Bad($"depth pads (front {PadFront}, back {PadBack}) must be smaller than the kernel depth {KernelDepth}, or a window would hold only padding");
        if (PadTop >= KernelHeight || PadBottom >= KernelHeight) throw Bad($"vertical pads (top {PadTop}, bottom {PadBottom}) must be smaller than the kernel height {KernelHeight}, or a window would hold only padding");
        if (PadLeft >= KernelWidth || PadRight >= KernelWidth) throw Bad($"horizontal pads (left {PadLeft}, right {PadRight}) must be smaller than the kernel width {KernelWidth}, or a window would hold only padding");
        if (depth < 0 || height < 0 || width < 0) throw Bad($"input size {depth}x{height}x{width} is negative");
        if (depth + PadFront + PadBack < KernelDepth || height + PadTop + PadBottom < KernelHeight || width + PadLeft + PadRight < KernelWidth)
        {
            throw Bad($"the padded input {depth + PadFront + PadBack}x{height + PadTop + PadBottom}x{width + PadLeft + PadRight} " +
                $"is smaller than the kernel {KernelDepth}x{KernelHeight}x{KernelWidth}");
        }
    }

    private static ArgumentException Bad(string what) => new($"3-D pooling: {what}.", "parameters");
}
