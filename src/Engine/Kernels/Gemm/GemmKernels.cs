using System.Runtime.Intrinsics.X86;

namespace Parity.Engine.Kernels;

/// <summary>Tile and cache-block sizes of each <see cref="GemmKernelKind"/>, and the best kind this CPU runs.</summary>
internal static class GemmKernels
{
    public static readonly GemmKernelKind Best =
        Avx512F.IsSupported ? GemmKernelKind.Avx512
        : Fma.IsSupported && Avx.IsSupported ? GemmKernelKind.Avx2
        : GemmKernelKind.Scalar;

    public static bool IsSupported(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => Avx512F.IsSupported,
        GemmKernelKind.Avx2 => Fma.IsSupported && Avx.IsSupported,
        _ => true,
    };

    /// <summary>Rows of C one micro-kernel call produces.</summary>
    public static int Mr(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => MicroKernel512.Mr,
        GemmKernelKind.Avx2 => MicroKernel256.Mr,
        _ => MicroKernelScalar.Mr,
    };

    /// <summary>Columns of C one micro-kernel call produces.</summary>
    public static int Nr(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Avx512 => MicroKernel512.Nr,
        GemmKernelKind.Avx2 => MicroKernel256.Nr,
        _ => MicroKernelScalar.Nr,
    };

    /// <summary>
    /// Depth of one packed block: a KC x NR micro-panel of B (32 KiB at 256 x 32) stays in the 48 KiB L1 while the
    /// micro-kernel sweeps the A block.
    /// </summary>
    public const int Kc = 256;

    /// <summary>Rows of A packed per block (MC x KC floats, about 200 KiB, lives in the L2).</summary>
    public static int Mc(GemmKernelKind kind) => Mr(kind) * (kind == GemmKernelKind.Avx512 ? 16 : 32);

    /// <summary>Columns of B packed per panel (KC x NC floats, 2 MiB, lives in the L2/L3).</summary>
    public const int Nc = 2048;
}
