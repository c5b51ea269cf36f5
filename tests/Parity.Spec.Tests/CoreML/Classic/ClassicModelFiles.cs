using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Builds small classic Core ML models (scaler, GLM) in memory, and reads and runs a model file through <see cref="ModelFiles"/>.</summary>
internal static class ClassicModelFiles
{
    public static FeatureDescription DoubleArray(string name, params long[] shape)
    {
        var array = new ArrayFeatureType { DataType = ArrayFeatureType.Types.ArrayDataType.Double };
        array.Shape.AddRange(shape);
        return new FeatureDescription { Name = name, Type = new FeatureType { MultiArrayType = array } };
    }

    public static FeatureDescription Int64Feature(string name) => new() { Name = name, Type = new FeatureType { Int64Type = new Int64FeatureType() } };

    public static FeatureDescription StringFeature(string name) => new() { Name = name, Type = new FeatureType { StringType = new StringFeatureType() } };

    public static FeatureDescription Dictionary(string name) =>
        new() { Name = name, Type = new FeatureType { DictionaryType = new DictionaryFeatureType { Int64KeyType = new Int64FeatureType() } } };

    public static Model Scaler(int width, double[] shift, double[] scale)
    {
        var scaler = new Parity.Spec.CoreML.Format.Scaler();
        scaler.ShiftValue.AddRange(shift);
        scaler.ScaleValue.AddRange(scale);
        var model = new Model { SpecificationVersion = 1, Description = new ModelDescription(), Scaler = scaler };
        model.Description.Input.Add(DoubleArray("x", width));
        model.Description.Output.Add(DoubleArray("y", width));
        return model;
    }

    public static Model Regressor(GLMRegressor.Types.PostEvaluationTransform transform, double[] offsets, params double[][] weights)
    {
        var glm = new GLMRegressor { PostEvaluationTransform = transform };
        glm.Offset.AddRange(offsets);
        foreach (var row in weights)
        {
            var array = new GLMRegressor.Types.DoubleArray();
            array.Value.AddRange(row);
            glm.Weights.Add(array);
        }
        var model = new Model { SpecificationVersion = 1, Description = new ModelDescription { PredictedFeatureName = "y" }, GlmRegressor = glm };
        model.Description.Input.Add(DoubleArray("x", weights[0].Length));
        model.Description.Output.Add(new FeatureDescription { Name = "y", Type = new FeatureType { DoubleType = new DoubleFeatureType() } });
        return model;
    }

    public static Model Classifier(GLMClassifier.Types.PostEvaluationTransform transform, GLMClassifier.Types.ClassEncoding encoding, object[] labels,
        double[] offsets, params double[][] weights)
    {
        var glm = new GLMClassifier { PostEvaluationTransform = transform, ClassEncoding = encoding };
        glm.Offset.AddRange(offsets);
        foreach (var row in weights)
        {
            var array = new GLMClassifier.Types.DoubleArray();
            array.Value.AddRange(row);
            glm.Weights.Add(array);
        }
        var strings = labels.All(l => l is string);
        if (strings) glm.StringClassLabels = new StringVector { Vector = { labels.Cast<string>() } };
        else glm.Int64ClassLabels = new Int64Vector { Vector = { labels.Select(Convert.ToInt64) } };
        var description = new ModelDescription { PredictedFeatureName = "label", PredictedProbabilitiesName = "probabilities" };
        description.Input.Add(DoubleArray("x", weights[0].Length));
        description.Output.Add(strings ? StringFeature("label") : Int64Feature("label"));
        description.Output.Add(Dictionary("probabilities"));
        return new Model { SpecificationVersion = 1, Description = description, GlmClassifier = glm };
    }

    /// <summary>Writes <paramref name="model"/>, reads it (input "x" given <paramref name="shape"/>), runs it on <paramref name="x"/> and returns value <paramref name="output"/> (a graph value or layer name).</summary>
    public static (float[] Values, Shape Shape, ExecutableModel Model) Run(Model model, float[] x, int[] shape, string output)
    {
        using var temp = new TemporaryDirectory();
        var path = temp.WriteFile("model.mlmodel", model.ToByteArray());
        var executable = ModelFiles.Load(path, new ModelLoadOptions { InputShapes = new Dictionary<string, Shape> { ["x"] = new Shape(shape) } });
        using var input = Tensor.FromArray(x, shape);
        using var result = Executor.Run(executable.Graph, new Dictionary<string, Tensor> { ["x"] = input });
        var value = executable.Layers.FirstOrDefault(l => l.Name == output)?.Value ?? output;
        return (result[value].Floats.ToArray(), result[value].Shape, executable);
    }
}
