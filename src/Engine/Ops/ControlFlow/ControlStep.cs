using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>
/// One step of a <see cref="ControlBlock"/>. Steps read and write named blobs in a shared environment (Core ML's nested
/// networks share one blob namespace with the network around them), so a step sees what earlier steps wrote.
/// </summary>
public abstract class ControlStep
{
    /// <summary>Updates <paramref name="blobs"/> to the blob types after this step; throws <see cref="ShapeMismatchException"/> when they do not fit.</summary>
    public abstract void InferTypes(Dictionary<string, TensorType> blobs);

    /// <summary>Runs the step on <paramref name="environment"/> and says whether it stopped its loop's iteration.</summary>
    internal abstract LoopSignal Run(BlobEnvironment environment);
}
