using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Linear;
using Parity.Engine.Ops.Reduction;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>batchedMatmul (two inputs, or one input times stored weights) and dot (dot product or cosine similarity over C).</summary>
internal static class NeuralNetworkMatMulLayers
{
    /// <summary>
    /// Two inputs: a matrix product with broadcast batch axes, where a rank-1 first operand becomes [1, D] and a rank-1
    /// second operand [D, 1] and, unlike NumPy, the added axis stays in the output (rank max(2, rank a, rank b)).
    /// One input: x [..., X1] times the weight matrix [X1, X2] plus an optional bias [X2]; the weights are stored
    /// transposed, [X2, X1] row-major (NeuralNetwork.proto says "column major"; coremltools' builder writes W.T flattened).
    /// With int8DynamicQuantize the runtime also rounds the input to int8 before multiplying; that rounding is not
    /// modelled here (the int8 weights are dequantized and the product is taken in float32).
    /// </summary>
    public static IReadOnlyList<string> BatchedMatMul(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.BatchedMatmul;
        if (context.Inputs.Count == 2)
        {
            var a = context.Inputs[0];
            var b = context.Inputs[1];
            var aShape = context.ShapeOf(a);
            var bShape = context.ShapeOf(b);
            if (aShape.Rank == 1) a = context.Emit("a_row", new ReshapeOp([1, aShape[0]]), a);
            if (bShape.Rank == 1) b = context.Emit("b_column", new ReshapeOp([bShape[0], 1]), b);
            return [context.Emit("", new MatMul(p.TransposeA, p.TransposeB), a, b)];
        }
        NeuralNetworkLayerValues.RequireInputs(context, 1);
        var rows = context.Size(p.WeightMatrixFirstDimension, "batchedMatmul.weightMatrixFirstDimension", 1);
        var columns = context.Size(p.WeightMatrixSecondDimension, "batchedMatmul.weightMatrixSecondDimension", 1);
        // Stored output-major [columns, rows], which Dense packs as it is.
        using var stored = context.TransientWeights(p.Weights, [columns, rows], "batchedMatmul.weights");
        var bias = p.HasBias ? context.Weights(p.Bias, [columns], "batchedMatmul.bias") : null;
        return [context.Emit("", Dense.FromOutputMajor(stored, bias), context.Input)];
    }

    /// <summary>
    /// Σ_c x1[c] * x2[c] over axis -3 of two [.., C, 1, 1] blobs, giving [.., 1, 1, 1]; with cosineSimilarity the sum
    /// is divided by the two L2 norms over the same axis.
    /// </summary>
    public static IReadOnlyList<string> Dot(NeuralNetworkLayerContext context)
    {
        NeuralNetworkLayerValues.RequireInputs(context, 2);
        var (x1, x2) = (context.Inputs[0], context.Inputs[1]);
        if (context.ShapeOf(x1).Rank < 3) throw context.Error("input", $"has shape {context.ShapeOf(x1)}; dot needs blobs of rank 3 or more ([.., C, 1, 1]).");
        var products = context.Emit("products", new BinaryArithmetic(BinaryKind.Multiply), x1, x2);
        var cosine = context.Layer.Dot.CosineSimilarity;
        var dot = context.Emit(cosine ? "dot" : "", new Reduce(ReductionKind.Sum, [-3], keepDims: true), products);
        if (!cosine) return [dot];
        var norm1 = context.Emit("norm1", new Reduce(ReductionKind.L2, [-3], keepDims: true), x1);
        var norm2 = context.Emit("norm2", new Reduce(ReductionKind.L2, [-3], keepDims: true), x2);
        var norms = context.Emit("norms", new BinaryArithmetic(BinaryKind.Multiply), norm1, norm2);
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Divide), dot, norms)];
    }
}
