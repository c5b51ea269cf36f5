using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// One-off runs: compiles a graph for the given inputs' types (tolerating inference failures when the options
/// continue on errors) and runs it. Reuse an <see cref="ExecutionPlan"/> for repeated runs.
/// </summary>
public static class Executor
{
    public static RunResult Run(Graph graph, IReadOnlyDictionary<string, Tensor> inputs, ExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(inputs);
        var types = inputs.Where(p => graph.Inputs.Any(i => i.Name == p.Key)).ToDictionary(p => p.Key, p => p.Value.Type);
        return ExecutionPlan.Create(graph, types, options?.ContinueOnError ?? false).Run(inputs, options);
    }
}
