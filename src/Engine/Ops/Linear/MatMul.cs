using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Linear;

/// <summary>
/// Matrix product with NumPy matmul semantics: the last two axes multiply, leading (batch) axes broadcast, and a
/// rank-1 operand is a row (left) or column (right) vector whose axis is dropped from the result.
/// Optional transposes of the last two axes of rank-2+ operands express Core ML's batchedMatMul flags.
/// </summary>
public sealed class MatMul(bool transposeA = false, bool transposeB = false) : IOperator
{
    public string Kind => "MatMul";

    /// <summary>Swap the last two axes of the left operand before multiplying (ignored for rank 1).</summary>
    public bool TransposeA { get; } = transposeA;

    /// <summary>Swap the last two axes of the right operand before multiplying (ignored for rank 1).</summary>
    public bool TransposeB { get; } = transposeB;

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs) => [new(DType.Float32, Plan(inputs).Output)];

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var plan = Plan([inputs[0].Type, inputs[1].Type]);
        var a = inputs[0].Floats;
        var b = inputs[1].Floats;
        var c = outputs[0].Floats;
        int m = plan.M, n = plan.N, k = plan.K;
        var ta = plan.TransposeA;
        var tb = plan.TransposeB;
        int lda = ta ? m : k, ldb = tb ? k : n;
        int aCount = plan.ABatch.ElementCount, bCount = plan.BBatch.ElementCount, count = plan.Batch.ElementCount;
        if ((aCount == count || aCount == 1) && (bCount == count || bCount == 1))
        {
            // One operand shares a single matrix or both walk the batch in step: strides express it.
            BatchedMatMul.Multiply(count, m, n, k,
                a, aCount == 1 ? 0 : m * k, lda, ta,
                b, bCount == 1 ? 0 : k * n, ldb, tb,
                c, m * n, n);
            return;
        }
        var aStrides = BroadcastStrides(plan.ABatch, plan.Batch);
        var bStrides = BroadcastStrides(plan.BBatch, plan.Batch);
        var outDims = plan.Batch.Dims;
        for (var index = 0; index < count; index++)
        {
            int aEntry = 0, bEntry = 0, rest = index;
            for (var axis = outDims.Length - 1; axis >= 0; axis--)
            {
                var coordinate = rest % outDims[axis];
                rest /= outDims[axis];
                aEntry += coordinate * aStrides[axis];
                bEntry += coordinate * bStrides[axis];
            }
            Gemm.Multiply(m, n, k, a.Slice(aEntry * m * k, m * k), lda, ta, b.Slice(bEntry * k * n, k * n), ldb, tb, c.Slice(index * m * n, m * n), n);
        }
    }

    // Entry strides of an operand's batch (left-padded with 1s) over the broadcast batch; broadcast axes step 0.
    private static int[] BroadcastStrides(Shape operand, Shape batch)
    {
        var strides = new int[batch.Rank];
        var offset = batch.Rank - operand.Rank;
        var step = 1;
        for (var axis = batch.Rank - 1; axis >= 0; axis--)
        {
            var size = axis >= offset ? operand[axis - offset] : 1;
            strides[axis] = size == 1 ? 0 : step;
            step *= size;
        }
        return strides;
    }

    private Problem Plan(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 2)
        {
            throw new ShapeMismatchException($"MatMul takes 2 inputs; got {inputs.Count}.");
        }
        TensorType a = inputs[0], b = inputs[1];
        if (a.DType != DType.Float32 || b.DType != DType.Float32)
        {
            throw new ShapeMismatchException($"MatMul multiplies float32 tensors; got {a} and {b}.");
        }
        if (a.Shape.Rank == 0 || b.Shape.Rank == 0)
        {
            throw new ShapeMismatchException($"MatMul needs operands of rank 1 or more; got {a.Shape} and {b.Shape}.");
        }
        var aDims = a.Shape.Dims;
        var bDims = b.Shape.Dims;
        var ta = TransposeA && aDims.Length >= 2;
        var tb = TransposeB && bDims.Length >= 2;
        int m, ka, kb, n;
        if (aDims.Length == 1) (m, ka) = (1, aDims[0]);
        else (m, ka) = ta ? (aDims[^1], aDims[^2]) : (aDims[^2], aDims[^1]);
        if (bDims.Length == 1) (kb, n) = (bDims[0], 1);
        else (kb, n) = tb ? (bDims[^1], bDims[^2]) : (bDims[^2], bDims[^1]);
        if (ka != kb)
        {
            throw new ShapeMismatchException($"MatMul inner dimensions differ: {a.Shape}{(ta ? " (transposed)" : "")} has {ka} columns, {b.Shape}{(tb ? " (transposed)" : "")} has {kb} rows.");
        }
        var aBatch = new Shape(aDims[..Math.Max(0, aDims.Length - 2)]);
        var bBatch = new Shape(bDims[..Math.Max(0, bDims.Length - 2)]);
        var rank = Math.Max(aBatch.Rank, bBatch.Rank);
        var batch = new int[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            var da = axis - (rank - aBatch.Rank) is var ia && ia >= 0 ? aBatch[ia] : 1;
            var db = axis - (rank - bBatch.Rank) is var ib && ib >= 0 ? bBatch[ib] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw new ShapeMismatchException($"MatMul batch axes of {a.Shape} and {b.Shape} do not broadcast: {da} vs {db}.");
            }
            batch[axis] = da == 1 ? db : da;
        }
        var output = new List<int>(batch);
        if (aDims.Length >= 2) output.Add(m);
        if (bDims.Length >= 2) output.Add(n);
        return new Problem(m, n, ka, ta, tb, aBatch, bBatch, new Shape(batch), new Shape(output.ToArray()));
    }

    private readonly record struct Problem(int M, int N, int K, bool TransposeA, bool TransposeB, Shape ABatch, Shape BBatch, Shape Batch, Shape Output);
}
