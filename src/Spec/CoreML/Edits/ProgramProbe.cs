using Google.Protobuf;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Format.Mil;
using MilValueType = Parity.Spec.CoreML.Format.Mil.ValueType;

namespace Parity.Spec.CoreML.Edits;

/// <summary>
/// `--probe LAYER` for ML Programs: Core ML only returns a model's declared outputs, so intermediate values are made
/// outputs of a temporary copy of the package: each named value is appended to the main function's block outputs
/// and declared as a multi-array output in the model description. The rewrite is plain protobuf work, done and
/// tested on any OS; running the rewritten package needs a Mac.
/// </summary>
public static class ProgramProbe
{
    // MLMultiArray FLOAT16 outputs exist from specification version 7 (macOS 13 / iOS 16).
    private const int Float16OutputVersion = 7;

    /// <summary>
    /// Copies the .mlpackage at <paramref name="package"/> into a new folder under <paramref name="scratch"/> with
    /// <paramref name="values"/> added as outputs; returns the copy's path. The original is never modified.
    /// </summary>
    public static string WritePackage(string package, IReadOnlyList<string> values, string scratch)
    {
        var file = CoreMLModelFile.Load(package);
        if (file.PackageRoot is null) throw new ArgumentException($"--probe needs an ML Program package (.mlpackage); {package} is a single .mlmodel file.");
        var rewritten = AddOutputs(file.Model, values);
        var target = Path.Combine(scratch, "probe-" + Guid.NewGuid().ToString("N"), Path.GetFileName(file.PackageRoot.TrimEnd('/', '\\')));
        PackageFolder.Copy(file.PackageRoot, target);
        File.WriteAllBytes(Path.Combine(target, Path.GetRelativePath(file.PackageRoot, file.SpecificationPath)), rewritten.ToByteArray());
        return target;
    }

    /// <summary>A copy of <paramref name="model"/> whose main function and description also output <paramref name="values"/>.</summary>
    public static Model AddOutputs(Model model, IReadOnlyList<string> values)
    {
        if (model.TypeCase != Model.TypeOneofCase.MlProgram)
        {
            throw new ArgumentException($"--probe works on ML Programs (.mlpackage); this model is a {model.TypeCase} model, whose intermediate values Core ML does not expose this way.");
        }
        var result = model.Clone();
        var functionName = string.IsNullOrEmpty(result.Description?.DefaultFunctionName) ? "main" : result.Description.DefaultFunctionName;
        if (!result.MlProgram.Functions.TryGetValue(functionName, out var function))
        {
            throw new ArgumentException($"The ML Program has no function '{functionName}'; its functions are {string.Join(", ", result.MlProgram.Functions.Keys)}.");
        }
        result.Description ??= new ModelDescription();
        foreach (var value in values)
        {
            TensorType? type = null;
            foreach (var block in function.BlockSpecializations.Values)
            {
                var produced = block.Operations.SelectMany(o => o.Outputs).FirstOrDefault(o => o.Name == value)
                    ?? throw new ArgumentException($"--probe {value}: no operation of function '{functionName}' produces a value of that name; some of its values are {string.Join(", ", block.Operations.SelectMany(o => o.Outputs).Select(o => o.Name).Take(12))}.");
                if (produced.Type?.TypeCase != MilValueType.TypeOneofCase.TensorType)
                {
                    throw new ArgumentException($"--probe {value}: the value is a {produced.Type?.TypeCase.ToString() ?? "untyped value"}; only tensors can be model outputs.");
                }
                type = produced.Type.TensorType;
                if (!block.Outputs.Contains(value)) block.Outputs.Add(value);
            }
            var feature = Declare(value, type ?? throw new ArgumentException($"The ML Program's function '{functionName}' has no body."));
            if (feature.Type.MultiArrayType.DataType == ArrayFeatureType.Types.ArrayDataType.Float16)
            {
                result.SpecificationVersion = Math.Max(result.SpecificationVersion, Float16OutputVersion);
            }
            if (result.Description.Output.All(o => o.Name != value)) result.Description.Output.Add(feature);
            foreach (var described in result.Description.Functions.Where(f => f.Name == functionName && f.Output.All(o => o.Name != value)))
            {
                described.Output.Add(feature.Clone());
            }
        }
        return result;
    }

    /// <summary>The description entry of a MIL tensor: its element type and, when every dimension is fixed, its shape.</summary>
    public static FeatureDescription Declare(string name, TensorType type)
    {
        var array = new ArrayFeatureType
        {
            DataType = type.DataType switch
            {
                DataType.Float16 => ArrayFeatureType.Types.ArrayDataType.Float16,
                DataType.Float32 => ArrayFeatureType.Types.ArrayDataType.Float32,
                DataType.Float64 => ArrayFeatureType.Types.ArrayDataType.Double,
                DataType.Int32 => ArrayFeatureType.Types.ArrayDataType.Int32,
                var other => throw new ArgumentException($"--probe {name}: the value holds {other}; Core ML outputs hold FLOAT16, FLOAT32, FLOAT64 or INT32."),
            },
        };
        if (type.Dimensions.All(d => d.DimensionCase == Dimension.DimensionOneofCase.Constant))
        {
            array.Shape.AddRange(type.Dimensions.Select(d => (long)d.Constant.Size));
        }
        return new FeatureDescription { Name = name, Type = new FeatureType { MultiArrayType = array } };
    }
}
