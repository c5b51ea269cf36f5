using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Features;

namespace Parity.Spec.Tests.CoreML;

public class CoreMLFeatureTests
{
    internal static FeatureDescription Array(string name, ArrayFeatureType.Types.ArrayDataType type, params long[] shape)
    {
        var array = new ArrayFeatureType { DataType = type };
        array.Shape.AddRange(shape);
        return new FeatureDescription { Name = name, Type = new FeatureType { MultiArrayType = array } };
    }

    [Fact]
    public void Declared_features_become_runtime_features_with_engine_types()
    {
        var model = new Model { Description = new ModelDescription() };
        model.Description.Input.Add(Array("x", ArrayFeatureType.Types.ArrayDataType.Float16, 1, 3));
        model.Description.Input.Add(new FeatureDescription
        {
            Name = "photo",
            Type = new FeatureType { ImageType = new ImageFeatureType { Width = 4, Height = 2, ColorSpace = ImageFeatureType.Types.ColorSpace.Bgr } },
        });
        model.Description.Input.Add(new FeatureDescription { Name = "t", Type = new FeatureType { DoubleType = new DoubleFeatureType() } });
        model.Description.Output.Add(new FeatureDescription { Name = "label", Type = new FeatureType { StringType = new StringFeatureType() } });
        model.Description.Output.Add(Array("old", ArrayFeatureType.Types.ArrayDataType.InvalidArrayDataType, 2));

        var (inputs, outputs) = CoreMLFeature.Read(model);

        Assert.Equal(new TensorType(DType.Float16, new Shape(1, 3)), inputs[0].TensorType);
        Assert.Equal(MultiArrayDataType.Float16, inputs[0].DataType);
        Assert.Equal(FeatureKind.Image, inputs[1].Kind);
        Assert.Equal(new ImageFormat(4, 2, ImageColor.Bgr), inputs[1].Image);
        // Raw pixels in the managed reader's layout: [1, C, H, W].
        Assert.Equal(new TensorType(DType.Float32, new Shape(1, 3, 2, 4)), inputs[1].TensorType);
        Assert.Equal(new TensorType(DType.Float64, new Shape(1)), inputs[2].TensorType);
        Assert.Equal(FeatureKind.Other, outputs[0].Kind);
        Assert.Equal("string", outputs[0].TypeName);
        // An unset data type is Core ML's default, FLOAT32.
        Assert.Equal(MultiArrayDataType.Float32, outputs[1].DataType);
    }

    [Fact]
    public void Inputs_that_cannot_be_fed_say_what_to_do()
    {
        var open = CoreMLFeature.From(Array("x", ArrayFeatureType.Types.ArrayDataType.Float32));
        Assert.Contains("--input x=FILE.npy", Assert.Throws<ArgumentException>(() => open.TensorType).Message);
        Assert.Throws<ArgumentException>(() => CoreMLFeature.From(Array("q", ArrayFeatureType.Types.ArrayDataType.Int8, 2)));
        Assert.Throws<ArgumentException>(() => CoreMLFeature.Read(new Model()));
        var keras = Assert.Throws<ArgumentException>(() => CoreMLFeature.ReadFile("mnist.h5"));
        Assert.Equal("--runtime coreml runs Core ML models (.mlmodel or .mlpackage); mnist.h5 is not one.", keras.Message);
    }

    [Fact]
    public void A_real_package_declares_its_inputs_and_outputs()
    {
        var package = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "coreml", "torch_small_cnn", "SmallCNN_fp32.mlpackage");
        var (inputs, outputs) = CoreMLFeature.ReadFile(package);
        // case.json: converted with ct.TensorType(name='input', shape=(1, 3, 32, 32)) and outputs logits, probs.
        var input = Assert.Single(inputs);
        Assert.Equal("input", input.Name);
        Assert.Equal([1L, 3, 32, 32], input.Shape);
        Assert.Equal(["logits", "probs"], outputs.Select(o => o.Name));
        Assert.All(outputs, o => Assert.Equal(FeatureKind.MultiArray, o.Kind));
    }
}
