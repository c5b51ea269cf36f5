using Google.Protobuf.Collections;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Format.Mil;

namespace Parity.Spec.CoreML;

/// <summary>
/// A format-level description of a Core ML model for `parity inspect` and the readers: version, model type,
/// declared inputs and outputs, the top-level layers of a neural network (or operations of an ML program's
/// main block) and the models inside a pipeline. Nested control-flow bodies are not listed.
/// </summary>
public sealed record CoreMLModelSummary(
    int SpecificationVersion,
    string ModelType,
    bool IsUpdatable,
    IReadOnlyList<CoreMLFeatureSummary> Inputs,
    IReadOnlyList<CoreMLFeatureSummary> Outputs,
    string PredictedFeatureName,
    string PredictedProbabilitiesName,
    IReadOnlyDictionary<string, string> UserDefinedMetadata,
    IReadOnlyList<CoreMLLayerSummary> Layers,
    IReadOnlyList<CoreMLModelSummary> Submodels)
{
    /// <summary>Number of top-level layers (neural networks) or main-block operations (ML programs); 0 for other model types.</summary>
    public int LayerCount => Layers.Count;

    /// <summary>Describes <paramref name="model"/>; absent parts of the specification become empty lists and strings.</summary>
    public static CoreMLModelSummary Describe(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelDescription? description = model.Description;
        return new CoreMLModelSummary(
            model.SpecificationVersion,
            ModelTypeName(model),
            model.IsUpdatable,
            Features(description?.Input),
            Features(description?.Output),
            description?.PredictedFeatureName ?? "",
            description?.PredictedProbabilitiesName ?? "",
            description?.Metadata?.UserDefined is { } userDefined ? new Dictionary<string, string>(userDefined) : new Dictionary<string, string>(),
            DescribeLayers(model),
            DescribeSubmodels(model));
    }

    /// <summary>The name of the model type oneof field, as the format spells it (e.g. "neuralNetworkClassifier", "mlProgram").</summary>
    public static string ModelTypeName(Model model) =>
        Model.Descriptor.FindFieldByNumber((int)model.TypeCase)?.Name ?? "none";

    /// <summary>The name of a layer's parameter oneof field (e.g. "convolution", "innerProduct"); "none" when unset.</summary>
    public static string LayerTypeName(NeuralNetworkLayer layer) =>
        NeuralNetworkLayer.Descriptor.FindFieldByNumber((int)layer.LayerCase)?.Name ?? "none";

    private static List<CoreMLFeatureSummary> Features(RepeatedField<FeatureDescription>? features) =>
        features is null
            ? []
            : features.Select(f => new CoreMLFeatureSummary(f.Name, CoreMLFeatureTypeText.Format(f.Type), f.Type?.IsOptional ?? false, f.ShortDescription)).ToList();

    private static List<CoreMLLayerSummary> DescribeLayers(Model model) =>
        CoreMLMessages.Layers(model) is { } layers ? NetworkLayers(layers)
        : model.TypeCase == Model.TypeOneofCase.MlProgram ? ProgramOperations(model.MlProgram, model.Description?.DefaultFunctionName)
        : [];

    private static List<CoreMLLayerSummary> NetworkLayers(RepeatedField<NeuralNetworkLayer> layers) =>
        layers.Select(l => new CoreMLLayerSummary(l.Name, LayerTypeName(l), l.Input.ToList(), l.Output.ToList())).ToList();

    private static List<CoreMLLayerSummary> ProgramOperations(Program program, string? defaultFunctionName)
    {
        Function? function = MainFunction(program, defaultFunctionName);
        if (function is null)
        {
            return [];
        }

        // A function keeps one block per opset specialization; the one for its declared opset is the body.
        Block? block = function.BlockSpecializations.TryGetValue(function.Opset, out Block? declared)
            ? declared
            : function.BlockSpecializations.Values.FirstOrDefault();
        return block is null ? [] : block.Operations.Select(OperationSummary).ToList();
    }

    private static Function? MainFunction(Program program, string? defaultFunctionName)
    {
        if (!string.IsNullOrEmpty(defaultFunctionName) && program.Functions.TryGetValue(defaultFunctionName, out Function? named))
        {
            return named;
        }

        return program.Functions.TryGetValue("main", out Function? main) ? main : program.Functions.Values.FirstOrDefault();
    }

    private static CoreMLLayerSummary OperationSummary(Operation operation)
    {
        var inputs = new List<string>();
        foreach ((string parameter, Argument argument) in operation.Inputs)
        {
            foreach (Argument.Types.Binding binding in argument.Arguments)
            {
                string bound = binding.BindingCase switch
                {
                    Argument.Types.Binding.BindingOneofCase.Name => binding.Name,
                    Argument.Types.Binding.BindingOneofCase.Value when binding.Value.ValueCase == Value.ValueOneofCase.BlobFileValue => "<blob>",
                    Argument.Types.Binding.BindingOneofCase.Value => "<const>",
                    _ => "<unset>",
                };
                inputs.Add($"{parameter}={bound}");
            }
        }

        List<string> outputs = operation.Outputs.Select(o => o.Name).ToList();
        return new CoreMLLayerSummary(OperationName(operation) ?? outputs.FirstOrDefault() ?? "", operation.Type, inputs, outputs);
    }

    // Converters store the op's own name as a string attribute "name"; older programs may not.
    private static string? OperationName(Operation operation) =>
        operation.Attributes.TryGetValue("name", out Value? name)
        && name.ImmediateValue?.Tensor?.Strings is { Values.Count: > 0 } strings
            ? strings.Values[0]
            : null;

    private static List<CoreMLModelSummary> DescribeSubmodels(Model model)
    {
        Format.Pipeline? pipeline = model.TypeCase switch
        {
            Model.TypeOneofCase.Pipeline => model.Pipeline,
            Model.TypeOneofCase.PipelineClassifier => model.PipelineClassifier.Pipeline,
            Model.TypeOneofCase.PipelineRegressor => model.PipelineRegressor.Pipeline,
            _ => null,
        };
        return pipeline is null ? [] : pipeline.Models.Select(Describe).ToList();
    }
}
