using System.Text.Json.Nodes;

namespace Parity.Spec.Keras;

/// <summary>
/// Typed access to one layer's config, accepting each key under its Keras 1 name too (e.g. "units" or
/// "output_dim"); a missing or mistyped value is a <see cref="ModelFormatException"/> naming the layer and key.
/// </summary>
public sealed class KerasLayerArgs(string file, string layer, string className, JsonObject config)
{
    public string Layer => layer;

    public string ClassName => className;

    public JsonObject Config => config;

    public bool Has(params string[] keys) => Find(keys) is not null;

    /// <summary>True when a key is present with a value other than JSON null (Keras writes "strides": null for "same as pool_size").</summary>
    public bool IsSet(params string[] keys) => Find(keys) is { } node && node.GetValueKind() != System.Text.Json.JsonValueKind.Null;

    public int Int(params string[] keys) => Required(keys, node => node.GetValue<int>(), "an integer");

    public int Int(int fallback, params string[] keys) => Find(keys) is { } node ? Convert(keys, node, n => n.GetValue<int>(), "an integer") : fallback;

    public float Float(float fallback, params string[] keys) => Find(keys) is { } node ? Convert(keys, node, n => (float)n.GetValue<double>(), "a number") : fallback;

    public bool Bool(bool fallback, params string[] keys) => Find(keys) is { } node ? Convert(keys, node, n => n.GetValue<bool>(), "true or false") : fallback;

    public string String(string fallback, params string[] keys) => Find(keys) is { } node ? Convert(keys, node, n => n.GetValue<string>(), "a string") : fallback;

    /// <summary>An integer list of <paramref name="rank"/> entries; a single integer is repeated (Keras accepts both).</summary>
    public int[] Ints(int rank, int[]? fallback, params string[] keys)
    {
        var node = Find(keys);
        if (node is null)
        {
            return fallback ?? throw Fail(keys, $"is missing; expected {rank} integer(s)");
        }
        var values = Convert(keys, node, n => n is JsonArray list
            ? list.Select(v => v!.GetValue<int>()).ToArray()
            : Enumerable.Repeat(n.GetValue<int>(), rank).ToArray(), $"{rank} integer(s)");
        return values.Length == rank ? values : throw Fail(keys, $"has {node.ToJsonString()}; expected {rank} integer(s)");
    }

    /// <summary>The raw JSON value of the first key present, or null.</summary>
    public JsonNode? Find(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (config[key] is { } node) return node;
        }
        return null;
    }

    /// <summary>An error about this layer that is not about one key.</summary>
    public ModelFormatException Error(string problem) => new(file, $"layer '{layer}' ({className})", problem);

    public ModelFormatException Fail(string[] keys, string problem) => Error($"config '{keys[0]}' {problem}.");

    private T Required<T>(string[] keys, Func<JsonNode, T> read, string expected) =>
        Find(keys) is { } node ? Convert(keys, node, read, expected) : throw Fail(keys, $"is missing; expected {expected}");

    private T Convert<T>(string[] keys, JsonNode node, Func<JsonNode, T> read, string expected)
    {
        try
        {
            return read(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw Fail(keys, $"has {node.ToJsonString()}; expected {expected}");
        }
    }
}
