namespace Parity.Engine.Graph;

/// <summary>How one run of an <see cref="ExecutionPlan"/> behaves; the defaults run in float32 and stop at the first error.</summary>
public sealed record ExecutionOptions
{
    public static ExecutionOptions Default { get; } = new();

    public Precision Precision { get; init; } = Precision.Float32;

    /// <summary>
    /// When a node throws, record it in <see cref="RunResult.Failures"/>, skip every node that depends on it
    /// and run the rest; otherwise the run stops with a <see cref="NodeFailedException"/>.
    /// </summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Sees every value; while set, no buffer is reused before the run ends.</summary>
    public IExecutionObserver? Observer { get; init; }

    /// <summary>Values to return (graph outputs, inputs or intermediates); null returns the graph outputs.</summary>
    public IReadOnlyList<string>? Outputs { get; init; }

    /// <summary>Checked between nodes.</summary>
    public CancellationToken CancellationToken { get; init; }
}
