using System.Globalization;
using Parity.Spec;

namespace Parity.Validation.Comparison;

/// <summary>
/// What the source model's own pipeline does to raw pixels (`--source-preprocess`), turned into the values the source
/// receives while the converted model gets the raw pixels and applies its embedded preprocessing. Keeping the two
/// apart is what exposes a wrong scale, bias or channel order in a conversion.
/// </summary>
public static class SourcePreprocessing
{
    public const string Modes = "raw, unit, tf, caffe, or scale=S,bias=B[,G,R...][,bgr]";

    // keras.applications preprocess_input(mode="caffe"): BGR order, ImageNet means subtracted in B, G, R order.
    private static readonly float[] CaffeBgrBias = [-103.939f, -116.779f, -123.68f];

    /// <summary>
    /// The source-side preprocessing for one image input of the converted model; null <paramref name="mode"/> is the
    /// default assumption: RGB order with the converted model's own scale and bias (matched by colour).
    /// </summary>
    public static InputPreprocessing For(string? mode, ImageInput converted)
    {
        var convertedBgr = converted.ColorSpace == "BGR";
        var channels = converted.ColorSpace == "GRAYSCALE" ? 1 : 3;
        switch (mode?.Trim().ToLowerInvariant())
        {
            case null:
                var bias = convertedBgr ? converted.Bias.Reverse().ToList() : converted.Bias;
                return new InputPreprocessing(0, 255, converted.Scale, bias, convertedBgr,
                    $"raw pixels 0..255; the source side assumed RGB order with the converted model's preprocessing y = {Format(converted.Scale)} * x + [{string.Join(", ", bias.Select(Format))}]"
                    + (convertedBgr ? " (the converted model declares BGR, so its channels were reversed for the source)" : "")
                    + "; give --source-preprocess to state the source pipeline");
            case "raw":
                return Rgb(1, [], convertedBgr, "source pipeline 'raw': pixels 0..255 as they are, RGB");
            case "unit":
                return Rgb(1f / 255, [], convertedBgr, "source pipeline 'unit': x / 255, RGB");
            case "tf":
                return Rgb(1f / 127.5f, [-1f], convertedBgr, "source pipeline 'tf': x / 127.5 - 1, RGB");
            case "caffe":
                if (channels != 3) throw new ArgumentException("--source-preprocess caffe needs a 3-channel image input.");
                // The source expects BGR; the converted model's raw pixels are reversed only when it declares RGB.
                return new InputPreprocessing(0, 255, 1, CaffeBgrBias, !convertedBgr, "source pipeline 'caffe': BGR, ImageNet mean subtracted");
            case var explicitMode when explicitMode.StartsWith("scale=", StringComparison.Ordinal):
                return Explicit(explicitMode, convertedBgr, channels);
            default:
                throw new ArgumentException($"--source-preprocess '{mode}' is not one of {Modes}.");
        }
    }

    private static InputPreprocessing Rgb(float scale, IReadOnlyList<float> bias, bool convertedBgr, string description) =>
        new(0, 255, scale, bias, convertedBgr, description);

    // scale=S,bias=R,G,B[,bgr]: biases in the source's channel order; "bgr" says the source expects BGR.
    private static InputPreprocessing Explicit(string text, bool convertedBgr, int channels)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sourceBgr = parts[^1] == "bgr";
        if (sourceBgr) parts = parts[..^1];
        if (!float.TryParse(parts[0]["scale=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale))
        {
            throw new ArgumentException($"--source-preprocess '{text}': the scale is not a number.");
        }
        var bias = new List<float>();
        for (var i = 1; i < parts.Length; i++)
        {
            var item = i == 1 && parts[i].StartsWith("bias=", StringComparison.Ordinal) ? parts[i]["bias=".Length..] : parts[i];
            if (!float.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
            {
                throw new ArgumentException($"--source-preprocess '{text}': '{parts[i]}' is not a number; expected {Modes}.");
            }
            bias.Add(b);
        }
        if (bias.Count is not (0 or 1) && bias.Count != channels)
        {
            throw new ArgumentException($"--source-preprocess '{text}' gives {bias.Count} biases for a {channels}-channel image.");
        }
        return new InputPreprocessing(0, 255, scale, bias, sourceBgr != convertedBgr, $"source pipeline: y = {Format(scale)} * x + [{string.Join(", ", bias.Select(Format))}]{(sourceBgr ? ", BGR" : ", RGB")}");
    }

    private static string Format(float value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
