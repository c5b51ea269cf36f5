using Google.Protobuf;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Builds small NeuralNetwork models in memory for hand-computed reader tests, and writes them to disk.</summary>
internal static class NeuralNetworkModels
{
    public static FeatureDescription ArrayInput(string name, params long[] shape)
    {
        var array = new ArrayFeatureType { DataType = ArrayFeatureType.Types.ArrayDataType.Float32 };
        array.Shape.AddRange(shape);
        return new FeatureDescription { Name = name, Type = new FeatureType { MultiArrayType = array } };
    }

    public static FeatureDescription ImageInput(string name, ImageFeatureType.Types.ColorSpace colorSpace, long height, long width) =>
        new() { Name = name, Type = new FeatureType { ImageType = new ImageFeatureType { ColorSpace = colorSpace, Height = height, Width = width } } };

    public static FeatureDescription Output(string name) =>
        new() { Name = name, Type = new FeatureType { MultiArrayType = new ArrayFeatureType { DataType = ArrayFeatureType.Types.ArrayDataType.Float32 } } };

    public static NeuralNetworkLayer Layer(string name, string input, string output)
    {
        var layer = new NeuralNetworkLayer { Name = name };
        layer.Input.Add(input);
        layer.Output.Add(output);
        return layer;
    }

    public static NeuralNetworkLayer Identity(string name, string input, string output)
    {
        var layer = Layer(name, input, output);
        layer.Activation = new ActivationParams { Linear = new ActivationLinear { Alpha = 1f } };
        return layer;
    }

    /// <summary>An activation layer computing alpha * x + beta.</summary>
    public static NeuralNetworkLayer Linear(string name, string input, string output, float alpha, float beta)
    {
        var layer = Layer(name, input, output);
        layer.Activation = new ActivationParams { Linear = new ActivationLinear { Alpha = alpha, Beta = beta } };
        return layer;
    }

    public static NeuralNetworkLayer Relu(string name, string input, string output)
    {
        var layer = Layer(name, input, output);
        layer.Activation = new ActivationParams { ReLU = new ActivationReLU() };
        return layer;
    }

    public static NeuralNetworkLayer Copy(string name, string input, string output)
    {
        var layer = Layer(name, input, output);
        layer.Copy = new CopyLayerParams();
        return layer;
    }

    public static WeightParams Floats(params float[] values)
    {
        var weights = new WeightParams();
        weights.FloatValue.AddRange(values);
        return weights;
    }

    public static Model Network(IEnumerable<FeatureDescription> inputs, IEnumerable<string> outputs, params NeuralNetworkLayer[] layers)
    {
        var network = new Parity.Spec.CoreML.Format.NeuralNetwork();
        network.Layers.AddRange(layers);
        var model = new Model { SpecificationVersion = 4, Description = new ModelDescription(), NeuralNetwork = network };
        model.Description.Input.AddRange(inputs);
        model.Description.Output.AddRange(outputs.Select(Output));
        return model;
    }

    public static string Write(TemporaryDirectory temp, Model model, string name = "model.mlmodel") => temp.WriteFile(name, model.ToByteArray());
}
