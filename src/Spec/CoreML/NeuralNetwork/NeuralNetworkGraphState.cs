using Parity.Engine.Graph;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>
/// The graph under construction while a NeuralNetwork is read: value types inferred as nodes are added, and the
/// blob-to-value map. A pipeline builds all its stages into one state, each NeuralNetwork stage with its own blob map. A nested network (a loop body, a branch) has a <see cref="Parent"/>: Core ML blobs share one
/// namespace, so a blob the nested network reads but does not write comes from the parent and becomes one of the
/// nested graph's inputs (<see cref="Imports"/>).
/// </summary>
internal sealed class NeuralNetworkGraphState(string path, NeuralNetworkGraphState? parent = null, DeferredWeights? deferredWeights = null) : ReaderGraph
{
    public string Path { get; } = path;

    /// <summary>Where the weights the specification was parsed without lie (the file's, shared by nested networks).</summary>
    public DeferredWeights? DeferredWeights { get; } = deferredWeights ?? parent?.DeferredWeights;

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

    /// <summary>The value currently carrying each Core ML blob (a blob written twice, e.g. in place, moves to a new value).</summary>
    public Dictionary<string, string> Blobs { get; } = [];

    public void Add(string nodeName, IOperator op, string[] inputs, string output, Func<string, Exception> error) =>
        Add(nodeName, op, inputs, [output], error);

    public void Add(string nodeName, IOperator op, string[] inputs, string[] outputs, Func<string, Exception> error) =>
        AddTyped(nodeName, op, inputs, outputs, error);
}
