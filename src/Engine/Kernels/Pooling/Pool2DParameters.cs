namespace Parity.Engine.Kernels.Pooling;

/// <summary>
/// A 2-D pooling window: kind, kernel, stride and explicit (possibly asymmetric) zero-area pads. Output size is
/// floor((in + pads - kernel) / stride) + 1; ceil-mode outputs (Core ML includeLastPixel, PyTorch ceil_mode) are
/// expressed by the caller as extra bottom/right padding. Each pad must be smaller than its kernel so that every
/// window covers at least one real element (an all-padding window has no defined maximum).
/// </summary>
/// <param name="CountPadding">
/// Average only: divide by kernelH·kernelW even where the window overlaps padding (PyTorch count_include_pad=True,
/// Core ML avgPoolExcludePadding=false). False divides by the number of real elements (Keras/TensorFlow 'same',
/// Core ML avgPoolExcludePadding=true, PyTorch count_include_pad=False). Extra ceil-mode padding counts too, whereas
/// PyTorch's count_include_pad divisor stops at its declared padding; such a caller must not fold the two together.
/// </param>
public readonly record struct Pool2DParameters(
    PoolKind Kind,
    int KernelHeight, int KernelWidth,
    int StrideHeight, int StrideWidth,
    int PadTop, int PadBottom, int PadLeft, int PadRight,
    bool CountPadding = false)
{
    public int OutputHeight(int height) => (height + PadTop + PadBottom - KernelHeight) / StrideHeight + 1;

    public int OutputWidth(int width) => (width + PadLeft + PadRight - KernelWidth) / StrideWidth + 1;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first parameter that cannot pool an input of this size.</summary>
    public void Validate(int height, int width)
    {
        if (KernelHeight < 1 || KernelWidth < 1) throw Bad($"kernel {KernelHeight}x{KernelWidth} must be at least 1x1");
        if (StrideHeight < 1 || StrideWidth < 1) throw Bad($"stride {StrideHeight}x{StrideWidth} must be at least 1x1");
        if (PadTop < 0 || PadBottom < 0 || PadLeft < 0 || PadRight < 0) throw Bad($"pads (top {PadTop}, bottom {PadBottom}, left {PadLeft}, right {PadRight}) must be non-negative");
        if (PadTop >= KernelHeight || PadBottom >= KernelHeight) throw Bad($"vertical pads (top {PadTop}, bottom {PadBottom}) must be smaller than the kernel height {KernelHeight}, or a window would hold only padding");
        if (PadLeft >= KernelWidth || PadRight >= KernelWidth) throw Bad($"horizontal pads (left {PadLeft}, right {PadRight}) must be smaller than the kernel width {KernelWidth}, or a window would hold only padding");
        if (height < 0 || width < 0) throw Bad($"input size {height}x{width} is negative");
        if (height + PadTop + PadBottom < KernelHeight || width + PadLeft + PadRight < KernelWidth)
        {
            throw Bad($"the padded input {height + PadTop + PadBottom}x{width + PadLeft + PadRight} is smaller than the kernel {KernelHeight}x{KernelWidth}");
        }
    }

    private static ArgumentException Bad(string what) => new($"Pooling: {what}.", "parameters");
}
