using Parity.Engine.Kernels.Convolution;

namespace Parity.Engine.Ops.Convolution;

/// <summary>
/// The sliding-window attributes of a 3-D convolution op: strides, dilations, groups and explicit pads per side
/// (readers turn "same"/"valid" into pad counts using their own format's rule).
/// </summary>
public readonly record struct Conv3DAttributes(
    int StrideDepth = 1, int StrideHeight = 1, int StrideWidth = 1,
    int DilationDepth = 1, int DilationHeight = 1, int DilationWidth = 1,
    int Groups = 1,
    int PadFront = 0, int PadBack = 0, int PadTop = 0, int PadBottom = 0, int PadLeft = 0, int PadRight = 0)
{
    /// <summary>Stride 1, dilation 1, one group, no padding (<c>new Conv3DAttributes()</c> is all zeros, which is invalid).</summary>
    public static Conv3DAttributes Default => new(1, 1, 1, 1, 1, 1, 1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first attribute out of range.</summary>
    public void Validate()
    {
        ConvGeometry.RequireAtLeast(1, ("stride depth", StrideDepth), ("stride height", StrideHeight), ("stride width", StrideWidth),
            ("dilation depth", DilationDepth), ("dilation height", DilationHeight), ("dilation width", DilationWidth), ("groups", Groups));
        ConvGeometry.RequireAtLeast(0, ("pad front", PadFront), ("pad back", PadBack), ("pad top", PadTop),
            ("pad bottom", PadBottom), ("pad left", PadLeft), ("pad right", PadRight));
    }
}
