using System.Runtime.CompilerServices;

namespace Parity.Engine.Kernels;

/// <summary>
/// The Goto/BLIS loop nest around the micro-kernels: NC-wide panels of B and KC-deep blocks are packed once and
/// reused by every MC-row block of A, whose micro-panels the micro-kernel streams from the L2 while one B micro-panel
/// stays in the L1. Large problems split into column (or row) ranges, one per core.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>
    /// Multiply-adds a thread must get before another core is woken: about 4 million (tens of microseconds), well
    /// above the cost of waking a pool thread.
    /// </summary>
    public const long MinWorkPerThread = 1L << 22;

    /// <summary>
    /// C = alpha * op(A) * op(B) + beta * C for validated, non-empty operands. op(B) comes from <paramref name="b"/>
    /// or, when <paramref name="packed"/> is set, from that pre-packed matrix.
    /// </summary>
    public static void Run(
        GemmKernelKind kind, int m, int n, int k,
        float* a, int lda, bool transposeA,
        float* b, int ldb, bool transposeB, PackedMatrix? packed,
        float* c, int ldc, float alpha, float beta, bool parallel)
    {
        if (k == 0)
        {
            ScaleC(m, n, c, ldc, beta);
            return;
        }
        var threads = parallel ? (int)Math.Clamp((long)m * n * k / MinWorkPerThread, 1, Parallelism.MaxThreads) : 1;
        var mr = GemmKernels.Mr(kind);
        var nr = GemmKernels.Nr(kind);
        var columnPanels = (n + nr - 1) / nr;
        var rowPanels = (m + mr - 1) / mr;
        threads = Math.Min(threads, Math.Max(columnPanels, rowPanels));
        if (threads == 1)
        {
            Serial(kind, m, n, k, a, lda, transposeA, b, ldb, transposeB, packed, 0, c, ldc, alpha, beta);
            return;
        }

        // A column split makes every thread pack all of A, a row split all of B: duplicate the smaller one.
        // Pre-packed B costs nothing to share, so rows are split whenever there are enough of them.
        var splitColumns = rowPanels < threads || (packed is null && m <= n && columnPanels >= threads);
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        if (splitColumns)
        {
            Parallelism.For(columnPanels, columnPanels / threads, (s0, s1) =>
            {
                var j0 = s0 * nr;
                var cols = Math.Min(n, s1 * nr) - j0;
                var bj = packed is null ? (float*)pb + (transposeB ? (long)j0 * ldb : j0) : null;
                Serial(kind, m, cols, k, (float*)pa, lda, transposeA, bj, ldb, transposeB, packed, j0, (float*)pc + j0, ldc, alpha, beta);
            });
        }
        else
        {
            Parallelism.For(rowPanels, rowPanels / threads, (s0, s1) =>
            {
                var i0 = s0 * mr;
                var rows = Math.Min(m, s1 * mr) - i0;
                var ai = (float*)pa + (transposeA ? i0 : (long)i0 * lda);
                Serial(kind, rows, n, k, ai, lda, transposeA, (float*)pb, ldb, transposeB, packed, 0, (float*)pc + (long)i0 * ldc, ldc, alpha, beta);
            });
        }
    }

    /// <summary>Packs op(B) whole into <paramref name="packed"/>: one KC-deep block after another, each as kc x nr micro-panels.</summary>
    public static void Pack(float* b, int ldb, bool transposeB, PackedMatrix packed)
    {
        var nr = GemmKernels.Nr(packed.Kind);
        for (var p0 = 0; p0 < packed.K; p0 += GemmKernels.Kc)
        {
            var kc = Math.Min(GemmKernels.Kc, packed.K - p0);
            GemmPacking.PackB(b, ldb, transposeB, p0, 0, kc, packed.N, nr, packed.Pointer + (long)p0 * packed.PaddedN);
        }
    }

    /// <summary>
    /// One thread's share. With <paramref name="packed"/>, op(B) column 0 of this share is column
    /// <paramref name="packedColumn"/> of the packed matrix (a multiple of nr).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Serial(
        GemmKernelKind kind, int m, int n, int k,
        float* a, int lda, bool transposeA,
        float* b, int ldb, bool transposeB, PackedMatrix? packed, int packedColumn,
        float* c, int ldc, float alpha, float beta)
    {
        var mr = GemmKernels.Mr(kind);
        var nr = GemmKernels.Nr(kind);
        var mcMax = GemmKernels.Mc(kind);
        const int kcMax = GemmKernels.Kc;
        const int ncMax = GemmKernels.Nc;
        var scratch = GemmScratch.Current;
        var aPack = scratch.A(Math.Min(mcMax, (m + mr - 1) / mr * mr) * kcMax);
        var bPack = packed is null ? scratch.B(kcMax * Math.Min(ncMax, (n + nr - 1) / nr * nr)) : null;
        var tile = scratch.Tile(mr * nr);

        for (var jc = 0; jc < n; jc += ncMax)
        {
            var nc = Math.Min(ncMax, n - jc);
            for (var pc = 0; pc < k; pc += kcMax)
            {
                var kc = Math.Min(kcMax, k - pc);
                float* bPanel;
                if (packed is null)
                {
                    GemmPacking.PackB(b, ldb, transposeB, pc, jc, kc, nc, nr, bPack);
                    bPanel = bPack;
                }
                else
                {
                    bPanel = packed.Pointer + (long)pc * packed.PaddedN + (long)(packedColumn + jc) * kc;
                }
                // Later depth blocks add onto what the first one stored.
                var blockBeta = pc == 0 ? beta : 1f;
                for (var ic = 0; ic < m; ic += mcMax)
                {
                    var mc = Math.Min(mcMax, m - ic);
                    GemmPacking.PackA(a, lda, transposeA, ic, pc, mc, kc, mr, aPack);
                    for (var jr = 0; jr < nc; jr += nr)
                    {
                        var cols = Math.Min(nr, nc - jr);
                        var bMicro = bPanel + jr * kc;
                        for (var ir = 0; ir < mc; ir += mr)
                        {
                            var rows = Math.Min(mr, mc - ir);
                            var aMicro = aPack + ir * kc;
                            var cTile = c + (long)(ic + ir) * ldc + jc + jr;
                            if (rows == mr && cols == nr)
                            {
                                Kernel(kind, kc, aMicro, bMicro, cTile, ldc, alpha, blockBeta);
                            }
                            else
                            {
                                if (kind == GemmKernelKind.Avx512 && rows <= 4) MicroKernel512.RunFourRows(kc, aMicro, bMicro, tile, nr, 1f, 0f);
                                else Kernel(kind, kc, aMicro, bMicro, tile, nr, 1f, 0f);
                                MergeTile(tile, nr, cTile, ldc, rows, cols, alpha, blockBeta);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void Kernel(GemmKernelKind kind, int kc, float* a, float* b, float* c, int ldc, float alpha, float beta)
    {
        switch (kind)
        {
            case GemmKernelKind.Avx512: MicroKernel512.Run(kc, a, b, c, ldc, alpha, beta); break;
            case GemmKernelKind.Avx2: MicroKernel256.Run(kc, a, b, c, ldc, alpha, beta); break;
            default: MicroKernelScalar.Run(kc, a, b, c, ldc, alpha, beta); break;
        }
    }

    // Edge tiles are computed whole into scratch (the packed panels are zero-padded) and only their valid part lands in C.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeTile(float* tile, int ldt, float* c, int ldc, int rows, int cols, float alpha, float beta)
    {
        for (var i = 0; i < rows; i++)
        {
            var t = tile + i * ldt;
            var ci = c + (long)i * ldc;
            for (var j = 0; j < cols; j++) ci[j] = beta == 0f ? alpha * t[j] : alpha * t[j] + beta * ci[j];
        }
    }

    private static void ScaleC(int m, int n, float* c, int ldc, float beta)
    {
        for (var i = 0; i < m; i++)
        {
            var row = new Span<float>(c + (long)i * ldc, n);
            if (beta == 0f) row.Clear();
            else System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }
}
