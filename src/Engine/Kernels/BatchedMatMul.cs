namespace Parity.Engine.Kernels;

/// <summary>
/// A batch of independent GEMMs, C[i] = alpha * op(A[i]) * op(B[i]) + beta * C[i], where matrix i of an operand
/// starts at i * its stride; a stride of 0 shares one matrix across the batch (NumPy-style broadcasting).
/// </summary>
public static class BatchedMatMul
{
    // An entry too small for the GEMM to split over two cores is run whole on one core, several entries per core.
    private const long SplitGemmWork = 2 * GemmDriver.MinWorkPerThread;

    /// <summary>
    /// Each entry is a <see cref="Gemm.Multiply(int, int, int, ReadOnlySpan{float}, int, bool, ReadOnlySpan{float}, int, bool, Span{float}, int, float, float)"/>
    /// with the same m, n, k, leading dimensions and transposes. C entries must not overlap (strideC covers one m x ldc matrix).
    /// </summary>
    public static unsafe void Multiply(
        int batch, int m, int n, int k,
        ReadOnlySpan<float> a, int strideA, int lda, bool transposeA,
        ReadOnlySpan<float> b, int strideB, int ldb, bool transposeB,
        Span<float> c, int strideC, int ldc,
        float alpha = 1f, float beta = 0f)
    {
        if (batch < 0 || m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentException($"Batched GEMM sizes must be non-negative; got batch={batch}, m={m}, n={n}, k={k}.");
        }
        if (strideA < 0 || strideB < 0 || strideC < 0)
        {
            throw new ArgumentException($"Batch strides must be non-negative; got A {strideA}, B {strideB}, C {strideC}.");
        }
        if (batch == 0 || m == 0 || n == 0) return;
        var cMatrix = (long)(m - 1) * ldc + n;
        if (batch > 1 && strideC < cMatrix)
        {
            throw new ArgumentException($"C batch stride {strideC} makes entries overlap; one {m} x {n} matrix with row stride {ldc} spans {cMatrix} floats.");
        }
        RequireLength("A", a.Length, batch, strideA, transposeA ? k : m, transposeA ? m : k, lda);
        RequireLength("B", b.Length, batch, strideB, transposeB ? n : k, transposeB ? k : n, ldb);
        RequireLength("C", c.Length, batch, strideC, m, n, ldc);

        // With B shared and A, C entries stacked row after row, the whole batch is one tall GEMM.
        if (strideB == 0 && !transposeA && strideA == (long)m * lda && strideC == (long)m * ldc && (long)batch * m <= int.MaxValue)
        {
            Gemm.Multiply(batch * m, n, k, a, lda, false, b, ldb, transposeB, c, ldc, alpha, beta);
            return;
        }
        if (batch == 1 || (long)m * n * k >= SplitGemmWork)
        {
            for (var i = 0; i < batch; i++)
            {
                Gemm.Multiply(m, n, k, Entry(a, i, strideA), lda, transposeA, Entry(b, i, strideB), ldb, transposeB, c[(i * strideC)..], ldc, alpha, beta);
            }
            return;
        }
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            nint aAddress = (nint)pa, bAddress = (nint)pb, cAddress = (nint)pc;
            int aLength = a.Length, bLength = b.Length, cLength = c.Length;
            var perThread = (int)Math.Max(1, GemmDriver.MinWorkPerThread / Math.Max(1L, (long)m * n * k));
            Parallelism.For(batch, perThread, (first, end) =>
            {
                var sa = new ReadOnlySpan<float>((float*)aAddress, aLength);
                var sb = new ReadOnlySpan<float>((float*)bAddress, bLength);
                var sc = new Span<float>((float*)cAddress, cLength);
                for (var i = first; i < end; i++)
                {
                    Gemm.Multiply(GemmKernels.Best, parallel: false, m, n, k,
                        Entry(sa, i, strideA), lda, transposeA, Entry(sb, i, strideB), ldb, transposeB, sc[(i * strideC)..], ldc, alpha, beta);
                }
            });
        }
    }

    // With k = 0 an operand may be empty while its stride is not; its entries are then empty too.
    private static ReadOnlySpan<float> Entry(ReadOnlySpan<float> operand, int index, int stride)
    {
        var start = (long)index * stride;
        return start >= operand.Length ? default : operand[(int)start..];
    }

    // Leading dimensions are checked by each GEMM; here that the last entry, stored rows x cols with row stride ld, fits.
    private static void RequireLength(string name, int length, int batch, int stride, int rows, int cols, int ld)
    {
        var needed = rows == 0 || cols == 0 ? 0 : (long)(batch - 1) * stride + (long)(rows - 1) * ld + cols;
        if (length < needed)
        {
            throw new ArgumentException($"{name} holds {length} floats; {batch} entries of {rows} x {cols} (row stride {ld}, batch stride {stride}) need {needed}.");
        }
    }
}
