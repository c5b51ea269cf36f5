namespace Parity.Engine.Kernels;

/// <summary>The register-tiled micro-kernels GEMM can run; each fixes its tile (Mr x Nr) and cache blocking.</summary>
internal enum GemmKernelKind
{
    /// <summary>Plain scalar 4x4 tile: correct everywhere, including with hardware intrinsics switched off.</summary>
    Scalar,

    /// <summary>AVX2 + FMA 6x16 tile: 12 ymm accumulators of the 16 registers.</summary>
    Avx2,

    /// <summary>AVX-512F 12x32 tile: 24 zmm accumulators of the 32 registers.</summary>
    Avx512,
}
