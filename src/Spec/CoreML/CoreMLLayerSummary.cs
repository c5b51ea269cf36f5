namespace Parity.Spec.CoreML;

/// <summary>
/// One layer of a neural network (Type is the layer oneof name, e.g. "innerProduct") or one operation of an
/// ML program's main block (Type is the MIL op, e.g. "conv"; inputs read "parameter=value name").
/// </summary>
public sealed record CoreMLLayerSummary(string Name, string Type, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
