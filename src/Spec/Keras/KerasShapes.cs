using System.Text.Json.Nodes;

namespace Parity.Spec.Keras;

/// <summary>Reads the shapes Keras configs declare, under each era's key names.</summary>
internal static class KerasShapes
{
    /// <summary>
    /// The batch input shape a layer declares, as a JSON list with null for unknown sizes: batch_input_shape
    /// (Keras 1/2), batch_shape (Keras 3), or input_shape / Keras 1 input_dim with the batch axis prepended.
    /// </summary>
    public static JsonArray? BatchInputShape(JsonObject config)
    {
        if (config["batch_input_shape"] is JsonArray batchInput) return batchInput;
        if (config["batch_shape"] is JsonArray batch) return batch;
        if (config["input_shape"] is JsonArray input)
        {
            var shape = new JsonArray { null };
            foreach (var d in input) shape.Add(d?.DeepClone());
            return shape;
        }
        if (config["input_dim"] is JsonValue dim) return [null, dim.DeepClone()];
        return null;
    }

    /// <summary>A JSON shape list as nullable ints (null = unknown size).</summary>
    public static int?[] ToDims(JsonArray shape) =>
        shape.Select(d => d is null ? (int?)null : d.GetValue<int>()).ToArray();
}
