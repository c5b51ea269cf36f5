using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// What a run produced: the requested values it could compute (owned by the caller; disposing the result
/// disposes them), and, for runs that continue on errors, which nodes failed and which were skipped.
/// </summary>
public sealed class RunResult : IDisposable
{
    internal RunResult(IReadOnlyDictionary<string, Tensor> outputs, IReadOnlyList<NodeFailure> failures,
        IReadOnlyList<SkippedNode> skipped, IReadOnlyList<string> missingOutputs)
    {
        Outputs = outputs;
        Failures = failures;
        Skipped = skipped;
        MissingOutputs = missingOutputs;
    }

    public IReadOnlyDictionary<string, Tensor> Outputs { get; }

    /// <summary>Nodes whose operator threw, in execution order.</summary>
    public IReadOnlyList<NodeFailure> Failures { get; }

    /// <summary>Nodes that did not run because an input was never produced.</summary>
    public IReadOnlyList<SkippedNode> Skipped { get; }

    /// <summary>Requested values that could not be computed.</summary>
    public IReadOnlyList<string> MissingOutputs { get; }

    /// <summary>True when every node ran.</summary>
    public bool Completed => Failures.Count == 0 && Skipped.Count == 0;

    public Tensor this[string name] => Outputs.TryGetValue(name, out var t)
        ? t
        : throw new KeyNotFoundException(MissingOutputs.Contains(name)
            ? $"Output '{name}' was not computed: {Failures.Count} node(s) failed and {Skipped.Count} were skipped."
            : $"'{name}' was not requested; the run returned {string.Join(", ", Outputs.Keys)}.");

    public void Dispose()
    {
        foreach (var t in Outputs.Values) t.Dispose();
    }
}

/// <summary>A node whose operator threw <paramref name="Error"/>.</summary>
public sealed record NodeFailure(Node Node, Exception Error)
{
    public override string ToString() => $"{Node} failed: {Error.Message}";
}

/// <summary>A node that did not run: <paramref name="MissingInputs"/> were never produced because <paramref name="FailedAncestors"/> failed.</summary>
public sealed record SkippedNode(Node Node, IReadOnlyList<string> MissingInputs, IReadOnlyList<string> FailedAncestors)
{
    public override string ToString() =>
        $"{Node} skipped: inputs {string.Join(", ", MissingInputs)} missing after {string.Join(", ", FailedAncestors)} failed";
}
