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
        ["conv_transpose"] = MilConvolutionOps.ConvTranspose,
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
        ["scatter_along_axis"] = MilScatterOps.ScatterAlongAxis,
        ["scatter_nd"] = MilScatterOps.ScatterNd,
        ["classify"] = MilClassifierOps.Classify,

        ["reshape"] = MilShapeOps.Reshape,
        ["transpose"] = MilShapeOps.Transpose,
        ["concat"] = MilShapeOps.Concat,
        ["squeeze"] = MilShapeOps.Squeeze,
        ["expand_dims"] = MilShapeOps.ExpandDims,
        ["slice_by_index"] = MilShapeOps.SliceByIndex,

        // Normalization.
        ["instance_norm"] = MilNormalizationOps.InstanceNorm,
        ["layer_norm"] = MilNormalizationOps.LayerNorm,
        ["l2_norm"] = MilNormalizationOps.L2Norm,
        ["local_response_norm"] = MilNormalizationOps.LocalResponseNorm,

        // Reductions.
        ["reduce_sum"] = MilReductionOps.ReduceSum,
        ["reduce_max"] = MilReductionOps.ReduceMax,
        ["reduce_min"] = MilReductionOps.ReduceMin,
        ["reduce_prod"] = MilReductionOps.ReduceProd,
        ["reduce_l1_norm"] = MilReductionOps.ReduceL1Norm,
        ["reduce_l2_norm"] = MilReductionOps.ReduceL2Norm,
        ["reduce_log_sum"] = MilReductionOps.ReduceLogSum,
        ["reduce_log_sum_exp"] = MilReductionOps.ReduceLogSumExp,
        ["reduce_sum_square"] = MilReductionOps.ReduceSumSquare,
        ["reduce_argmax"] = MilReductionOps.ReduceArgmax,
        ["reduce_argmin"] = MilReductionOps.ReduceArgmin,

        // Element-wise unary.
        ["abs"] = MilElementwiseUnaryOps.Abs,
        ["exp"] = MilElementwiseUnaryOps.Exp,
        ["exp2"] = MilElementwiseUnaryOps.Exp2,
        ["log"] = MilElementwiseUnaryOps.Log,
        ["sqrt"] = MilElementwiseUnaryOps.Sqrt,
        ["rsqrt"] = MilElementwiseUnaryOps.Rsqrt,
        ["inverse"] = MilElementwiseUnaryOps.Inverse,
        ["floor"] = MilElementwiseUnaryOps.Floor,
        ["ceil"] = MilElementwiseUnaryOps.Ceil,
        ["round"] = MilElementwiseUnaryOps.Round,
        ["sign"] = MilElementwiseUnaryOps.Sign,
        ["sin"] = MilElementwiseUnaryOps.Sin,
        ["cos"] = MilElementwiseUnaryOps.Cos,
        ["tan"] = MilElementwiseUnaryOps.Tan,
        ["asin"] = MilElementwiseUnaryOps.Asin,
        ["acos"] = MilElementwiseUnaryOps.Acos,
        ["atan"] = MilElementwiseUnaryOps.Atan,
        ["sinh"] = MilElementwiseUnaryOps.Sinh,
        ["cosh"] = MilElementwiseUnaryOps.Cosh,
        ["atanh"] = MilElementwiseUnaryOps.Atanh,
        ["erf"] = MilElementwiseUnaryOps.Erf,
        ["square"] = MilElementwiseUnaryOps.Square,
        ["clip"] = MilElementwiseUnaryOps.Clip,
        ["threshold"] = MilElementwiseUnaryOps.Threshold,
        ["logical_not"] = MilElementwiseUnaryOps.LogicalNot,

        // Comparisons and logical binary ops.
        ["equal"] = MilComparisonOps.Equal,
        ["not_equal"] = MilComparisonOps.NotEqual,
        ["greater"] = MilComparisonOps.Greater,
        ["greater_equal"] = MilComparisonOps.GreaterEqual,
        ["less"] = MilComparisonOps.Less,
        ["less_equal"] = MilComparisonOps.LessEqual,
        ["logical_and"] = MilComparisonOps.LogicalAnd,
        ["logical_or"] = MilComparisonOps.LogicalOr,
        ["logical_xor"] = MilComparisonOps.LogicalXor,

        // Data movement.
        ["split"] = MilDataMovementOps.Split,
        ["stack"] = MilDataMovementOps.Stack,
        ["slice_by_size"] = MilDataMovementOps.SliceBySize,
        ["gather"] = MilDataMovementOps.Gather,
        ["gather_along_axis"] = MilDataMovementOps.GatherAlongAxis,
        ["gather_nd"] = MilDataMovementOps.GatherNd,
        ["pad"] = MilDataMovementOps.Pad,
        ["tile"] = MilDataMovementOps.Tile,
        ["select"] = MilDataMovementOps.Select,

        // Resizing and block rearrangement.
        ["resize_bilinear"] = MilResizeOps.ResizeBilinear,
        ["resize_nearest_neighbor"] = MilResizeOps.ResizeNearestNeighbor,
        ["pixel_shuffle"] = MilResizeOps.PixelShuffle,
        ["pixel_unshuffle"] = MilResizeOps.PixelUnshuffle,
        ["space_to_depth"] = MilResizeOps.SpaceToDepth,
        ["depth_to_space"] = MilResizeOps.DepthToSpace,
        ["crop_resize"] = MilCropResizeOps.CropResize,
        ["resample"] = MilResampleOps.Resample,
        ["affine"] = MilResampleOps.Affine,

        // Sorting, scans, generators and einsum.
        ["topk"] = MilSortingOps.TopK,
        ["argsort"] = MilSortingOps.ArgSort,
        ["cumsum"] = MilSortingOps.CumSum,
        ["fill"] = MilSortingOps.Fill,
        ["range_1d"] = MilSortingOps.Range1D,
        ["einsum"] = MilSortingOps.Einsum,

        // Weight decompression (read-time constants).
        ["constexpr_affine_dequantize"] = MilConstexprOps.AffineDequantize,
        ["constexpr_lut_to_dense"] = MilConstexprOps.LutToDense,
        ["constexpr_sparse_to_dense"] = MilConstexprOps.SparseToDense,
        ["constexpr_blockwise_shift_scale"] = MilConstexprOps.BlockwiseShiftScale,
        ["constexpr_cast"] = MilConstexprOps.Cast,
        ["constexpr_lut_to_sparse"] = MilConstexprOps.LutToSparse,
        ["constexpr_sparse_blockwise_shift_scale"] = MilConstexprOps.SparseBlockwiseShiftScale,

        // Reordering, windows, masks and per-channel softplus.
        ["reverse"] = MilReorderOps.Reverse,
        ["reverse_sequence"] = MilReorderOps.ReverseSequence,
        ["flatten2d"] = MilReorderOps.Flatten2D,
        ["crop"] = MilReorderOps.Crop,
        ["sliding_windows"] = MilReorderOps.SlidingWindows,
        ["space_to_batch"] = MilReorderOps.SpaceToBatch,
        ["batch_to_space"] = MilReorderOps.BatchToSpace,
        ["one_hot"] = MilMaskOps.OneHot,
        ["band_part"] = MilMaskOps.BandPart,
        ["softplus_parametric"] = MilMaskOps.SoftplusParametric,
    };

    /// <summary>The op types with a builder.</summary>
    public static IReadOnlyCollection<string> Supported => Builders.Keys;

    /// <summary>The builder for <paramref name="opType"/>, or null when Parity does not execute it.</summary>
    public static MilOpBuilder? Find(string opType) => Builders.GetValueOrDefault(opType);
}
