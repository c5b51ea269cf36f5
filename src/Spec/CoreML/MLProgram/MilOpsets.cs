using System.Text;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// Which MIL op types each opset defines (CoreML5..CoreML8 = iOS 15..18, from the op registrations in coremltools
/// converters/mil/mil/ops/defs/iOS15..iOS18) and which of them Parity executes (<see cref="MilOps"/>), so coverage can
/// be read at a glance: <see cref="CoverageTable"/>. An op type is defined in an opset from the version that
/// introduces it on; later versions may redefine it (listed again under that version).
/// </summary>
public static class MilOpsets
{
    /// <summary>The iOS versions covered: 15 (CoreML5) to 18 (CoreML8).</summary>
    public static IReadOnlyList<int> Versions { get; } = [15, 16, 17, 18];

    private static readonly Dictionary<int, string[]> Registered = new()
    {
        [15] =
        [
            "abs", "acos", "add", "affine", "argsort", "asin", "atan", "atanh", "avg_pool", "band_part", "batch_norm", "batch_to_space",
            "cast", "ceil", "clamped_relu", "classify", "clip", "concat", "cond", "const", "conv", "conv_quantized", "conv_transpose",
            "cos", "cosh", "crop", "crop_resize", "cumsum", "depth_to_space", "einsum", "elu", "equal", "erf", "exp", "exp2",
            "expand_dims", "fill", "flatten2d", "floor", "floor_div", "gather", "gather_along_axis", "gather_nd", "gelu", "greater",
            "greater_equal", "gru", "identity", "instance_norm", "inverse", "l2_norm", "l2_pool", "layer_norm", "leaky_relu", "less",
            "less_equal", "linear", "linear_activation", "list_gather", "list_length", "list_read", "list_scatter", "list_write",
            "local_response_norm", "log", "logical_and", "logical_not", "logical_or", "logical_xor", "lstm", "make_list", "matmul",
            "max_pool", "maximum", "minimum", "mod", "mul", "non_maximum_suppression", "non_zero", "not_equal", "one_hot", "pad",
            "pixel_shuffle", "pow", "prelu", "random_bernoulli", "random_categorical", "random_normal", "random_uniform", "range_1d",
            "real_div", "reduce_argmax", "reduce_argmin", "reduce_l1_norm", "reduce_l2_norm", "reduce_log_sum", "reduce_log_sum_exp",
            "reduce_max", "reduce_mean", "reduce_min", "reduce_prod", "reduce_sum", "reduce_sum_square", "relu", "relu6", "resample",
            "reshape", "resize_bilinear", "resize_nearest_neighbor", "reverse", "reverse_sequence", "rnn", "round", "rsqrt", "scaled_tanh",
            "scatter", "scatter_along_axis", "scatter_nd", "select", "shape", "sigmoid", "sigmoid_hard", "sign", "silu", "sin", "sinh",
            "slice_by_index", "slice_by_size", "sliding_windows", "softmax", "softplus", "softplus_parametric", "softsign", "space_to_batch",
            "space_to_depth", "split", "sqrt", "square", "squeeze", "stack", "sub", "tan", "tanh", "threshold", "thresholded_relu", "tile",
            "topk", "transpose", "upsample_bilinear", "upsample_nearest_neighbor", "while_loop",
        ],
        [16] =
        [
            "constexpr_affine_dequantize", "constexpr_cast", "constexpr_lut_to_dense", "constexpr_sparse_to_dense", "crop_resize",
            "fill_like", "gather", "gather_along_axis", "gather_nd", "pixel_unshuffle", "resample", "reshape_like", "topk", "upsample_bilinear",
        ],
        [17] =
        [
            "batch_norm", "cast", "clamped_relu", "clip", "conv", "conv_transpose", "crop_resize", "dequantize", "elu", "expand_dims",
            "gather", "gather_along_axis", "gather_nd", "gru", "instance_norm", "inverse", "l2_norm", "layer_norm", "leaky_relu", "linear",
            "linear_activation", "local_response_norm", "log", "lstm", "matmul", "non_maximum_suppression", "prelu", "quantize",
            "reduce_argmax", "reduce_argmin", "resample", "reshape", "reshape_like", "resize", "reverse", "reverse_sequence", "rnn", "rsqrt",
            "scaled_tanh", "scatter", "scatter_along_axis", "scatter_nd", "sigmoid_hard", "slice_by_index", "slice_by_size", "sliding_windows",
            "softplus_parametric", "squeeze", "thresholded_relu", "topk", "transpose",
        ],
        [18] =
        [
            "constexpr_blockwise_shift_scale", "constexpr_cast", "constexpr_lut_to_dense", "constexpr_lut_to_sparse",
            "constexpr_sparse_blockwise_shift_scale", "constexpr_sparse_to_dense", "gru", "read_state", "scaled_dot_product_attention",
            "slice_update",
        ],
    };

    /// <summary>Supported op types that do not execute every form of the op; shown under the table.</summary>
    public static IReadOnlyDictionary<string, string> Limitations { get; } = new Dictionary<string, string>
    {
        ["constexpr_cast"] = "fp16 and fp32 outputs only",
        ["while_loop"] = "with a trip count known only at run time, loop variables keep their shapes",
        ["cond"] = "with a predicate known only at run time, each output has one type in both branches",
        ["gru"] = "iOS 18 reset_after = true and a nonzero input_bias are not executed",
        ["einsum"] = "the equations MIL defines: \"nchw,nwhu->nchu\", \"chw,whr->chr\" and relabellings",
        ["layer_norm"] = "adjacent axes in increasing order",
        ["fill"] = "the shape must be known while reading",
        ["range_1d"] = "start, end and step must be known while reading",
        ["one_hot"] = "one_hot_vector_size must be known while reading",
    };

    /// <summary>The op types introduced or redefined by iOS <paramref name="version"/>.</summary>
    public static IReadOnlyList<string> Introduced(int version) =>
        Registered.TryGetValue(version, out var ops) ? ops : throw new ArgumentException($"No MIL opset for iOS {version}; expected 15..18.", nameof(version));

    /// <summary>Every op type a program of iOS <paramref name="version"/> may use.</summary>
    public static IReadOnlySet<string> Defined(int version)
    {
        _ = Introduced(version);
        return Registered.Where(r => r.Key <= version).SelectMany(r => r.Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when Parity executes <paramref name="opType"/> in iOS <paramref name="version"/> programs ("const" is read by the reader itself).</summary>
    public static bool IsSupported(string opType, int version) =>
        Defined(version).Contains(opType) && (opType == "const" || MilOps.Find(opType) is not null);

    /// <summary>
    /// A Markdown table of every op type of iOS 15..18: "yes" where Parity executes it, "no" where it does not, "-" where
    /// the opset does not define it; then the counts per opset and the partial ops.
    /// </summary>
    public static string CoverageTable()
    {
        var all = Versions.SelectMany(v => Introduced(v)).Distinct().Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.AppendLine("| MIL op | iOS 15 (CoreML5) | iOS 16 (CoreML6) | iOS 17 (CoreML7) | iOS 18 (CoreML8) |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var op in all)
        {
            var cells = Versions.Select(v => !Defined(v).Contains(op) ? "-" : IsSupported(op, v) ? "yes" : "no");
            text.AppendLine($"| {op}{(Limitations.ContainsKey(op) ? " *" : "")} | {string.Join(" | ", cells)} |");
        }
        text.AppendLine();
        foreach (var v in Versions)
        {
            var defined = Defined(v);
            text.AppendLine($"iOS {v}: {defined.Count(op => IsSupported(op, v))} of {defined.Count} op types executed.");
        }
        text.AppendLine();
        foreach (var (op, note) in Limitations.OrderBy(l => l.Key, StringComparer.Ordinal)) text.AppendLine($"* {op}: {note}.");
        return text.ToString();
    }
}
