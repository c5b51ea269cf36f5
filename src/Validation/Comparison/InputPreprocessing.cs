namespace Parity.Validation.Comparison;

/// <summary>
/// How one of model B's inputs is drawn and what model A receives for it, for image inputs whose preprocessing is
/// part of B (Core ML's scale and per-channel bias) but not of A. B gets raw values uniform in [Low, High); A gets
/// Scale * ChannelScales[c] * raw + Bias[c] along B's channel axis (axis 1 of [1, C, H, W], axis 0 of [C, H, W]), with the channel
/// order reversed first when <paramref name="ReverseChannels"/> (B declares BGR, A expects RGB), then rearranged
/// into A's layout. <paramref name="Description"/> is stated in the report's notes.
/// </summary>
public sealed record InputPreprocessing(float Low, float High, float Scale, IReadOnlyList<float> Bias, bool ReverseChannels, string Description)
{
    /// <summary>Per-channel multipliers on top of <see cref="Scale"/>, in A's channel order (torchvision's 1 / std); empty for none.</summary>
    public IReadOnlyList<float> ChannelScales { get; init; } = [];

    /// <summary>True when A gets exactly B's values.</summary>
    public bool IsIdentity => Scale == 1 && Bias.All(b => b == 0) && ChannelScales.All(s => s == 1) && !ReverseChannels;

    /// <summary>Applies the source-side preprocessing to raw data of B's shape <paramref name="dims"/>.</summary>
    public float[] ApplyForA(ReadOnlySpan<float> raw, ReadOnlySpan<int> dims)
    {
        var channelAxis = dims.Length >= 4 ? 1 : 0;
        var channels = dims.Length == 0 ? 1 : dims[channelAxis];
        var inner = 1;
        for (var d = channelAxis + 1; d < dims.Length; d++) inner *= dims[d];
        if (Bias.Count != 0 && Bias.Count != 1 && Bias.Count != channels)
        {
            throw new ArgumentException($"Input preprocessing has {Bias.Count} biases for {channels} channels of shape [{string.Join(", ", dims.ToArray())}].");
        }
        if (ChannelScales.Count != 0 && ChannelScales.Count != 1 && ChannelScales.Count != channels)
        {
            throw new ArgumentException($"Input preprocessing has {ChannelScales.Count} channel scales for {channels} channels of shape [{string.Join(", ", dims.ToArray())}].");
        }
        var result = new float[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = i / inner % channels;
            var sourceChannel = ReverseChannels ? channels - 1 - c : c;
            var from = i + (sourceChannel - c) * inner;
            var bias = Bias.Count == 0 ? 0 : Bias[Bias.Count == 1 ? 0 : c];
            var scale = ChannelScales.Count == 0 ? Scale : Scale * ChannelScales[ChannelScales.Count == 1 ? 0 : c];
            result[i] = scale * raw[from] + bias;
        }
        return result;
    }
}
