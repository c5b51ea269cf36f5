namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Gemm"/>: the textbook triple loop, accumulated in double.</summary>
public static class Gemm
{
    public static void Multiply(
        int m, int n, int k,
        ReadOnlySpan<float> a, int lda, bool transposeA,
        ReadOnlySpan<float> b, int ldb, bool transposeB,
        Span<float> c, int ldc,
        float alpha = 1f, float beta = 0f)
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    var av = transposeA ? a[p * lda + i] : a[i * lda + p];
                    var bv = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += (double)av * bv;
                }
                var prior = beta == 0f ? 0.0 : (double)beta * c[i * ldc + j];
                c[i * ldc + j] = (float)(alpha * sum + prior);
            }
        }
    }
}
