using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Convolution;

/// <summary>Output-size formulas and argument checks shared by the convolution parameter records.</summary>
internal static class ConvGeometry
{
    /// <summary>floor((size + pads - dilation*(kernel-1) - 1) / stride) + 1; zero or less when the kernel does not fit.</summary>
    public static int OutputSize(int size, int kernel, int stride, int dilation, int padBefore, int padAfter)
    {
        var span = size + padBefore + padAfter - dilation * (kernel - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }

    /// <summary>(size-1)*stride - pads + dilation*(kernel-1) + outputPadding + 1, the transposed-convolution output size.</summary>
    public static int TransposedOutputSize(int size, int kernel, int stride, int dilation, int padBefore, int padAfter, int outputPadding) =>
        (size - 1) * stride - padBefore - padAfter + dilation * (kernel - 1) + outputPadding + 1;

    /// <summary>
    /// The index range [Low, High) of taps t in [0, count) whose position origin + t*step lies in [0, size); empty
    /// ranges have Low == High. Used both for kernel taps over an input axis and for output positions over a kernel offset.
    /// </summary>
    public static (int Low, int High) ValidTaps(int origin, int step, int size, int count)
    {
        var low = origin >= 0 ? 0 : Math.Min(count, (-origin + step - 1) / step);
        var high = origin >= size ? 0 : Math.Min(count, (size - origin + step - 1) / step);
        return (low, Math.Max(low, high));
    }

    public static void RequireAtLeast(int minimum, params (string Name, int Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (value < minimum) throw new ArgumentException($"Convolution {name} is {value}; expected at least {minimum}.");
        }
    }

    public static void RequireGroupsDivide(int groups, int inChannels, int outChannels)
    {
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException(
                $"Convolution groups ({groups}) must divide both input channels ({inChannels}) and output channels ({outChannels}).");
        }
    }

    public static void RequireLength(string what, int actual, int expected, Shape shape)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Convolution {what} holds {actual} values; expected {expected} for shape {shape}.", what);
        }
    }

    /// <summary>Checks input, weights, bias (when given: an empty one means no bias) and output spans against their expected lengths.</summary>
    public static void RequireBuffers((int Given, int Expected, Shape Shape) input, (int Given, int Expected, Shape Shape) weights, int bias, int outChannels,
        (int Given, int Expected, Shape Shape) output)
    {
        RequireLength("input", input.Given, input.Expected, input.Shape);
        RequireLength("weights", weights.Given, weights.Expected, weights.Shape);
        if (bias != 0) RequireLength("bias", bias, outChannels, new Shape(outChannels));
        RequireLength("output", output.Given, output.Expected, output.Shape);
    }
}
