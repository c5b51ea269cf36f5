namespace Parity.Engine.Ops.ControlFlow;

/// <summary>How a <see cref="ControlBlock"/> ended: it ran to its end, or a loop-break / loop-continue step stopped it.</summary>
public enum LoopSignal
{
    None,
    Continue,
    Break,
}
