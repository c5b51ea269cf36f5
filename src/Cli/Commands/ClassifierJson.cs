using System.Globalization;
using System.Text;
using System.Text.Json;
using Parity.Spec;

namespace Parity.Cli.Commands;

/// <summary>
/// `parity run`'s classifier.json: the declared label and probability output names, and per prediction (one per row of
/// probabilities) the predicted label, its probability and the label -> probability dictionary, as Core ML returns them.
/// Int64 labels are JSON numbers (dictionary keys are text, as JSON requires), string labels JSON strings.
/// </summary>
internal static class ClassifierJson
{
    public const string FileName = "classifier.json";

    public static string Write(ClassifierOutput classifier, ReadOnlySpan<float> probabilities)
    {
        var predictions = classifier.Predict(probabilities);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("labelOutput", classifier.LabelOutputName);
            json.WriteString("probabilityOutput", classifier.ProbabilityOutputName);
            json.WriteStartArray("predictions");
            var classes = classifier.Labels.Count;
            for (var row = 0; row < predictions.Count; row++)
            {
                json.WriteStartObject();
                if (classifier.Int64Labels) json.WriteNumber("label", long.Parse(predictions[row].Label, CultureInfo.InvariantCulture));
                else json.WriteString("label", predictions[row].Label);
                json.WriteNumber("probability", (double)predictions[row].Probability);
                json.WriteStartObject("probabilities");
                for (var k = 0; k < classes; k++) json.WriteNumber(classifier.Labels[k], (double)probabilities[row * classes + k]);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
