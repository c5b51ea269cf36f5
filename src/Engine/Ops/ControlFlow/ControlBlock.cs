using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>
/// A nested network as structured control flow: straight-line graph steps, branches and loop-break/continue steps run in
/// order on named blobs; a break or continue stops the block there (the blobs already written keep their values).
/// </summary>
public sealed class ControlBlock
{
    public ControlBlock(IReadOnlyList<ControlStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps.ToArray();
    }

    /// <summary>A block that does nothing (an absent else branch).</summary>
    public static ControlBlock Empty { get; } = new([]);

    public IReadOnlyList<ControlStep> Steps { get; }

    /// <summary>True when a loop-break or loop-continue step can end this block early (directly or in a nested branch).</summary>
    public bool CanSignal => Steps.Any(s => s is SignalStep || (s is BranchStep b && (b.If.CanSignal || b.Else.CanSignal)));

    /// <summary>Updates <paramref name="blobs"/> to the blob types after the block.</summary>
    public void InferTypes(Dictionary<string, TensorType> blobs)
    {
        foreach (var step in Steps) step.InferTypes(blobs);
    }

    internal LoopSignal Run(BlobEnvironment environment)
    {
        foreach (var step in Steps)
        {
            var signal = step.Run(environment);
            if (signal != LoopSignal.None) return signal;
        }
        return LoopSignal.None;
    }
}
