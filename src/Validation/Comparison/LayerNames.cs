namespace Parity.Validation.Comparison;

/// <summary>
/// The key two formats' names for the same layer share: converters add suffixes to the source layer's name
/// (coremltools writes a fused activation as "conv1__activation__", a layout change as "x__permute__", an ML
/// Program's fp16 copy of a value as "x_cast_fp16" or "x_cast", tf2onnx tensors end in ":0"), so those are stripped and
/// case is ignored. MIL names allow only letters, digits and '_' (coremltools turns PyTorch's "input.3" into
/// "input_3"), so every other character counts as '_'.
/// </summary>
public static class LayerNames
{
    private static readonly string[] Suffixes = ["__activation__", "__permute__", "_preact", "_output", ":0", "_cast_fp16", "_cast_fp32", "_cast"];

    public static string Normalize(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (key.EndsWith(":0", StringComparison.Ordinal)) key = key[..^2];
        key = string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_'));
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var suffix in Suffixes)
            {
                if (key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.Ordinal))
                {
                    key = key[..^suffix.Length];
                    changed = true;
                }
            }
        }
        return key;
    }
}
