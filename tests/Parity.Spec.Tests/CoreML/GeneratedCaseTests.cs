using System.Text.Json;
using Parity.Spec.CoreML;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// The generated fixtures come with case.json, written by coremltools' own (Python protobuf) reading of each
/// Core ML file: spec version, model type, inputs, outputs, layer/op counts. Our reader must see the same.
/// </summary>
public class GeneratedCaseTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string caseFile in Directory.EnumerateFiles(RepositoryPaths.CoreMLFixtures, "case.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string folder = Path.GetFileName(Path.GetDirectoryName(caseFile)!);
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(caseFile));
            foreach (JsonElement entry in document.RootElement.GetProperty("coreml").EnumerateArray())
            {
                data.Add(folder, entry.GetProperty("file").GetString()!);
            }
        }

        return data;
    }

    [Fact]
    public void Every_generated_case_is_present()
    {
        // 12 generated cases (all but torch_mobilenet_v2, too large to keep here) with 22 Core ML files.
        Assert.Equal(22, Cases().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Summary_matches_what_coremltools_read(string folder, string file)
    {
        JsonElement spec = CaseSpec(folder, file);
        CoreMLModelSummary summary = CoreMLModelSummary.Describe(CoreMLModelFile.Load(Path.Combine(RepositoryPaths.CoreMLFixtures, folder, file)).Model);

        Assert.Equal(spec.GetProperty("specificationVersion").GetInt32(), summary.SpecificationVersion);
        Assert.Equal(spec.GetProperty("modelType").GetString(), summary.ModelType);
        Assert.Equal(spec.GetProperty("inputs").EnumerateArray().Select(ExpectedFeature), summary.Inputs.Select(f => $"{f.Name}:{f.Type}"));
        Assert.Equal(spec.GetProperty("outputs").EnumerateArray().Select(ExpectedFeature), summary.Outputs.Select(f => $"{f.Name}:{f.Type}"));
        Assert.Equal(OptionalString(spec, "predictedFeatureName"), summary.PredictedFeatureName);
        Assert.Equal(OptionalString(spec, "predictedProbabilitiesName"), summary.PredictedProbabilitiesName);

        // case.json lists coremltools' version metadata for the .mlpackage files too, but those packages' model.mlmodel
        // does not contain it (no "coremltools" bytes at all): coremltools 6.3 kept it only in memory. Check the .mlmodel files.
        if (file.EndsWith(".mlmodel", StringComparison.Ordinal))
        {
            var metadata = spec.GetProperty("userDefinedMetadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            Assert.Equal(metadata.OrderBy(p => p.Key), summary.UserDefinedMetadata.OrderBy(p => p.Key));
        }

        if (spec.TryGetProperty("neuralNetwork", out JsonElement network))
        {
            Assert.Equal(network.GetProperty("num_layers").GetInt32(), summary.LayerCount);
        }

        if (spec.TryGetProperty("mlProgram", out JsonElement program))
        {
            Assert.Equal(program.GetProperty("num_ops").GetInt32(), summary.LayerCount);
        }

        if (spec.TryGetProperty("pipeline_stages", out JsonElement stages))
        {
            Assert.Equal(stages.EnumerateArray().Select(s => s.GetString()), summary.Submodels.Select(m => m.ModelType));
        }
    }

    private static JsonElement CaseSpec(string folder, string file)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.CoreMLFixtures, folder, "case.json")));
        JsonElement entry = document.RootElement.GetProperty("coreml").EnumerateArray().Single(e => e.GetProperty("file").GetString() == file);
        return entry.GetProperty("spec").Clone();
    }

    // case.json names the protobuf oneof ("multiArrayType") and enum ("FLOAT32"); this maps them to our rendering.
    private static string ExpectedFeature(JsonElement feature)
    {
        string name = feature.GetProperty("name").GetString()!;
        string type = feature.GetProperty("kind").GetString() switch
        {
            "int64Type" => "Int64",
            "doubleType" => "Double",
            "stringType" => "String",
            "multiArrayType" => $"MultiArray<{ElementType(feature.GetProperty("dataType").GetString()!)}>{Shape(feature.GetProperty("shape"))}",
            "dictionaryType" => feature.GetProperty("keyType").GetString() == "int64KeyType" ? "Dictionary<int64,double>" : "Dictionary<string,double>",
            "imageType" => $"Image<{feature.GetProperty("colorSpace").GetString()} {feature.GetProperty("width").GetInt32()}x{feature.GetProperty("height").GetInt32()}>",
            var other => throw new InvalidOperationException($"case.json feature kind '{other}' is not mapped by this test"),
        };
        return $"{name}:{type}";
    }

    private static string ElementType(string dataType) => dataType switch
    {
        "FLOAT32" => "float32",
        "FLOAT16" => "float16",
        "DOUBLE" => "double",
        "INT32" => "int32",
        _ => throw new InvalidOperationException($"case.json data type '{dataType}' is not mapped by this test"),
    };

    private static string Shape(JsonElement shape) =>
        shape.GetArrayLength() == 0 ? "" : "[" + string.Join(",", shape.EnumerateArray().Select(d => d.GetInt64())) + "]";

    private static string OptionalString(JsonElement spec, string property) =>
        spec.TryGetProperty(property, out JsonElement value) ? value.GetString()! : "";
}
