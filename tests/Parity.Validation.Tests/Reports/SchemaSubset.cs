using System.Text.Json;

namespace Parity.Validation.Tests.Reports;

/// <summary>
/// Checks a JSON document against the JSON-Schema keywords docs/report.schema.json uses (type, required, properties,
/// items, enum, const, minimum, maximum, $ref to #/$defs): enough to hold the report writer to its documented schema
/// without a schema-validator package.
/// </summary>
internal static class SchemaSubset
{
    public static List<string> Validate(JsonElement schemaRoot, JsonElement document)
    {
        var errors = new List<string>();
        Check(schemaRoot, schemaRoot, document, "$", errors);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/$defs/".Length..];
            Check(root, root.GetProperty("$defs").GetProperty(name), value, path, errors);
            return;
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => Is(value, t)))
            {
                errors.Add($"{path}: expected {string.Join("|", allowed)}, found {value.ValueKind}");
                return;
            }
        }
        if (schema.TryGetProperty("const", out var constant) && value.GetRawText() != constant.GetRawText()) errors.Add($"{path}: expected {constant.GetRawText()}");
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.GetRawText() == value.GetRawText()))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {options.GetRawText()}");
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble()) errors.Add($"{path}: below {min}");
            if (schema.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble()) errors.Add($"{path}: above {max}");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var key in required.EnumerateArray().Select(k => k.GetString()!))
                {
                    if (!value.TryGetProperty(key, out _)) errors.Add($"{path}: missing required '{key}'");
                }
            }
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var p in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(p.Name, out var child)) Check(root, p.Value, child, $"{path}.{p.Name}", errors);
                }
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var element in value.EnumerateArray()) Check(root, items, element, $"{path}[{i++}]", errors);
        }
    }

    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
