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
    public const string Modes = "raw, unit, tf, caffe, torch, or scale=S[,G,B],bias=R[,G,B][,bgr]";

    // keras.applications preprocess_input(mode="caffe"): BGR order, ImageNet means subtracted in B, G, R order.
    private static readonly float[] CaffeBgrBias = [-103.939f, -116.779f, -123.68f];

    // torchvision.transforms.Normalize with the ImageNet statistics every torchvision classifier was trained with, after ToTensor's x / 255.
    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

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
            case "torch":
                if (channels != 3) throw new ArgumentException("--source-preprocess torch needs a 3-channel image input.");
                // (x / 255 - mean) / std = (1 / 255) * (1 / std) * x - mean / std.
                return Rgb(1f / 255, ImageNetMean.Select((m, c) => -m / ImageNetStd[c]).ToArray(), convertedBgr,
                        "source pipeline 'torch': x / 255, then (x - [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225] per channel, RGB")
                    with { ChannelScales = ImageNetStd.Select(s => 1 / s).ToArray() };
            case var explicitMode when explicitMode.StartsWith("scale=", StringComparison.Ordinal):
                return Explicit(explicitMode, convertedBgr, channels);
            default:
                throw new ArgumentException($"--source-preprocess '{mode}' is not one of {Modes}.");
        }
    }

    private static InputPreprocessing Rgb(float scale, IReadOnlyList<float> bias, bool convertedBgr, string description) =>
        new(0, 255, scale, bias, convertedBgr, description);

    // scale=S[,G,B],bias=R[,G,B][,bgr]: one scale or one per channel, biases likewise, both in the source's channel order;
    // "bgr" says the source expects BGR.
    private static InputPreprocessing Explicit(string text, bool convertedBgr, int channels)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sourceBgr = parts[^1] == "bgr";
        if (sourceBgr || parts[^1] == "rgb") parts = parts[..^1];
        var scales = new List<float>();
        var bias = new List<float>();
        var current = scales;
        foreach (var part in parts)
        {
            var item = part;
            if (part.StartsWith("scale=", StringComparison.Ordinal)) (current, item) = (scales, part["scale=".Length..]);
            else if (part.StartsWith("bias=", StringComparison.Ordinal)) (current, item) = (bias, part["bias=".Length..]);
            if (!float.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException($"--source-preprocess '{text}': '{part}' is not a number; expected {Modes}.");
            }
            current.Add(value);
        }
        foreach (var (list, what) in new[] { (scales, "scales"), (bias, "biases") })
        {
            if (list.Count is not (0 or 1) && list.Count != channels)
            {
                throw new ArgumentException($"--source-preprocess '{text}' gives {list.Count} {what} for a {channels}-channel image; give one, or one per channel.");
            }
        }
        if (scales.Count == 0) throw new ArgumentException($"--source-preprocess '{text}' gives no scale; expected {Modes}.");
        var perChannel = scales.Count > 1;
        var description = $"source pipeline: y = {(perChannel ? $"[{string.Join(", ", scales.Select(Format))}]" : Format(scales[0]))} * x + [{string.Join(", ", bias.Select(Format))}]{(sourceBgr ? ", BGR" : ", RGB")}";
        return new InputPreprocessing(0, 255, perChannel ? 1 : scales[0], bias, sourceBgr != convertedBgr, description)
        {
            ChannelScales = perChannel ? scales : [],
        };
    }

    private static string Format(float value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
