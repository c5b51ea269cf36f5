using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Kernels.Reductions;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Linear;
using Parity.Engine.Ops.Normalization;
using Parity.Engine.Ops.Reduction;

namespace Parity.Spec.Keras.Layers;

/// <summary>
/// Add, Subtract, Multiply, Average, Maximum, Minimum and Concatenate (Keras 2+ merge layers), with NumPy broadcasting,
/// Dot, and Keras 1's Merge layer, which names the same operations as modes.
/// </summary>
internal static class KerasMergeLayers
{
    public static IReadOnlyList<string> Add(KerasLayerContext context) => Fold(context, BinaryKind.Add);

    public static IReadOnlyList<string> Multiply(KerasLayerContext context) => Fold(context, BinaryKind.Multiply);

    public static IReadOnlyList<string> Maximum(KerasLayerContext context) => Fold(context, BinaryKind.Maximum);

    public static IReadOnlyList<string> Minimum(KerasLayerContext context) => Fold(context, BinaryKind.Minimum);

    public static IReadOnlyList<string> Subtract(KerasLayerContext context)
    {
        if (context.Inputs.Count != 2) throw context.Args.Error($"takes exactly 2 inputs; this call passes {context.Inputs.Count}.");
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Subtract), context.Inputs[0], context.Inputs[1])];
    }

    /// <summary>Average sums in input order, then scales by 1/n, as Keras does.</summary>
    public static IReadOnlyList<string> Average(KerasLayerContext context)
    {
        var sum = FoldTo(context, BinaryKind.Add, "sum");
        return [context.Emit("", new ElementwiseActivation(new Activation(ActivationKind.Linear, 1f / context.Inputs.Count)), sum)];
    }

    public static IReadOnlyList<string> Concatenate(KerasLayerContext context)
    {
        var axis = context.Args.Int(-1, "axis", "concat_axis");
        return [context.Emit("", new ConcatOp(axis), context.Inputs.ToArray())];
    }

    /// <summary>
    /// Keras 1 Merge(mode): sum, mul, ave, max and concat (on concat_axis) are the Keras 2 layers above; dot, cos and
    /// Python-function modes are not supported.
    /// </summary>
    public static IReadOnlyList<string> Merge(KerasLayerContext context)
    {
        var args = context.Args;
        var mode = args.Find("mode") is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
        if (args.String("", "mode_type") == "function") mode = null;
        return mode switch
        {
            "sum" => Add(context),
            "mul" => Multiply(context),
            "ave" => Average(context),
            "max" => Maximum(context),
            "concat" => Concatenate(context),
            "dot" or "cos" => throw new UnsupportedLayerException(context.File.Path,
                new UnsupportedLayer(args.Layer, args.ClassName, $"Merge mode '{mode}' (a batched dot product) is not supported; sum, mul, ave, max and concat are.")),
            null => throw new UnsupportedLayerException(context.File.Path,
                new UnsupportedLayer(args.Layer, args.ClassName, "this Merge layer's mode is a Python function, which cannot be executed outside Python.")),
            _ => throw args.Fail(["mode"], $"is '{mode}'; expected sum, mul, concat, ave, max, dot or cos"),
        };
    }

    /// <summary>
    /// Dot(axes, normalize): Keras batch_dot of two [batch, n] or [batch, a, b] inputs, contracting axes[0] of the first
    /// with axes[1] of the second (after L2-normalizing both along them when normalize, TF's floor-of-1e-12 rule);
    /// 2D inputs give [batch, 1].
    /// </summary>
    public static IReadOnlyList<string> Dot(KerasLayerContext context)
    {
        var args = context.Args;
        if (context.Inputs.Count != 2) throw args.Error($"takes exactly 2 inputs; this call passes {context.Inputs.Count}.");
        var (x, y) = (context.Inputs[0], context.Inputs[1]);
        var rank = context.ShapeOf(x).Rank;
        if (rank != context.ShapeOf(y).Rank || rank is not (2 or 3))
        {
            throw new UnsupportedLayerException(context.File.Path, new UnsupportedLayer(args.Layer, args.ClassName,
                $"Dot on inputs {context.ShapeOf(x)} and {context.ShapeOf(y)} is not supported (only two 2D or two 3D inputs)."));
        }
        var axes = args.Find("axes") is System.Text.Json.Nodes.JsonArray pair
            ? new[] { pair[0]!.GetValue<int>(), pair[1]!.GetValue<int>() }
            : [args.Int("axes"), args.Int("axes")];
        var (ax, ay) = (axes[0] < 0 ? axes[0] + rank : axes[0], axes[1] < 0 ? axes[1] + rank : axes[1]);
        if (ax < 1 || ax >= rank || ay < 1 || ay >= rank) throw args.Fail(["axes"], $"is [{axes[0]}, {axes[1]}]; expected non-batch axes of rank-{rank} inputs");
        if (args.Bool(false, "normalize"))
        {
            x = context.Emit("normalize_0", new L2Normalization([ax], 1e-12f, L2NormEpsilon.FloorSumOfSquares), x);
            y = context.Emit("normalize_1", new L2Normalization([ay], 1e-12f, L2NormEpsilon.FloorSumOfSquares), y);
        }
        if (rank == 2)
        {
            var product = context.Emit("product", new BinaryArithmetic(BinaryKind.Multiply), x, y);
            return [context.Emit("", new Reduce(ReductionKind.Sum, [-1], keepDims: true), product)];
        }
        // [b, i, j] . [b, k, l]: contracting axis 2 of x means x as is, axis 1 means x transposed; the reverse for y.
        return [context.Emit("", new MatMul(transposeA: ax == 1, transposeB: ay == 2), x, y)];
    }

    private static IReadOnlyList<string> Fold(KerasLayerContext context, BinaryKind kind) => [FoldTo(context, kind, "")];

    // ((x0 op x1) op x2) ...: Keras's own order, which matters for float rounding.
    private static string FoldTo(KerasLayerContext context, BinaryKind kind, string finalStep)
    {
        if (context.Inputs.Count < 2) throw context.Args.Error($"needs at least 2 inputs; this call passes {context.Inputs.Count}.");
        var acc = context.Inputs[0];
        for (var i = 1; i < context.Inputs.Count; i++)
        {
            var step = i == context.Inputs.Count - 1 ? finalStep : $"partial{i}";
            acc = context.Emit(step, new BinaryArithmetic(kind), acc, context.Inputs[i]);
        }
        return acc;
    }
}
