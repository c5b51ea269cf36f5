using Parity.Spec.Keras.Layers;

namespace Parity.Spec.Keras;

/// <summary>Builds the engine nodes for one call of one Keras layer and returns its output values in order.</summary>
public delegate IReadOnlyList<string> KerasLayerBuilder(KerasLayerContext context);

/// <summary>
/// The registry of Keras layer classes Parity executes, by class name (Keras 1 names included). One place to read
/// which layers are supported; the builders live in Layers/, one file per family.
/// </summary>
public static class KerasLayers
{
    private static readonly Dictionary<string, KerasLayerBuilder> Builders = new(StringComparer.Ordinal)
    {
        ["Dense"] = KerasCoreLayers.Dense,
        ["Activation"] = KerasCoreLayers.Activation,
        ["Dropout"] = KerasCoreLayers.InferenceIdentity,
        ["SpatialDropout1D"] = KerasCoreLayers.InferenceIdentity,
        ["SpatialDropout2D"] = KerasCoreLayers.InferenceIdentity,
        ["SpatialDropout3D"] = KerasCoreLayers.InferenceIdentity,
        ["AlphaDropout"] = KerasCoreLayers.InferenceIdentity,
        ["GaussianDropout"] = KerasCoreLayers.InferenceIdentity,
        ["GaussianNoise"] = KerasCoreLayers.InferenceIdentity,
        ["ActivityRegularization"] = KerasCoreLayers.InferenceIdentity,
        ["Flatten"] = KerasCoreLayers.Flatten,
        ["Reshape"] = KerasCoreLayers.Reshape,
        ["Permute"] = KerasCoreLayers.Permute,
        ["RepeatVector"] = KerasCoreLayers.RepeatVector,
        ["Embedding"] = KerasCoreLayers.Embedding,
        ["Masking"] = KerasCoreLayers.Masking,
        ["TimeDistributed"] = KerasCoreLayers.TimeDistributed,

        ["Conv1D"] = KerasConvolutionLayers.Conv1D,
        ["Convolution1D"] = KerasConvolutionLayers.Conv1D,
        ["Conv2D"] = KerasConvolutionLayers.Conv2D,
        ["Convolution2D"] = KerasConvolutionLayers.Conv2D,
        ["AtrousConvolution2D"] = KerasConvolutionLayers.Conv2D,
        ["DepthwiseConv2D"] = KerasConvolutionLayers.DepthwiseConv2D,
        ["SeparableConv2D"] = KerasConvolutionLayers.SeparableConv2D,
        ["DepthwiseConv1D"] = KerasConvolutionLayers.DepthwiseConv1D,
        ["SeparableConv1D"] = KerasConvolutionLayers.SeparableConv1D,
        ["SeparableConvolution1D"] = KerasConvolutionLayers.SeparableConv1D,
        ["SeparableConvolution2D"] = KerasConvolutionLayers.SeparableConv2D,
        ["Conv2DTranspose"] = KerasConvolutionLayers.Conv2DTranspose,
        ["Deconvolution2D"] = KerasConvolutionLayers.Conv2DTranspose,
        ["Conv1DTranspose"] = KerasConvolutionLayers.Conv1DTranspose,
        ["Convolution1DTranspose"] = KerasConvolutionLayers.Conv1DTranspose,
        ["Conv3D"] = KerasConvolution3DLayers.Conv3D,
        ["Convolution3D"] = KerasConvolution3DLayers.Conv3D,
        ["Conv3DTranspose"] = KerasConvolution3DLayers.Conv3DTranspose,
        ["Convolution3DTranspose"] = KerasConvolution3DLayers.Conv3DTranspose,

        ["MaxPooling1D"] = KerasPoolingLayers.MaxPooling1D,
        ["MaxPool1D"] = KerasPoolingLayers.MaxPooling1D,
        ["AveragePooling1D"] = KerasPoolingLayers.AveragePooling1D,
        ["AvgPool1D"] = KerasPoolingLayers.AveragePooling1D,
        ["MaxPooling2D"] = KerasPoolingLayers.MaxPooling2D,
        ["MaxPool2D"] = KerasPoolingLayers.MaxPooling2D,
        ["AveragePooling2D"] = KerasPoolingLayers.AveragePooling2D,
        ["AvgPool2D"] = KerasPoolingLayers.AveragePooling2D,
        ["MaxPooling3D"] = KerasPoolingLayers.MaxPooling3D,
        ["MaxPool3D"] = KerasPoolingLayers.MaxPooling3D,
        ["AveragePooling3D"] = KerasPoolingLayers.AveragePooling3D,
        ["AvgPool3D"] = KerasPoolingLayers.AveragePooling3D,
        ["GlobalMaxPooling1D"] = KerasPoolingLayers.GlobalMax,
        ["GlobalMaxPooling2D"] = KerasPoolingLayers.GlobalMax,
        ["GlobalMaxPool1D"] = KerasPoolingLayers.GlobalMax,
        ["GlobalMaxPool2D"] = KerasPoolingLayers.GlobalMax,
        ["GlobalMaxPooling3D"] = KerasPoolingLayers.GlobalMax,
        ["GlobalMaxPool3D"] = KerasPoolingLayers.GlobalMax,
        ["GlobalAveragePooling1D"] = KerasPoolingLayers.GlobalAverage,
        ["GlobalAveragePooling2D"] = KerasPoolingLayers.GlobalAverage,
        ["GlobalAvgPool1D"] = KerasPoolingLayers.GlobalAverage,
        ["GlobalAvgPool2D"] = KerasPoolingLayers.GlobalAverage,
        ["GlobalAveragePooling3D"] = KerasPoolingLayers.GlobalAverage,
        ["GlobalAvgPool3D"] = KerasPoolingLayers.GlobalAverage,

        ["ReLU"] = KerasActivationLayers.ReLU,
        ["LeakyReLU"] = KerasActivationLayers.LeakyReLU,
        ["PReLU"] = KerasActivationLayers.PReLU,
        ["ELU"] = KerasActivationLayers.ELU,
        ["ThresholdedReLU"] = KerasActivationLayers.ThresholdedReLU,
        ["Softmax"] = KerasActivationLayers.Softmax,

        ["BatchNormalization"] = KerasNormalizationLayers.BatchNormalization,
        ["LayerNormalization"] = KerasNormalizationLayers.LayerNormalization,
        ["InstanceNormalization"] = KerasNormalizationLayers.InstanceNormalization,
        ["UnitNormalization"] = KerasNormalizationLayers.UnitNormalization,
        ["GroupNormalization"] = KerasNormalizationLayers.GroupNormalization,

        ["Rescaling"] = KerasPreprocessingLayers.Rescaling,
        ["Normalization"] = KerasPreprocessingLayers.Normalization,
        ["CenterCrop"] = KerasPreprocessingLayers.CenterCrop,
        ["Resizing"] = KerasPreprocessingLayers.Resizing,

        ["Add"] = KerasMergeLayers.Add,
        ["Subtract"] = KerasMergeLayers.Subtract,
        ["Multiply"] = KerasMergeLayers.Multiply,
        ["Average"] = KerasMergeLayers.Average,
        ["Maximum"] = KerasMergeLayers.Maximum,
        ["Minimum"] = KerasMergeLayers.Minimum,
        ["Concatenate"] = KerasMergeLayers.Concatenate,
        ["Merge"] = KerasMergeLayers.Merge,
        ["Dot"] = KerasMergeLayers.Dot,

        ["ZeroPadding1D"] = KerasReshapingLayers.ZeroPadding1D,
        ["ZeroPadding2D"] = KerasReshapingLayers.ZeroPadding2D,
        ["Cropping1D"] = KerasReshapingLayers.Cropping1D,
        ["Cropping2D"] = KerasReshapingLayers.Cropping2D,
        ["UpSampling1D"] = KerasReshapingLayers.UpSampling1D,
        ["UpSampling2D"] = KerasReshapingLayers.UpSampling2D,
        ["ZeroPadding3D"] = KerasReshapingLayers.ZeroPadding3D,
        ["Cropping3D"] = KerasReshapingLayers.Cropping3D,
        ["UpSampling3D"] = KerasReshapingLayers.UpSampling3D,

        ["SimpleRNN"] = KerasRecurrentLayers.SimpleRnn,
        ["LSTM"] = KerasRecurrentLayers.Lstm,
        ["CuDNNLSTM"] = KerasRecurrentLayers.Lstm,
        ["GRU"] = KerasRecurrentLayers.Gru,
        ["CuDNNGRU"] = KerasRecurrentLayers.Gru,
        ["Bidirectional"] = KerasRecurrentLayers.Bidirectional,
    };

    public static IReadOnlyCollection<string> Supported => Builders.Keys;

    public static KerasLayerBuilder? Find(string className) => Builders.GetValueOrDefault(className);
}
