using Google.Protobuf;
using Google.Protobuf.Reflection;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>Counts the stored weights of Core ML NeuralNetwork layers by walking every WeightParams field of a layer's message.</summary>
internal static class CoreMLParameterCount
{
    public static IEnumerable<NeuralNetworkLayer> Layers(Model model) => (model.TypeCase switch
    {
        Model.TypeOneofCase.NeuralNetwork => model.NeuralNetwork.Layers,
        Model.TypeOneofCase.NeuralNetworkClassifier => model.NeuralNetworkClassifier.Layers,
        Model.TypeOneofCase.NeuralNetworkRegressor => model.NeuralNetworkRegressor.Layers,
        _ => (IEnumerable<NeuralNetworkLayer>)[],
    });

    public static long Of(Model model, string layerName) =>
        Layers(model).FirstOrDefault(l => l.Name == layerName) is { } layer ? Count(layer) : 0;

    private static long Count(IMessage message)
    {
        if (message is WeightParams w) return Elements(w);
        long total = 0;
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType != FieldType.Message) continue;
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    if (item is IMessage m) total += Count(m);
                }
            }
            else if (value is IMessage m && field.Accessor.HasValue(message))
            {
                total += Count(m);
            }
        }
        return total;
    }

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
