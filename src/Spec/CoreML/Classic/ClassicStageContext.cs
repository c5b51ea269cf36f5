using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.Classic;

/// <summary>
/// What a classic model builder sees: the stage's model message and name, the graph values feeding its input features,
/// and node emission into the shared graph. Classic models compute on rows: a feature value holding N times the D
/// numbers of one prediction is read as [N, D] (a declared [D] input is one row), and outputs are [N, K].
/// </summary>
internal sealed class ClassicStageContext(NeuralNetworkGraphState state, Model model, string stageName, string typeName, IReadOnlyDictionary<string, string> inputs)
{
    public Model Model { get; } = model;

    public string StageName { get; } = stageName;

    /// <summary>The model type as the format spells it, e.g. "glmClassifier".</summary>
    public string TypeName { get; } = typeName;

    /// <summary>The declared input features of the model.</summary>
    public IReadOnlyList<FeatureDescription> InputFeatures => Model.Description?.Input ?? (IReadOnlyList<FeatureDescription>)[];

    /// <summary>The declared output features of the model.</summary>
    public IReadOnlyList<FeatureDescription> OutputFeatures => Model.Description?.Output ?? (IReadOnlyList<FeatureDescription>)[];

    /// <summary>The graph value of the model's single input feature.</summary>
    public string Input => InputFeatures.Count == 1 && inputs.TryGetValue(InputFeatures[0].Name, out var value)
        ? value
        : throw Error("input", $"declares {InputFeatures.Count} input features; this model type takes exactly 1 multi-array.");

    /// <summary>The graph value feeding input feature <paramref name="feature"/>.</summary>
    public string ValueOf(string feature) => inputs.TryGetValue(feature, out var value)
        ? value
        : throw Error($"input '{feature}'", "is not fed by the pipeline; the model needs every declared input.");

    /// <summary><paramref name="value"/> as rows of <paramref name="width"/> numbers: [N, width].</summary>
    public string Rows(string value, int width, string field)
    {
        var shape = state.Types[value].Shape;
        if (state.Types[value].DType != DType.Float32) throw Error(field, $"is fed {state.Types[value]}; expected a float multi-array.");
        if (width < 1 || shape.ElementCount == 0 || shape.ElementCount % width != 0)
        {
            throw Error(field, $"is fed shape {shape}; the model reads {width} numbers per prediction.");
        }
        return shape.Rank == 2 && shape[1] == width ? value : Emit("rows", new ReshapeOp([shape.ElementCount / width, width]), value);
    }

    /// <summary>Adds a node named after the stage and <paramref name="step"/>; returns its output value.</summary>
    public string Emit(string step, IOperator op, params string[] inputs)
    {
        var value = state.FreshValue($"{StageName}/{step}");
        state.Add(value, op, inputs, value, problem => Error(step, problem));
        return value;
    }

    /// <summary>Adds the node producing output feature <paramref name="feature"/>, named after the feature.</summary>
    public string EmitOutput(string feature, IOperator op, params string[] inputs)
    {
        var value = state.FreshValue(feature);
        state.Add($"{StageName}/{feature}", op, inputs, value, problem => Error(feature, problem));
        return value;
    }

    public string Constant(string step, Tensor value) => Emit(step, new Constant(value));

    /// <summary>Float64 parameters as float32: the engine computes in float32 (Core ML computes classic models in double).</summary>
    public static float[] Floats(IEnumerable<double> values) => values.Select(v => (float)v).ToArray();

    public ModelFormatException Error(string field, string problem) =>
        new(state.Path, $"pipeline stage '{StageName}' ({TypeName}): {field}", problem);

    public UnsupportedLayerException Unsupported(string reason) => new(state.Path, new UnsupportedLayer(StageName, TypeName, reason));
}

/// <summary>What a classic model adds to the graph: the value of each declared output feature it computes, and its classifier outputs if it classifies.</summary>
internal sealed record ClassicStageResult(IReadOnlyDictionary<string, string> Outputs, CoreMLClassifierInfo? Classifier = null);
