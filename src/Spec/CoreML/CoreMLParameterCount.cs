using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>Counts the stored weights of Core ML NeuralNetwork layers over every WeightParams field of a layer's message.</summary>
internal static class CoreMLParameterCount
{
    public static IEnumerable<NeuralNetworkLayer> Layers(Model model) => CoreMLMessages.Layers(model) ?? [];

    public static long Of(Model model, string layerName) =>
        Layers(model).FirstOrDefault(l => l.Name == layerName) is { } layer ? CoreMLMessages.Weights(layer).Sum(w => Elements(w)) : 0;

    /// <summary>
    /// The values <paramref name="w"/> stores, counting payloads left in the file (<paramref name="deferred"/>) too;
    /// quantized weights count their codes: the number of values the layer uses, whatever their storage.
    /// </summary>
    internal static long Elements(WeightParams w, DeferredWeights? deferred = null)
    {
        if (deferred?.Float32Of(w) is { } packed) return packed.Length / 4;
        if (w.FloatValue.Count > 0) return w.FloatValue.Count;
        if (deferred?.Float16Of(w) is { } halves) return halves.Length / 2;
        if (!w.Float16Value.IsEmpty) return w.Float16Value.Length / 2;
        if (w.Quantization is { NumberOfBits: > 0 } q) return w.RawValue.Length * 8L / (long)q.NumberOfBits;
        if (!w.RawValue.IsEmpty) return w.RawValue.Length / 4;
        return w.Int8RawValue.Length;
    }
}
