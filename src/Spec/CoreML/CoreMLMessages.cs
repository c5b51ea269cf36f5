using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Google.Protobuf.Reflection;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>Finds the parts of a NeuralNetwork specification that live in a different field for each of its three model types.</summary>
public static class CoreMLMessages
{
    /// <summary>The layers of a neuralNetwork, classifier or regressor specification; null for other model types.</summary>
    public static RepeatedField<NeuralNetworkLayer>? Layers(Model model) => model.TypeCase switch
    {
        Model.TypeOneofCase.NeuralNetwork => model.NeuralNetwork.Layers,
        Model.TypeOneofCase.NeuralNetworkClassifier => model.NeuralNetworkClassifier.Layers,
        Model.TypeOneofCase.NeuralNetworkRegressor => model.NeuralNetworkRegressor.Layers,
        _ => null,
    };

    /// <summary>The image preprocessing steps of a NeuralNetwork specification (empty for other model types).</summary>
    public static RepeatedField<NeuralNetworkPreprocessing> Preprocessing(Model model) => model.TypeCase switch
    {
        Model.TypeOneofCase.NeuralNetwork => model.NeuralNetwork.Preprocessing,
        Model.TypeOneofCase.NeuralNetworkClassifier => model.NeuralNetworkClassifier.Preprocessing,
        Model.TypeOneofCase.NeuralNetworkRegressor => model.NeuralNetworkRegressor.Preprocessing,
        _ => [],
    };

    /// <summary>Every WeightParams message inside <paramref name="message"/>, found by walking its fields in declaration order.</summary>
    public static IEnumerable<WeightParams> Weights(IMessage message)
    {
        if (message is WeightParams weights)
        {
            yield return weights;
            yield break;
        }
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType != FieldType.Message || field.IsMap) continue;
            var value = field.Accessor.GetValue(message);
            var children = field.IsRepeated ? ((IList)value).OfType<IMessage>() : value is IMessage one && field.Accessor.HasValue(message) ? [one] : [];
            foreach (var child in children)
            {
                foreach (var found in Weights(child)) yield return found;
            }
        }
    }
}
