namespace Parity.Validation.Comparison;

/// <summary>
/// The key two formats' names for the same layer share: converters add suffixes to the source layer's name
/// (coremltools writes a fused activation as "conv1__activation__", a layout change as "x__permute__", tf2onnx
/// tensors end in ":0"), so those are stripped and case is ignored.
/// </summary>
public static class LayerNames
{
    private static readonly string[] Suffixes = ["__activation__", "__permute__", "_preact", "_output", ":0"];

    public static string Normalize(string name)
    {
        var key = name.Trim().ToLowerInvariant();
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
