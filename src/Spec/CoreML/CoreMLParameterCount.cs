using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>Counts the stored weights of Core ML NeuralNetwork layers over every WeightParams field of a layer's message.</summary>
internal static class CoreMLParameterCount
{
    public static IEnumerable<NeuralNetworkLayer> Layers(Model model) => CoreMLMessages.Layers(model) ?? [];

    public static long Of(Model model, string layerName) =>
        Layers(model).FirstOrDefault(l => l.Name == layerName) is { } layer ? CoreMLMessages.Weights(layer).Sum(Elements) : 0;

    // Quantized weights count their codes: the number of values the layer uses, whatever their storage.
    private static long Elements(WeightParams w)
    {
        if (w.FloatValue.Count > 0) return w.FloatValue.Count;
        if (!w.Float16Value.IsEmpty) return w.Float16Value.Length / 2;
        if (w.Quantization is { NumberOfBits: > 0 } q) return w.RawValue.Length * 8L / (long)q.NumberOfBits;
        if (!w.RawValue.IsEmpty) return w.RawValue.Length / 4;
        return w.Int8RawValue.Length;
    }
}
