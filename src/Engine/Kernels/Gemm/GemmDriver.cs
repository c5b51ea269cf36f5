using System.Runtime.CompilerServices;

namespace Parity.Engine.Kernels;

/// <summary>
/// The Goto/BLIS loop nest around the micro-kernels: NC-wide panels of B and KC-deep blocks are packed once and
/// reused by every MC-row block of A, whose micro-panels the micro-kernel streams from the L2 while one B micro-panel
/// stays in the L1. Large problems share out row blocks between cores (or column ranges when rows are few).
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>
    /// Multiply-adds a thread must get before another core is woken: about 4 million (tens of microseconds), well
    /// above the cost of waking a pool thread.
    /// </summary>
    public const long MinWorkPerThread = 1L << 22;

    // Largest op(B) (in floats, 64 MiB) packed whole for a row split; the buffer stays with the calling thread.
    private const long MaxSharedB = 1L << 24;

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
            if (packed is null) Serial(kind, m, n, k, a, lda, transposeA, b, ldb, transposeB, null, 0, 0, c, ldc, alpha, beta);
            else Serial(kind, m, n, k, a, lda, transposeA, null, 0, false, packed.Pointer, packed.PaddedN, 0, c, ldc, alpha, beta);
            return;
        }

        if (rowPanels >= 2 * threads && (packed is not null || (long)k * columnPanels * nr <= MaxSharedB))
        {
            SplitRows(kind, threads, m, n, k, a, lda, transposeA, b, ldb, transposeB, packed, c, ldc, alpha, beta);
            return;
        }

        // Too few rows to share out (or B too big to keep packed whole): split the columns, each thread packing its own B columns and all of (the small) A.
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        Parallelism.For(columnPanels, columnPanels / threads, (s0, s1) =>
        {
            var j0 = s0 * nr;
            var cols = Math.Min(n, s1 * nr) - j0;
            if (packed is null)
            {
                var bj = (float*)pb + (transposeB ? (long)j0 * ldb : j0);
                Serial(kind, m, cols, k, (float*)pa, lda, transposeA, bj, ldb, transposeB, null, 0, 0, (float*)pc + j0, ldc, alpha, beta);
            }
            else
            {
                Serial(kind, m, cols, k, (float*)pa, lda, transposeA, null, 0, false, packed.Pointer, packed.PaddedN, j0, (float*)pc + j0, ldc, alpha, beta);
            }
        });
    }

    /// <summary>
    /// Packs op(B) once, shared by all threads (unless pre-packed), then hands out row blocks of A and C from a
    /// shared counter: a thread that the OS delays simply takes fewer blocks, so a busy machine costs no more than
    /// one core's speed, and A is packed once overall.
    /// </summary>
    private static void SplitRows(
        GemmKernelKind kind, int threads, int m, int n, int k,
        float* a, int lda, bool transposeA,
        float* b, int ldb, bool transposeB, PackedMatrix? packed,
        float* c, int ldc, float alpha, float beta)
    {
        var mr = GemmKernels.Mr(kind);
        var nr = GemmKernels.Nr(kind);
        var columnPanels = (n + nr - 1) / nr;
        var width = columnPanels * nr;
        // The calling thread's scratch: it waits in Parallelism.For until every worker is done reading it.
        var shared = packed is null ? GemmScratch.Current.SharedB(checked(k * width)) : packed.Pointer;
        if (packed is not null) width = packed.PaddedN;
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c, ps = (nint)shared;
        if (packed is null)
        {
            Parallelism.For(columnPanels, columnPanels / threads, (s0, s1) =>
                PackColumns(nr, k, (float*)pb, ldb, transposeB, s0 * nr, Math.Min(n, s1 * nr) - s0 * nr, (float*)ps, width));
        }

        // About four blocks per thread: enough to even out delays, few enough to keep each A block large.
        var rowPanels = (m + mr - 1) / mr;
        var blockRows = (rowPanels + 4 * threads - 1) / (4 * threads) * mr;
        var blocks = (m + blockRows - 1) / blockRows;
        var next = -1;
        Parallelism.For(threads, 1, (_, _) =>
        {
            int block;
            while ((block = Interlocked.Increment(ref next)) < blocks)
            {
                var i0 = block * blockRows;
                var rows = Math.Min(blockRows, m - i0);
                var ai = (float*)pa + (transposeA ? i0 : (long)i0 * lda);
                Serial(kind, rows, n, k, ai, lda, transposeA, null, 0, false, (float*)ps, width, 0, (float*)pc + (long)i0 * ldc, ldc, alpha, beta);
            }
        });
    }

    /// <summary>Packs op(B) whole into <paramref name="packed"/>: one KC-deep block after another, each as kc x nr micro-panels.</summary>
    public static void Pack(float* b, int ldb, bool transposeB, PackedMatrix packed) =>
        PackColumns(GemmKernels.Nr(packed.Kind), packed.K, b, ldb, transposeB, 0, packed.N, packed.Pointer, packed.PaddedN);

    // Columns [j0, j0 + cols) of the whole-matrix packing; j0 is a multiple of nr, so ranges pack independently.
    private static void PackColumns(int nr, int k, float* b, int ldb, bool transposeB, int j0, int cols, float* dst, int paddedWidth)
    {
        for (var p0 = 0; p0 < k; p0 += GemmKernels.Kc)
        {
            var kc = Math.Min(GemmKernels.Kc, k - p0);
            GemmPacking.PackB(b, ldb, transposeB, p0, j0, kc, cols, nr, dst + (long)p0 * paddedWidth + (long)j0 * kc);
        }
    }

    /// <summary>
    /// One thread's share. With <paramref name="packedB"/> (a whole op(B) packed as by <see cref="Pack"/>, rows of
    /// <paramref name="packedWidth"/> padded columns), op(B) column 0 of this share is its column
    /// <paramref name="packedColumn"/> (a multiple of nr); otherwise op(B) is packed here from <paramref name="b"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Serial(
        GemmKernelKind kind, int m, int n, int k,
        float* a, int lda, bool transposeA,
        float* b, int ldb, bool transposeB, float* packedB, int packedWidth, int packedColumn,
        float* c, int ldc, float alpha, float beta)
    {
        var mr = GemmKernels.Mr(kind);
        var nr = GemmKernels.Nr(kind);
        var mcMax = GemmKernels.Mc(kind);
        const int kcMax = GemmKernels.Kc;
        const int ncMax = GemmKernels.Nc;
        var scratch = GemmScratch.Current;
        var aPack = scratch.A(Math.Min(mcMax, (m + mr - 1) / mr * mr) * kcMax);
        var bPack = packedB is null ? scratch.B(kcMax * Math.Min(ncMax, (n + nr - 1) / nr * nr)) : null;
        var tile = scratch.Tile(mr * nr);

        for (var jc = 0; jc < n; jc += ncMax)
        {
            var nc = Math.Min(ncMax, n - jc);
            for (var pc = 0; pc < k; pc += kcMax)
            {
                var kc = Math.Min(kcMax, k - pc);
                float* bPanel;
                if (packedB is null)
                {
                    GemmPacking.PackB(b, ldb, transposeB, pc, jc, kc, nc, nr, bPack);
                    bPanel = bPack;
                }
                else
                {
                    bPanel = packedB + (long)pc * packedWidth + (long)(packedColumn + jc) * kc;
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
