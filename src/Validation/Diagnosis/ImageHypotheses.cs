using System.Globalization;
using Parity.Spec;
using Parity.Spec.CoreML.Edits;
using Parity.Validation.Comparison;

namespace Parity.Validation.Diagnosis;

/// <summary>
/// Hypotheses about an image input's preprocessing: the declared channel order flipped, and the converted scale or
/// per-channel bias replaced by the source pipeline's (the pipeline the comparison fed the source).
/// </summary>
public static class ImageHypotheses
{
    public static IEnumerable<Hypothesis> For(string input, ImageInput converted, InputPreprocessing? source)
    {
        if (converted.ColorSpace is "RGB" or "BGR")
        {
            var other = converted.ColorSpace == "RGB" ? "BGR" : "RGB";
            yield return Hypothesis.Of(CoreMLImageEdits.ChannelOrder(input, other, $"declare input '{input}' {other} instead of {converted.ColorSpace}"));
        }
        if (source is null) yield break;

        if (!Close(converted.Scale, source.Scale))
        {
            var what = converted.Scale == 1 ? $"the converted model does not scale pixels; the source pipeline scales by {F(source.Scale)}"
                : source.Scale == 1 ? $"the converted model scales pixels by {F(converted.Scale)}; the source pipeline does not"
                : Close(converted.Scale, source.Scale * source.Scale) ? $"the scale {F(source.Scale)} is applied twice (converted scale {F(converted.Scale)})"
                : $"the converted scale is {F(converted.Scale)}; the source pipeline's is {F(source.Scale)}";
            yield return Hypothesis.Of(CoreMLImageEdits.Scale(input, source.Scale, $"set the image scale of '{input}' to {F(source.Scale)} ({what})"));
        }

        var wanted = NamedBiases(source.Bias, SourceIsBgr(converted, source));
        var have = NamedBiases(converted.Bias, converted.ColorSpace == "BGR");
        if (!wanted.Zip(have).All(p => Close(p.First, p.Second)))
        {
            var what = converted.ColorSpace != "GRAYSCALE" && Close(have[0], wanted[2]) && Close(have[2], wanted[0]) ? "red and blue biases are swapped"
                : have.All(b => b == 0) ? "the converted model adds no bias"
                : "the converted biases differ from the source pipeline's";
            yield return Hypothesis.Of(CoreMLImageEdits.Bias(input, wanted[0], wanted[1], wanted[2],
                $"set the image bias of '{input}' to R,G,B = {string.Join(", ", wanted.Select(F))} ({what}; converted R,G,B = {string.Join(", ", have.Select(F))})"));
        }
    }

    // InputPreprocessing reverses channels when the two sides' orders differ; its biases are in the source's order.
    private static bool SourceIsBgr(ImageInput converted, InputPreprocessing source) => source.ReverseChannels != (converted.ColorSpace == "BGR");

    /// <summary>Biases as R, G, B (a single or grayscale bias repeated).</summary>
    private static float[] NamedBiases(IReadOnlyList<float> bias, bool bgr) => bias.Count switch
    {
        0 => [0, 0, 0],
        1 => [bias[0], bias[0], bias[0]],
        _ => bgr ? [bias[2], bias[1], bias[0]] : [bias[0], bias[1], bias[2]],
    };

    private static bool Close(float a, float b) => Math.Abs(a - b) <= 1e-6 + 1e-4 * Math.Abs(b);

    private static string F(float value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
