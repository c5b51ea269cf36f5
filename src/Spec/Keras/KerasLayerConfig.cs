using System.Text.Json.Nodes;

namespace Parity.Spec.Keras;

/// <summary>
/// One layer of a model config: its class, its own config object, and each call of it (a shared layer is
/// called several times). <see cref="Model"/> is set when the layer is itself a Sequential or Functional model.
/// </summary>
public sealed record KerasLayerConfig(
    string Name,
    string ClassName,
    JsonObject Config,
    IReadOnlyList<KerasLayerCall> Calls,
    KerasModelConfig? Model);

/// <summary>One call of a layer: the tensors passed positionally (flattened in order) and keyword tensors such as initial_state.</summary>
public sealed record KerasLayerCall(IReadOnlyList<KerasTensorRef> Inputs, IReadOnlyDictionary<string, IReadOnlyList<KerasTensorRef>> KeywordInputs, JsonObject? Kwargs);
