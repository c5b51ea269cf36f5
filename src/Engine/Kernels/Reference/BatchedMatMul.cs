namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.BatchedMatMul"/>: one reference GEMM per batch entry.</summary>
public static class BatchedMatMul
{
    public static void Multiply(
        int batch, int m, int n, int k,
        ReadOnlySpan<float> a, int strideA, int lda, bool transposeA,
        ReadOnlySpan<float> b, int strideB, int ldb, bool transposeB,
        Span<float> c, int strideC, int ldc,
        float alpha = 1f, float beta = 0f)
    {
        for (var i = 0; i < batch; i++)
        {
            Gemm.Multiply(m, n, k, a[(i * strideA)..], lda, transposeA, b[(i * strideB)..], ldb, transposeB, c[(i * strideC)..], ldc, alpha, beta);
        }
    }
}
