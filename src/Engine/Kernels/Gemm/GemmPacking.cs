using System.Runtime.CompilerServices;

namespace Parity.Engine.Kernels;

/// <summary>
/// Copies blocks of A and B into the contiguous, zero-padded micro-panel order the micro-kernels stream through,
/// so both transposes and any leading dimension cost one pass over the block instead of strided loads in the hot loop.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs rows [i0, i0+mc) x depth [p0, p0+kc) of op(A) as consecutive mr x kc micro-panels, each stored
    /// depth-major (mr values per step of k); rows past mc are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* a, int lda, bool transposeA, int i0, int p0, int mc, int kc, int mr, float* dst)
    {
        for (var ir = 0; ir < mc; ir += mr)
        {
            var rows = Math.Min(mr, mc - ir);
            if (transposeA)
            {
                // op(A)[i, p] = A[p, i]: one stored row gives mr consecutive values of a step of k.
                for (var p = 0; p < kc; p++)
                {
                    var src = a + (long)(p0 + p) * lda + i0 + ir;
                    var d = dst + p * mr;
                    for (var ii = 0; ii < rows; ii++) d[ii] = src[ii];
                    for (var ii = rows; ii < mr; ii++) d[ii] = 0f;
                }
            }
            else
            {
                for (var ii = 0; ii < rows; ii++)
                {
                    var src = a + (long)(i0 + ir + ii) * lda + p0;
                    for (var p = 0; p < kc; p++) dst[p * mr + ii] = src[p];
                }
                for (var ii = rows; ii < mr; ii++)
                {
                    for (var p = 0; p < kc; p++) dst[p * mr + ii] = 0f;
                }
            }
            dst += mr * kc;
        }
    }

    /// <summary>
    /// Packs depth [p0, p0+kc) x columns [j0, j0+nc) of op(B) as consecutive kc x nr micro-panels, each stored
    /// depth-major (nr values per step of k); columns past nc are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* b, int ldb, bool transposeB, int p0, int j0, int kc, int nc, int nr, float* dst)
    {
        for (var jr = 0; jr < nc; jr += nr)
        {
            var cols = Math.Min(nr, nc - jr);
            if (transposeB)
            {
                for (var jj = 0; jj < cols; jj++)
                {
                    var src = b + (long)(j0 + jr + jj) * ldb + p0;
                    for (var p = 0; p < kc; p++) dst[p * nr + jj] = src[p];
                }
                for (var jj = cols; jj < nr; jj++)
                {
                    for (var p = 0; p < kc; p++) dst[p * nr + jj] = 0f;
                }
            }
            else
            {
                // op(B) rows are stored rows: each step of k is one contiguous copy.
                for (var p = 0; p < kc; p++)
                {
                    var src = b + (long)(p0 + p) * ldb + j0 + jr;
                    var d = dst + p * nr;
                    new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(d, cols));
                    if (cols < nr) new Span<float>(d + cols, nr - cols).Clear();
                }
            }
            dst += nr * kc;
        }
    }
}
