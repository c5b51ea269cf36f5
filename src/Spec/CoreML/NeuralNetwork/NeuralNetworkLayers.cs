using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork.Layers;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>Builds the engine nodes for one Core ML layer and returns the values of its output blobs in order.</summary>
public delegate IReadOnlyList<string> NeuralNetworkLayerBuilder(NeuralNetworkLayerContext context);

/// <summary>
/// The registry of NeuralNetwork layer types Parity executes. One place to read which layers are supported; the
/// builders live in Layers/, one file per family.
/// </summary>
public static class NeuralNetworkLayers
{
    private static readonly Dictionary<NeuralNetworkLayer.LayerOneofCase, NeuralNetworkLayerBuilder> Builders = new()
    {
        [NeuralNetworkLayer.LayerOneofCase.Convolution] = NeuralNetworkConvolutionLayers.Convolution,
        [NeuralNetworkLayer.LayerOneofCase.Pooling] = NeuralNetworkPoolingLayers.Pooling,
        [NeuralNetworkLayer.LayerOneofCase.InnerProduct] = NeuralNetworkCoreLayers.InnerProduct,
        [NeuralNetworkLayer.LayerOneofCase.Batchnorm] = NeuralNetworkCoreLayers.Batchnorm,
        [NeuralNetworkLayer.LayerOneofCase.Activation] = NeuralNetworkActivationLayers.Activation,
        [NeuralNetworkLayer.LayerOneofCase.Softmax] = NeuralNetworkActivationLayers.Softmax,
        [NeuralNetworkLayer.LayerOneofCase.SoftmaxND] = NeuralNetworkActivationLayers.SoftmaxND,
        [NeuralNetworkLayer.LayerOneofCase.Clip] = NeuralNetworkActivationLayers.Clip,
        [NeuralNetworkLayer.LayerOneofCase.Add] = NeuralNetworkMergeLayers.Add,
        [NeuralNetworkLayer.LayerOneofCase.Multiply] = NeuralNetworkMergeLayers.Multiply,
        [NeuralNetworkLayer.LayerOneofCase.Max] = NeuralNetworkMergeLayers.Max,
        [NeuralNetworkLayer.LayerOneofCase.Min] = NeuralNetworkMergeLayers.Min,
        [NeuralNetworkLayer.LayerOneofCase.Average] = NeuralNetworkMergeLayers.Average,
        [NeuralNetworkLayer.LayerOneofCase.Concat] = NeuralNetworkMergeLayers.Concat,
        [NeuralNetworkLayer.LayerOneofCase.ConcatND] = NeuralNetworkMergeLayers.ConcatND,
        [NeuralNetworkLayer.LayerOneofCase.Flatten] = NeuralNetworkShapeLayers.Flatten,
        [NeuralNetworkLayer.LayerOneofCase.Reshape] = NeuralNetworkShapeLayers.Reshape,
        [NeuralNetworkLayer.LayerOneofCase.ReshapeStatic] = NeuralNetworkShapeLayers.ReshapeStatic,
        [NeuralNetworkLayer.LayerOneofCase.Transpose] = NeuralNetworkShapeLayers.Transpose,
        [NeuralNetworkLayer.LayerOneofCase.Upsample] = NeuralNetworkShapeLayers.Upsample,
        [NeuralNetworkLayer.LayerOneofCase.Scale] = NeuralNetworkChannelLayers.Scale,
        [NeuralNetworkLayer.LayerOneofCase.Bias] = NeuralNetworkChannelLayers.Bias,
        [NeuralNetworkLayer.LayerOneofCase.LoadConstant] = NeuralNetworkChannelLayers.LoadConstant,
        [NeuralNetworkLayer.LayerOneofCase.Padding] = NeuralNetworkChannelLayers.Padding,
        [NeuralNetworkLayer.LayerOneofCase.Crop] = NeuralNetworkChannelLayers.Crop,
        [NeuralNetworkLayer.LayerOneofCase.Permute] = NeuralNetworkChannelLayers.Permute,
        [NeuralNetworkLayer.LayerOneofCase.Embedding] = NeuralNetworkChannelLayers.Embedding,
        [NeuralNetworkLayer.LayerOneofCase.L2Normalize] = NeuralNetworkChannelLayers.L2Normalize,
        [NeuralNetworkLayer.LayerOneofCase.Lrn] = NeuralNetworkChannelLayers.Lrn,
        [NeuralNetworkLayer.LayerOneofCase.Mvn] = NeuralNetworkChannelLayers.Mvn,
        [NeuralNetworkLayer.LayerOneofCase.Copy] = NeuralNetworkChannelLayers.Copy,
        [NeuralNetworkLayer.LayerOneofCase.LoadConstantND] = NeuralNetworkTensorLayers.LoadConstantND,
        [NeuralNetworkLayer.LayerOneofCase.ExpandDims] = NeuralNetworkTensorLayers.ExpandDims,
        [NeuralNetworkLayer.LayerOneofCase.Squeeze] = NeuralNetworkTensorLayers.Squeeze,
        [NeuralNetworkLayer.LayerOneofCase.SliceStatic] = NeuralNetworkTensorLayers.SliceStatic,
        [NeuralNetworkLayer.LayerOneofCase.UniDirectionalLSTM] = NeuralNetworkRecurrentLayers.UniDirectionalLstm,
        [NeuralNetworkLayer.LayerOneofCase.Gru] = NeuralNetworkRecurrentLayers.Gru,
        [NeuralNetworkLayer.LayerOneofCase.SimpleRecurrent] = NeuralNetworkRecurrentLayers.SimpleRecurrent,
        [NeuralNetworkLayer.LayerOneofCase.BiDirectionalLSTM] = NeuralNetworkRecurrentLayers.BiDirectionalLstm,
        [NeuralNetworkLayer.LayerOneofCase.Loop] = NeuralNetworkControlFlowLayers.Loop,
    };

    public static IReadOnlyCollection<NeuralNetworkLayer.LayerOneofCase> Supported => Builders.Keys;

    public static NeuralNetworkLayerBuilder? Find(NeuralNetworkLayer.LayerOneofCase type) => Builders.GetValueOrDefault(type);

    /// <summary>The layer type as NeuralNetwork.proto names the field, e.g. "innerProduct", "softmaxND".</summary>
    public static string TypeName(NeuralNetworkLayer.LayerOneofCase type) =>
        NeuralNetworkLayer.Descriptor.FindFieldByNumber((int)type)?.Name ?? "none";
}
