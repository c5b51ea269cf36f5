using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>
/// The graph under construction while a NeuralNetwork is read: value types inferred as nodes are added, and the
/// blob-to-value map. A nested network (a loop body, a branch) has a <see cref="Parent"/>: Core ML blobs share one
/// namespace, so a blob the nested network reads but does not write comes from the parent and becomes one of the
/// nested graph's inputs (<see cref="Imports"/>).
/// </summary>
internal sealed class NeuralNetworkGraphState(string path, NeuralNetworkGraphState? parent = null)
{
    private readonly HashSet<string> _nodes = [];

    public string Path { get; } = path;

    public NeuralNetworkGraphState? Parent { get; } = parent;

    /// <summary>Blobs read from the parent, in first-read order: the nested graph's input name and the parent's value.</summary>
    public List<(string Blob, string Input, string Outer)> Imports { get; } = [];

    /// <summary>The value carrying <paramref name="blob"/> here, importing it from the parents when only they have it; null when no scope has it.</summary>
    public string? Resolve(string blob)
    {
        if (Blobs.TryGetValue(blob, out var value)) return value;
        if (Parent?.Resolve(blob) is not { } outer) return null;
        var input = FreshValue(blob);
        AddInput(input, Parent.Types[outer]);
        Imports.Add((blob, input, outer));
        Blobs[blob] = input;
        return input;
    }

    public GraphBuilder Builder { get; } = new();

    public Dictionary<string, TensorType> Types { get; } = [];

    /// <summary>The value currently carrying each Core ML blob (a blob written twice, e.g. in place, moves to a new value).</summary>
    public Dictionary<string, string> Blobs { get; } = [];

    public void AddInput(string name, TensorType type)
    {
        Builder.AddInput(name, type);
        Types[name] = type;
    }

    /// <summary>A value name not used yet, starting from <paramref name="wanted"/>.</summary>
    public string FreshValue(string wanted)
    {
        var name = wanted;
        for (var k = 2; Types.ContainsKey(name); k++) name = $"{wanted}#{k}";
        return name;
    }

    public void Add(string nodeName, IOperator op, string[] inputs, string output, Func<string, Exception> error) =>
        Add(nodeName, op, inputs, [output], error);

    public void Add(string nodeName, IOperator op, string[] inputs, string[] outputs, Func<string, Exception> error)
    {
        IReadOnlyList<TensorType> types;
        try
        {
            types = op.InferOutputTypes(inputs.Select(v => Types[v]).ToArray());
        }
        catch (Exception e) when (e is ShapeMismatchException or ArgumentException)
        {
            throw error($"cannot take input(s) {string.Join(", ", inputs.Select(v => Types[v].ToString()))}: {e.Message}");
        }
        if (types.Count != outputs.Length)
        {
            throw new InvalidOperationException($"Operator {op.Kind} produces {types.Count} outputs; the reader expected {outputs.Length}.");
        }
        Builder.AddNode(FreshNode(nodeName), op, inputs, outputs);
        for (var k = 0; k < outputs.Length; k++) Types[outputs[k]] = types[k];
    }

    private string FreshNode(string wanted)
    {
        var name = wanted;
        for (var k = 2; !_nodes.Add(name); k++) name = $"{wanted}#{k}";
        return name;
    }
}
