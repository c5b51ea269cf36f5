using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>
/// Sequence lengths a NeuralNetwork model leaves open, taken from the model it is compared with. Under
/// RANK5_ARRAY_MAPPING an input declared [C] (or [C, H, W]) is one step of a sequence whose length is whatever the
/// caller passes; a source model that declares the same input with Seq times as many elements (a Keras [1, 4] token
/// input for a Core ML [1], or [1, 16, 100] for [100]) says how long the sequence is.
/// </summary>
public static class CoreMLSequenceLengths
{
    /// <summary>Input shapes for <see cref="CoreMLReadOptions.InputShapes"/>: each required input paired by position with a source input holding whole multiples of it.</summary>
    public static IReadOnlyDictionary<string, Shape> FromCounterpart(CoreMLModelFile file, IReadOnlyList<GraphInput> source)
    {
        var shapes = new Dictionary<string, Shape>();
        var network = file.Model.TypeCase switch
        {
            Model.TypeOneofCase.NeuralNetwork => file.Model.NeuralNetwork.ArrayInputShapeMapping,
            Model.TypeOneofCase.NeuralNetworkClassifier => file.Model.NeuralNetworkClassifier.ArrayInputShapeMapping,
            Model.TypeOneofCase.NeuralNetworkRegressor => file.Model.NeuralNetworkRegressor.ArrayInputShapeMapping,
            _ => (NeuralNetworkMultiArrayShapeMapping?)null,
        };
        if (network != NeuralNetworkMultiArrayShapeMapping.Rank5ArrayMapping || file.Model.Description is null) return shapes;
        var required = file.Model.Description.Input.Where(i => i.Type is { IsOptional: false }).ToList();
        if (required.Count != source.Count) return shapes;
        for (var k = 0; k < required.Count; k++)
        {
            if (required[k].Type.TypeCase != FeatureType.TypeOneofCase.MultiArrayType) continue;
            var declared = required[k].Type.MultiArrayType.Shape;
            if (declared.Count is not (1 or 3) || declared.Any(d => d < 1)) continue;
            var step = declared.Aggregate(1L, (a, d) => a * d);
            var given = source[k].Type.Shape.ElementCount;
            if (given > step && given % step == 0) shapes[required[k].Name] = source[k].Type.Shape;
        }
        return shapes;
    }
}
