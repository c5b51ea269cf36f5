using System.Runtime.CompilerServices;

namespace Parity.Engine.Kernels;

/// <summary>
/// One thread's 64-byte aligned packing buffers, kept across calls so the GEMM hot path never allocates.
/// Arrays live on the pinned object heap, so raw pointers into them stay valid.
/// </summary>
internal sealed unsafe class GemmScratch
{
    [ThreadStatic]
    private static GemmScratch? _current;

    private float[] _a = [];
    private float[] _b = [];
    private float[] _tile = [];
    private float[] _sharedB = [];

    /// <summary>The calling thread's scratch.</summary>
    public static GemmScratch Current => _current ??= new GemmScratch();

    /// <summary>Room for a packed MC x KC block of A.</summary>
    public float* A(int floats) => Aligned(ref _a, floats);

    /// <summary>Room for a packed KC x NC panel of B.</summary>
    public float* B(int floats) => Aligned(ref _b, floats);

    /// <summary>Room for a whole packed op(B) that every thread of one multi-threaded call reads.</summary>
    public float* SharedB(int floats) => Aligned(ref _sharedB, floats);

    /// <summary>Room for one Mr x Nr tile that edge tiles are computed into before being merged into C.</summary>
    public float* Tile(int floats) => Aligned(ref _tile, floats);

    private static float* Aligned(ref float[] buffer, int floats)
    {
        // 16 spare floats let the start move up to the next 64-byte boundary.
        if (buffer.Length < floats + 16) buffer = GC.AllocateUninitializedArray<float>(floats + 16, pinned: true);
        var address = (nint)Unsafe.AsPointer(ref buffer[0]);
        return (float*)((address + 63) & ~(nint)63);
    }
}
