using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Kernels;

namespace Parity.Engine.Tests.Kernels;

public class BatchedMatMulTests
{
    /// <summary>A generated batch: one matrix shape for every entry, and whether A or B is shared by all entries (stride 0).</summary>
    public sealed record BatchedProblem(GemmProblem Matrix, int Batch, bool ShareA, bool ShareB)
    {
        public static Arbitrary<BatchedProblem> Arbitrary() =>
            (from matrix in GemmProblem.Generator
             from batch in Gen.Choose(1, 4)
             from shareA in Gen.Elements(false, true)
             from shareB in Gen.Elements(false, true)
             select new BatchedProblem(matrix, batch, shareA, shareB)).ToArbitrary();

        public int EntryA => (Matrix.TransposeA ? Matrix.K : Matrix.M) * Matrix.Lda;

        public int EntryB => (Matrix.TransposeB ? Matrix.N : Matrix.K) * Matrix.Ldb;

        public int EntryC => Matrix.M * Matrix.Ldc;

        public int StrideA => ShareA ? 0 : EntryA;

        public int StrideB => ShareB ? 0 : EntryB;
    }

    [Fact]
    public void Reference_multiplies_each_entry_by_a_shared_B()
    {
        float[] a = [1, 2, 3, 4, 5, 6, 7, 8];
        float[] b = [1, 0, 0, 2];
        var c = new float[8];
        Parity.Engine.Kernels.Reference.BatchedMatMul.Multiply(2, 2, 2, 2, a, 4, 2, false, b, 0, 2, false, c, 4, 2);
        // B = diag(1, 2) keeps column 0 and doubles column 1 of each A entry:
        // [1 2; 3 4] -> [1 4; 3 8], [5 6; 7 8] -> [5 12; 7 16].
        Assert.Equal([1f, 4, 3, 8, 5, 12, 7, 16], c);
    }

    [Property(Arbitrary = [typeof(BatchedProblem)], MaxTest = 60)]
    public void Optimized_matches_reference(BatchedProblem problem) => Check(problem);

    [Theory]
    [InlineData(3, 40, 50, 60, false, true)]
    [InlineData(64, 9, 17, 33, false, false)]
    [InlineData(5, 130, 70, 300, true, false)]
    public void Larger_batches_take_the_tall_fused_and_per_entry_parallel_paths(int batch, int m, int n, int k, bool shareA, bool shareB)
    {
        var matrix = new GemmProblem(m, n, k, false, false, 0, 0, 0, 1f, 0.5f, batch + m);
        Check(new BatchedProblem(matrix, batch, shareA, shareB));
    }

    [Fact]
    public void Rejects_overlapping_C_entries()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            BatchedMatMul.Multiply(2, 2, 2, 2, new float[8], 4, 2, false, new float[4], 0, 2, false, new float[8], 3, 2));
        Assert.Contains("overlap", error.Message);
    }

    private static void Check(BatchedProblem problem)
    {
        var p = problem.Matrix;
        var a = GemmProblem.Random(p.Seed, problem.EntryA * (problem.ShareA ? 1 : problem.Batch));
        var b = GemmProblem.Random(p.Seed + 1, problem.EntryB * (problem.ShareB ? 1 : problem.Batch));
        var before = p.Beta == 0f
            ? Enumerable.Repeat(float.NaN, problem.EntryC * problem.Batch).ToArray()
            : GemmProblem.Random(p.Seed + 2, problem.EntryC * problem.Batch);
        var expected = (float[])before.Clone();
        var actual = (float[])before.Clone();
        Parity.Engine.Kernels.Reference.BatchedMatMul.Multiply(problem.Batch, p.M, p.N, p.K,
            a, problem.StrideA, p.Lda, p.TransposeA, b, problem.StrideB, p.Ldb, p.TransposeB, expected, problem.EntryC, p.Ldc, p.Alpha, p.Beta);
        BatchedMatMul.Multiply(problem.Batch, p.M, p.N, p.K,
            a, problem.StrideA, p.Lda, p.TransposeA, b, problem.StrideB, p.Ldb, p.TransposeB, actual, problem.EntryC, p.Ldc, p.Alpha, p.Beta);
        for (var i = 0; i < problem.Batch; i++)
        {
            GemmAssert.WithinBound(p,
                a.AsSpan(i * problem.StrideA, problem.EntryA), b.AsSpan(i * problem.StrideB, problem.EntryB),
                before.AsSpan(i * problem.EntryC, problem.EntryC), expected.AsSpan(i * problem.EntryC, problem.EntryC),
                actual.AsSpan(i * problem.EntryC, problem.EntryC));
        }
    }
}
