using Parity.Engine.Tensors;

namespace Parity.Validation.Reference;

/// <summary>
/// One tensor the user dumped from the source framework: a model output (<paramref name="OutputIndex"/> &gt;= 0) or an
/// intermediate value. <paramref name="Name"/> is what the report shows (the source's output or module name);
/// <paramref name="Key"/> is the name it is matched by (the converted model's name for it, when a case.json gives one).
/// </summary>
/// <param name="FusedAway">The dump's case.json says the conversion has no value for it (fused into a neighbour): listed, never compared.</param>
public sealed record RecordedTensor(string Name, string Key, string File, Shape Shape, float[] Data, int OutputIndex = -1, bool FusedAway = false)
{
    public bool IsOutput => OutputIndex >= 0;
}
