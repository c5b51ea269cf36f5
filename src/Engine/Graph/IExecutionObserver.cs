using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// Watches a run: sees every graph input and every produced value with the node that produced it. Tensors
/// handed to it stay valid until the run returns; to keep one longer, clone it or take a
/// <see cref="Tensor.Share"/> handle (a run with an observer never writes a reported value's buffer again). Calls
/// come from the thread running the plan, in node order.
/// </summary>
public interface IExecutionObserver
{
    /// <summary>A graph input as the nodes will read it (after fp16 rounding in <see cref="Precision.Float16"/> runs).</summary>
    void OnGraphInput(string name, Tensor value)
    {
    }

    /// <summary>Called before node <paramref name="index"/> of <paramref name="count"/> runs; useful for progress.</summary>
    void OnNodeStarting(Node node, int index, int count)
    {
    }

    /// <summary>A value <paramref name="node"/> just produced (already fp16-rounded in <see cref="Precision.Float16"/> runs).</summary>
    void OnValue(Node node, string valueName, Tensor value);

    /// <summary>Called after every output of the node has been reported.</summary>
    void OnNodeFinished(Node node, int index, int count)
    {
    }

    /// <summary>The node threw; only called when the run continues on errors.</summary>
    void OnNodeFailed(Node node, Exception error)
    {
    }
}
