using System.Runtime.CompilerServices;

namespace Parity.Engine.Kernels;

/// <summary>
/// The right-hand operand op(B) (k x n) of <see cref="Gemm"/>, packed once into micro-panel order; layers with
/// constant weights pack them at load time and skip that pass on every call.
/// </summary>
public sealed unsafe class PackedMatrix
{
    private readonly float[] _data;
    private readonly int _offset;

    internal PackedMatrix(GemmKernelKind kind, int k, int n)
    {
        Kind = kind;
        K = k;
        N = n;
        var nr = GemmKernels.Nr(kind);
        PaddedN = (n + nr - 1) / nr * nr;
        // Depth-block after depth-block, each a row of kc x nr micro-panels over all padded columns.
        _data = GC.AllocateUninitializedArray<float>(checked(k * PaddedN + 16), pinned: true);
        var address = (nint)Unsafe.AsPointer(ref _data[0]);
        _offset = (int)((((address + 63) & ~(nint)63) - address) / sizeof(float));
    }

    /// <summary>Depth: rows of op(B).</summary>
    public int K { get; }

    /// <summary>Columns of op(B).</summary>
    public int N { get; }

    internal GemmKernelKind Kind { get; }

    /// <summary>Columns rounded up to whole micro-panels.</summary>
    internal int PaddedN { get; }

    internal float* Pointer => (float*)Unsafe.AsPointer(ref _data[_offset]);
}
