using Parity.Spec.CoreML.MLProgram.Ops;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>Builds the engine nodes for one MIL operation through <paramref name="context"/>; it must produce every declared output.</summary>
public delegate void MilOpBuilder(MilOpContext context);

/// <summary>
/// The registry of MIL op types Parity executes, by MIL op type name. One place to read which ops are supported; the
/// builders live in Ops/, one file per family. Semantics follow coremltools' op definitions per opset
/// (converters/mil/mil/ops/defs/iOS15..iOS18); "const" is read by <see cref="MilProgramReader"/> itself.
/// </summary>
public static class MilOps
{
    private static readonly Dictionary<string, MilOpBuilder> Builders = new(StringComparer.Ordinal)
    {
        ["cast"] = MilCoreOps.Cast,
        ["identity"] = MilCoreOps.Identity,
        ["shape"] = MilCoreOps.ShapeOf,

        ["conv"] = MilConvolutionOps.Conv,
        ["linear"] = MilLinearOps.Linear,
        ["matmul"] = MilLinearOps.MatMul,

        ["relu"] = MilActivationOps.Relu,
        ["relu6"] = MilActivationOps.Relu6,
        ["sigmoid"] = MilActivationOps.Sigmoid,
        ["tanh"] = MilActivationOps.Tanh,
        ["leaky_relu"] = MilActivationOps.LeakyRelu,
        ["prelu"] = MilActivationOps.Prelu,
        ["elu"] = MilActivationOps.Elu,
        ["sigmoid_hard"] = MilActivationOps.SigmoidHard,
        ["silu"] = MilActivationOps.Silu,
        ["gelu"] = MilActivationOps.Gelu,
        ["softplus"] = MilActivationOps.Softplus,
        ["softsign"] = MilActivationOps.Softsign,
        ["scaled_tanh"] = MilActivationOps.ScaledTanh,
        ["clamped_relu"] = MilActivationOps.ClampedRelu,
        ["thresholded_relu"] = MilActivationOps.ThresholdedRelu,
        ["linear_activation"] = MilActivationOps.LinearActivation,
        ["clip"] = MilActivationOps.Clip,
        ["softmax"] = MilActivationOps.Softmax,

        ["add"] = MilElementwiseBinaryOps.Add,
        ["sub"] = MilElementwiseBinaryOps.Sub,
        ["mul"] = MilElementwiseBinaryOps.Mul,
        ["real_div"] = MilElementwiseBinaryOps.RealDiv,
        ["floor_div"] = MilElementwiseBinaryOps.FloorDiv,
        ["mod"] = MilElementwiseBinaryOps.Mod,
        ["pow"] = MilElementwiseBinaryOps.Pow,
        ["maximum"] = MilElementwiseBinaryOps.Maximum,
        ["minimum"] = MilElementwiseBinaryOps.Minimum,

        ["max_pool"] = MilPoolingOps.MaxPool,
        ["avg_pool"] = MilPoolingOps.AvgPool,
        ["l2_pool"] = MilPoolingOps.L2Pool,
        ["reduce_mean"] = MilReductionOps.ReduceMean,
        ["batch_norm"] = MilNormalizationOps.BatchNorm,

        ["upsample_nearest_neighbor"] = MilResizeOps.UpsampleNearestNeighbor,
        ["upsample_bilinear"] = MilResizeOps.UpsampleBilinear,

        ["lstm"] = MilRecurrentOps.Lstm,
        ["gru"] = MilRecurrentOps.Gru,
        ["rnn"] = MilRecurrentOps.Rnn,

        ["cond"] = MilControlFlowOps.Cond,
        ["while_loop"] = MilControlFlowOps.WhileLoop,
        ["scatter"] = MilScatterOps.Scatter,
        ["classify"] = MilClassifierOps.Classify,

        // Used by the unrolled recurrences converters write as while_loop (coremltools' GRU lowering).
        ["less"] = MilComparisonOps.Less,
        ["gather"] = MilGatherOps.Gather,

        ["reshape"] = MilShapeOps.Reshape,
        ["transpose"] = MilShapeOps.Transpose,
        ["concat"] = MilShapeOps.Concat,
        ["squeeze"] = MilShapeOps.Squeeze,
        ["expand_dims"] = MilShapeOps.ExpandDims,
        ["slice_by_index"] = MilShapeOps.SliceByIndex,
    };

    /// <summary>The op types with a builder.</summary>
    public static IReadOnlyCollection<string> Supported => Builders.Keys;

    /// <summary>The builder for <paramref name="opType"/>, or null when Parity does not execute it.</summary>
    public static MilOpBuilder? Find(string opType) => Builders.GetValueOrDefault(opType);
}
