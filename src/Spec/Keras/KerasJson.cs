using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parity.Spec.Keras;

/// <summary>Parses the JSON documents Keras files carry: the model config and the Keras 3 metadata.</summary>
internal static class KerasJson
{
    internal static JsonObject? ParseMetadata(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static JsonObject ParseConfig(string source, string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(source, "model_config", $"is not valid JSON ({e.Message}).", e);
        }
        if (node is not JsonObject obj || obj["class_name"] is null)
        {
            throw new ModelFormatException(source, "model_config", "expected a JSON object with \"class_name\" and \"config\", as model.to_json() writes.");
        }
        return obj;
    }
}
