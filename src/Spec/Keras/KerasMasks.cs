namespace Parity.Spec.Keras;

/// <summary>
/// Which output mask a Keras layer call carries when its builder states none (see <see cref="KerasLayerContext.OutputMask"/>):
/// layers with supports_masking pass their input's mask on; recurrent layers keep it only when they return sequences;
/// merge layers keep a mask all their inputs share. Every other layer drops it (Keras 2 refused to build such models,
/// Keras 3 drops the mask).
/// </summary>
internal static class KerasMasks
{
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal)
    {
        "Dense", "Activation", "Dropout", "SpatialDropout1D", "AlphaDropout", "GaussianDropout", "GaussianNoise",
        "ActivityRegularization", "TimeDistributed", "BatchNormalization", "LayerNormalization",
        "ReLU", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU", "Softmax",
    };

    private static readonly HashSet<string> Recurrent = new(StringComparer.Ordinal)
    {
        "SimpleRNN", "LSTM", "GRU", "CuDNNLSTM", "CuDNNGRU", "Bidirectional",
    };

    private static readonly HashSet<string> Merge = new(StringComparer.Ordinal)
    {
        "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate", "Merge",
    };

    /// <summary>The mask of a call's first output, from its input masks (null entries: unmasked inputs).</summary>
    public static string? Propagated(KerasLayerArgs args, IReadOnlyList<string?> inputMasks)
    {
        if (inputMasks.Count == 0 || inputMasks[0] is not { } first) return null;
        if (PassThrough.Contains(args.ClassName)) return first;
        if (Recurrent.Contains(args.ClassName)) return ReturnsSequences(args) ? first : null;
        if (Merge.Contains(args.ClassName)) return inputMasks.All(m => m == first) ? first : null;
        return null;
    }

    private static bool ReturnsSequences(KerasLayerArgs args) =>
        args.ClassName == "Bidirectional"
            ? (args.Find("layer")?["config"]?["return_sequences"]?.GetValue<bool>() ?? false)
            : args.Bool(false, "return_sequences");
}
