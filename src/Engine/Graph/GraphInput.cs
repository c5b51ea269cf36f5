using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>A value the caller supplies when running a graph, with the type it is declared to have.</summary>
public sealed record GraphInput(string Name, TensorType Type);
