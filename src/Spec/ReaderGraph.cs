using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec;

/// <summary>
/// The engine graph a format reader is building: the builder, every value's type inferred as nodes are added, and
/// unique value and node names. Shared by the Keras, NeuralNetwork and ML Program readers.
/// </summary>
internal abstract class ReaderGraph
{
    private readonly HashSet<string> _nodes = [];

    public GraphBuilder Builder { get; } = new();

    /// <summary>Engine types of graph values.</summary>
    public Dictionary<string, TensorType> Types { get; } = [];

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

    /// <summary>
    /// Adds a node (renamed "name#k" if the name is taken) after inferring its output types, which it returns;
    /// <paramref name="error"/> words an operator's refusal of its inputs as the reader's own format error.
    /// </summary>
    protected IReadOnlyList<TensorType> AddTyped(string nodeName, IOperator op, string[] inputs, string[] outputs, Func<string, Exception> error)
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
        var node = nodeName;
        for (var k = 2; !_nodes.Add(node); k++) node = $"{nodeName}#{k}";
        Builder.AddNode(node, op, inputs, outputs);
        for (var k = 0; k < outputs.Length; k++) Types[outputs[k]] = types[k];
        return types;
    }
}
