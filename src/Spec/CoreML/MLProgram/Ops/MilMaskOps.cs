using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// one_hot, band_part (tensor_operation.py) and softplus_parametric (activation.py, iOS 15/17): ops that multiply or
/// select by a constant built while reading (a position range, a band mask, per-channel alpha and beta).
/// </summary>
internal static class MilMaskOps
{
    /// <summary>
    /// one_hot(indices, one_hot_vector_size, axis = -1, on_value = 1, off_value = 0): a new axis of one_hot_vector_size at
    /// axis (in the output's rank) holding on_value where its position equals the index and off_value elsewhere, so an
    /// index outside [0, size) gives a vector of off_value. The size must be known while reading: it sets the shape.
    /// </summary>
    public static void OneHot(MilOpContext context)
    {
        var indices = MilFloatOperands.Input(context, "indices");
        var indexShape = context.ShapeOf(indices);
        var size = context.Int("one_hot_vector_size");
        if (size < 0) throw context.Error("one_hot_vector_size", $"is {size}; expected a non-negative size.");
        if ((long)size * indexShape.ElementCount > Shape.MaxElements)
        {
            throw context.Error("one_hot_vector_size", $"is {size}; with indices {indexShape} the output would exceed {Shape.MaxElements} elements.");
        }
        var rank = indexShape.Rank + 1;
        var axis = MilDataMovementOps.Axis(context, "axis", rank, -1);
        var positionShape = Enumerable.Repeat(1, rank).ToArray();
        positionShape[axis] = size;
        var positions = context.ConstantStep("positions", Tensor.FromArray(Enumerable.Range(0, size).Select(i => (float)i).ToArray(), positionShape));
        var index = context.EmitStep("index", new ExpandDimsOp([axis]), indices);
        var hit = context.EmitStep("hit", new Compare(CompareKind.Equal), index, positions);
        var on = MilFloatOperands.Scalar(context, "on", context.Float("on_value", 1f));
        var off = MilFloatOperands.Scalar(context, "off", context.Float("off_value", 0f));
        MilFloatOperands.EmitAsDeclared(context, new Select(), hit, on, off);
    }

    /// <summary>
    /// band_part(x, lower = -1, upper = -1): keeps element (m, n) of each inner matrix where
    /// (lower &lt; 0 || m - n &lt;= lower) &amp;&amp; (upper &lt; 0 || n - m &lt;= upper), zero elsewhere (tf.linalg.band_part).
    /// </summary>
    public static void BandPart(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        var shape = context.ShapeOf(x);
        if (shape.Rank < 2) throw context.Error("x", $"has shape {shape}; band_part needs rank 2 or more (the last two axes are the matrix).");
        var lower = context.Int("lower", -1);
        var upper = context.Int("upper", -1);
        var (rows, columns) = (shape[^2], shape[^1]);
        var mask = new float[rows * columns];
        for (var m = 0; m < rows; m++)
        {
            for (var n = 0; n < columns; n++) mask[m * columns + n] = (lower < 0 || m - n <= lower) && (upper < 0 || n - m <= upper) ? 1f : 0f;
        }
        var band = context.ConstantStep("band", Tensor.FromArray(mask, rows, columns));
        MilFloatOperands.EmitAsDeclared(context, new BinaryArithmetic(BinaryKind.Multiply), x, band);
    }

    /// <summary>softplus_parametric(x [b, C, ...], alpha [C], beta [C]): alpha_c * log(1 + exp(beta_c * x)) on channel axis 1.</summary>
    public static void SoftplusParametric(MilOpContext context)
    {
        var x = context.Input("x");
        var shape = context.ShapeOf(x);
        if (shape.Rank < 3) throw context.Error("x", $"has shape {shape}; softplus_parametric needs rank 3 or more [b, C, ...].");
        var alpha = PerChannel(context, "alpha", shape);
        var beta = PerChannel(context, "beta", shape);
        var scaled = context.EmitStep("scaled", new BinaryArithmetic(BinaryKind.Multiply), x, beta);
        var softplus = context.EmitStep("softplus", new ElementwiseActivation(new Activation(ActivationKind.Softplus)), scaled);
        context.Emit(new BinaryArithmetic(BinaryKind.Multiply), softplus, alpha);
    }

    /// <summary>A [C] argument as a constant [C, 1, ...] that broadcasts over the axes after the channel axis.</summary>
    private static string PerChannel(MilOpContext context, string argument, Shape shape)
    {
        var values = context.Floats(argument);
        if (context.ArgumentShape(argument).Rank != 1 || values.Length != shape[1])
        {
            throw context.Error(argument, $"has shape {context.ArgumentShape(argument)}; expected one value per channel [{shape[1]}] of input {shape}.");
        }
        int[] dims = [shape[1], .. Enumerable.Repeat(1, shape.Rank - 2)];
        return context.ConstantStep(argument, Tensor.FromArray(values, dims));
    }
}
