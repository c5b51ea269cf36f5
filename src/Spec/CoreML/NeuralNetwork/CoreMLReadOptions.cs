using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>What a NeuralNetwork model leaves open and a run must fix: the concrete shapes of some inputs.</summary>
public sealed record CoreMLReadOptions
{
    /// <summary>
    /// Concrete shapes by input name. Under RANK5_ARRAY_MAPPING a multi-array declared [C] or [C, H, W] is one step of
    /// a sequence whose length Core ML takes from the array it is given: a shape holding Seq times the declared
    /// element count (e.g. [1, 4] for a declared [1], or [16, 100] for [100]) runs a sequence of Seq steps. An optional
    /// input given a shape becomes a graph input instead of the zeros Core ML uses when it is left out.
    /// </summary>
    public IReadOnlyDictionary<string, Shape> InputShapes { get; init; } = new Dictionary<string, Shape>();
}
