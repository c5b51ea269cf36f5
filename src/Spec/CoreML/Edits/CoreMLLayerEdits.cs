using System.Globalization;
using Parity.Spec.CoreML.Format;
using LayerCase = Parity.Spec.CoreML.Format.NeuralNetworkLayer.LayerOneofCase;

namespace Parity.Spec.CoreML.Edits;

/// <summary>
/// The edits that apply to one layer, chosen by its type: Flatten order, 'same' padding asymmetry, softmax axis,
/// upsampling coordinates, batch-norm epsilon, and (<see cref="CoreMLRecurrentEdits"/>) recurrent gate order and activation.
/// </summary>
internal static class CoreMLLayerEdits
{
    // Keras' default BatchNormalization epsilon and PyTorch's: the two values converters confuse.
    private static readonly float[] Epsilons = [1e-3f, 1e-5f];

    /// <param name="rank">The rank of the layer's output as the model computes it, when known (softmax axes).</param>
    public static IEnumerable<CoreMLEdit> For(NeuralNetworkLayer layer, int? rank)
    {
        var name = layer.Name;
        switch (layer.LayerCase)
        {
            case LayerCase.Flatten:
                var order = layer.Flatten.Mode == FlattenLayerParams.Types.FlattenOrder.ChannelFirst
                    ? FlattenLayerParams.Types.FlattenOrder.ChannelLast : FlattenLayerParams.Types.FlattenOrder.ChannelFirst;
                yield return new CoreMLEdit(CoreMLEditKind.FlattenOrder, name, $"flatten '{name}' in {Words(order)} order instead of {Words(layer.Flatten.Mode)}")
                {
                    Apply = spec => Find(spec, name).Flatten.Mode = order,
                };
                break;
            case LayerCase.Convolution when layer.Convolution.ConvolutionPaddingTypeCase == ConvolutionLayerParams.ConvolutionPaddingTypeOneofCase.Same:
                yield return Asymmetry(name, layer.Convolution.Same, spec => Find(spec, name).Convolution.Same);
                break;
            case LayerCase.Pooling when layer.Pooling.PoolingPaddingTypeCase == PoolingLayerParams.PoolingPaddingTypeOneofCase.Same:
                yield return Asymmetry(name, layer.Pooling.Same, spec => Find(spec, name).Pooling.Same);
                break;
            case LayerCase.SoftmaxND when rank is > 1:
                var current = (int)layer.SoftmaxND.Axis;
                var normalized = current < 0 ? current + rank.Value : current;
                for (var axis = rank.Value - 1; axis >= 0; axis--)
                {
                    if (axis == normalized) continue;
                    var candidate = axis;
                    yield return new CoreMLEdit(CoreMLEditKind.SoftmaxAxis, name, $"softmax '{name}' over axis {candidate} instead of axis {current} (rank {rank})")
                    {
                        Apply = spec => Find(spec, name).SoftmaxND.Axis = candidate,
                    };
                }
                break;
            case LayerCase.Upsample when layer.Upsample.Mode == UpsampleLayerParams.Types.InterpolationMode.Bilinear:
                foreach (var mode in Enum.GetValues<UpsampleLayerParams.Types.LinearUpsampleMode>().Where(m => m != layer.Upsample.LinearUpsampleMode))
                {
                    yield return new CoreMLEdit(CoreMLEditKind.UpsampleCoordinates, name, $"upsample '{name}' with coordinates {mode} instead of {layer.Upsample.LinearUpsampleMode}")
                    {
                        Apply = spec => Find(spec, name).Upsample.LinearUpsampleMode = mode,
                    };
                }
                break;
            case LayerCase.Batchnorm:
                foreach (var epsilon in Epsilons.Where(e => Math.Abs(e - layer.Batchnorm.Epsilon) > 1e-3 * e))
                {
                    yield return new CoreMLEdit(CoreMLEditKind.BatchNormEpsilon, name,
                        $"batch-norm '{name}' with epsilon {epsilon.ToString("G3", CultureInfo.InvariantCulture)} instead of {layer.Batchnorm.Epsilon.ToString("G3", CultureInfo.InvariantCulture)}")
                    {
                        Apply = spec => Find(spec, name).Batchnorm.Epsilon = epsilon,
                    };
                }
                break;
            default:
                foreach (var edit in CoreMLRecurrentEdits.For(layer)) yield return edit;
                break;
        }
    }

    /// <summary>The layer named <paramref name="name"/> in a specification being edited.</summary>
    public static NeuralNetworkLayer Find(Model spec, string name) => CoreMLMessages.Layers(spec)!.First(l => l.Name == name);

    private static CoreMLEdit Asymmetry(string name, SamePadding same, Func<Model, SamePadding> target)
    {
        var other = same.AsymmetryMode == SamePadding.Types.SamePaddingMode.TopLeftHeavy
            ? SamePadding.Types.SamePaddingMode.BottomRightHeavy : SamePadding.Types.SamePaddingMode.TopLeftHeavy;
        return new CoreMLEdit(CoreMLEditKind.PaddingAsymmetry, name, $"pad '{name}' ('same') {Words(other)} instead of {Words(same.AsymmetryMode)}")
        {
            Apply = spec => target(spec).AsymmetryMode = other,
        };
    }

    private static string Words(FlattenLayerParams.Types.FlattenOrder order) =>
        order == FlattenLayerParams.Types.FlattenOrder.ChannelFirst ? "channels-first (C, H, W)" : "channels-last (H, W, C)";

    private static string Words(SamePadding.Types.SamePaddingMode mode) =>
        mode == SamePadding.Types.SamePaddingMode.TopLeftHeavy ? "extra row/column at the top/left" : "extra row/column at the bottom/right (TensorFlow's 'same')";
}
