using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.ControlFlow;

/// <summary>Core ML loopBreak (ends the loop) or loopContinue (ends the iteration): the rest of the body does not run.</summary>
public sealed class SignalStep : ControlStep
{
    public SignalStep(LoopSignal signal)
    {
        if (signal == LoopSignal.None) throw new ArgumentException("A signal step must break or continue.", nameof(signal));
        Signal = signal;
    }

    public LoopSignal Signal { get; }

    public override void InferTypes(Dictionary<string, TensorType> blobs)
    {
    }

    internal override LoopSignal Run(BlobEnvironment environment) => Signal;
}
