using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// A MIL value as the reader knows it: its MIL element type and shape, the graph value carrying it (null while a
/// constant has not been needed as a graph value), and its contents when they are known at read time.
/// </summary>
public sealed record MilValue(string Name, DataType DataType, Shape Shape, string? GraphValue, MilConstant? Constant)
{
    /// <summary>True when the contents are known while reading (const ops and ops computed from them).</summary>
    public bool IsConstant => Constant is not null;
}
