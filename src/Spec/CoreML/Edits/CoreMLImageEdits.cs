using Parity.Spec.CoreML.Format;
using ColorSpace = Parity.Spec.CoreML.Format.ImageFeatureType.Types.ColorSpace;

namespace Parity.Spec.CoreML.Edits;

/// <summary>Edits of an image input's declaration and preprocessing; the caller words the change (it knows why it is tried).</summary>
public static class CoreMLImageEdits
{
    /// <summary>Declares <paramref name="input"/> with <paramref name="colorSpace"/> ("RGB" or "BGR").</summary>
    public static CoreMLEdit ChannelOrder(string input, string colorSpace, string change)
    {
        var value = colorSpace switch
        {
            "RGB" => ColorSpace.Rgb,
            "BGR" => ColorSpace.Bgr,
            _ => throw new ArgumentException($"Channel order '{colorSpace}' is not RGB or BGR.", nameof(colorSpace)),
        };
        return new CoreMLEdit(CoreMLEditKind.ChannelOrder, input, change)
        {
            Apply = spec => spec.Description.Input.First(i => i.Name == input).Type.ImageType.ColorSpace = value,
        };
    }

    /// <summary>Sets the channelScale of <paramref name="input"/>'s scaler.</summary>
    public static CoreMLEdit Scale(string input, float scale, string change) =>
        new(CoreMLEditKind.ImageScale, input, change) { Apply = spec => Scaler(spec, input).ChannelScale = scale };

    /// <summary>Sets the biases of <paramref name="input"/>'s scaler by color (the gray bias takes the red one).</summary>
    public static CoreMLEdit Bias(string input, float red, float green, float blue, string change) =>
        new(CoreMLEditKind.ImageBias, input, change)
        {
            Apply = spec =>
            {
                var scaler = Scaler(spec, input);
                (scaler.RedBias, scaler.GreenBias, scaler.BlueBias, scaler.GrayBias) = (red, green, blue, red);
            },
        };

    /// <summary>The input's scaler step, created (scale 1, no bias: what a missing scaler does) when the specification has none.</summary>
    private static NeuralNetworkImageScaler Scaler(Model spec, string input)
    {
        var steps = CoreMLMessages.Preprocessing(spec);
        var step = steps.FirstOrDefault(p => (p.FeatureName == input || p.FeatureName.Length == 0) && p.PreprocessorCase == NeuralNetworkPreprocessing.PreprocessorOneofCase.Scaler);
        if (step is null)
        {
            step = new NeuralNetworkPreprocessing { FeatureName = input, Scaler = new NeuralNetworkImageScaler { ChannelScale = 1 } };
            steps.Add(step);
        }
        return step.Scaler;
    }
}
