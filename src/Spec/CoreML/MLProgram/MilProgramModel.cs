using Parity.Engine.Graph;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>
/// A Core ML ML Program as an engine graph. Graph inputs are the function's inputs and graph values carry the MIL
/// value names (constants appear only where ops read them as data).
/// </summary>
/// <param name="Function">The function executed ("main" unless the model names another default).</param>
/// <param name="Opset">The function's opset, e.g. "CoreML5".</param>
/// <param name="OpOutputs">Every non-const op output in program order: MIL name, op type and its graph value (null when not built).</param>
/// <param name="Outputs">Each model output name to the graph value holding it.</param>
/// <param name="Unsupported">Ops not built; every op not depending on them is.</param>
/// <param name="Precision">Float16 when the program's ops compute in fp16, Float32 otherwise.</param>
public sealed record MilProgramModel(
    CoreMLModelFile File,
    string Function,
    string Opset,
    Graph Graph,
    IReadOnlyList<MilOpOutput> OpOutputs,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<UnsupportedLayer> Unsupported,
    Precision Precision);

/// <summary>Output <paramref name="Name"/> of a MIL op of type <paramref name="OpType"/>, carried by graph value <paramref name="Value"/> (null when not built).</summary>
public sealed record MilOpOutput(string Name, string OpType, string? Value);
