using Google.Protobuf;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Format.Mil;
using Parity.Spec.CoreML.Edits;
using MilTensorType = Parity.Spec.CoreML.Format.Mil.TensorType;
using MilValueType = Parity.Spec.CoreML.Format.Mil.ValueType;

namespace Parity.Spec.Tests.CoreML;

public class ProgramProbeTests
{
    private static NamedValueType Value(string name, DataType type, params long?[] dims)
    {
        var tensor = new MilTensorType { DataType = type, Rank = dims.Length };
        foreach (var d in dims)
        {
            tensor.Dimensions.Add(d is { } size
                ? new Dimension { Constant = new Dimension.Types.ConstantDimension { Size = (ulong)size } }
                : new Dimension { Unknown = new Dimension.Types.UnknownDimension() });
        }
        return new NamedValueType { Name = name, Type = new MilValueType { TensorType = tensor } };
    }

    /// <summary>main(x) { h = relu(x) (fp16 [1, 4]); y = linear(h) (fp32 [?, 2]) } -> y, specification version 6.</summary>
    private static Model Program()
    {
        var block = new Block { Outputs = { "y" } };
        block.Operations.Add(new Operation { Type = "relu", Outputs = { Value("h", DataType.Float16, 1, 4) } });
        block.Operations.Add(new Operation { Type = "linear", Outputs = { Value("y", DataType.Float32, null, 2) } });
        var main = new Function { Opset = "CoreML5" };
        main.BlockSpecializations.Add("CoreML5", block);
        var program = new Parity.Spec.CoreML.Format.Mil.Program { Version = 1 };
        program.Functions.Add("main", main);
        var model = new Model { SpecificationVersion = 6, MlProgram = program, Description = new ModelDescription() };
        model.Description.Output.Add(new FeatureDescription { Name = "y", Type = new FeatureType { MultiArrayType = new ArrayFeatureType { DataType = ArrayFeatureType.Types.ArrayDataType.Float32 } } });
        return model;
    }

    [Fact]
    public void A_probed_value_becomes_a_block_output_and_a_described_output()
    {
        var original = Program();
        var before = original.ToByteArray();

        var probed = ProgramProbe.AddOutputs(original, ["h"]);

        Assert.Equal(["y", "h"], probed.MlProgram.Functions["main"].BlockSpecializations["CoreML5"].Outputs);
        var h = probed.Description.Output.Single(o => o.Name == "h").Type.MultiArrayType;
        Assert.Equal(ArrayFeatureType.Types.ArrayDataType.Float16, h.DataType);
        Assert.Equal([1L, 4], h.Shape);
        // FLOAT16 outputs need specification 7 (macOS 13 / iOS 16); version 6 is raised.
        Assert.Equal(7, probed.SpecificationVersion);
        Assert.Equal(before, original.ToByteArray());
    }

    [Fact]
    public void Probing_an_output_again_adds_nothing_and_open_dimensions_leave_the_shape_open()
    {
        var probed = ProgramProbe.AddOutputs(Program(), ["y"]);
        Assert.Equal(["y"], probed.MlProgram.Functions["main"].BlockSpecializations["CoreML5"].Outputs);
        Assert.Single(probed.Description.Output);
        Assert.Empty(ProgramProbe.Declare("y", Value("y", DataType.Float32, null, 2).Type.TensorType).Type.MultiArrayType.Shape);
        Assert.Equal(6, probed.SpecificationVersion);
    }

    [Fact]
    public void Unknown_values_and_other_model_types_are_refused_with_reasons()
    {
        var e = Assert.Throws<ArgumentException>(() => ProgramProbe.AddOutputs(Program(), ["nope"]));
        Assert.Contains("--probe nope", e.Message);
        Assert.Contains("h, y", e.Message);
        var network = Assert.Throws<ArgumentException>(() => ProgramProbe.AddOutputs(new Model { NeuralNetwork = new NeuralNetwork() }, ["h"]));
        Assert.Contains("ML Programs", network.Message);
        Assert.Throws<ArgumentException>(() => ProgramProbe.Declare("s", new MilTensorType { DataType = DataType.String }));
    }

    [Fact]
    public void A_real_package_is_copied_with_the_probe_and_left_untouched()
    {
        var package = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "coreml", "torch_small_cnn", "SmallCNN_fp32.mlpackage");
        var original = CoreMLModelFile.Load(package);
        var originalBytes = File.ReadAllBytes(original.SpecificationPath);
        var block = original.Model.MlProgram.Functions["main"].BlockSpecializations.Values.Single();
        var inner = block.Operations.SelectMany(o => o.Outputs).Select(o => o.Name).First(n => !block.Outputs.Contains(n));
        var scratch = Directory.CreateTempSubdirectory("parity-probe-test").FullName;
        try
        {
            var copy = ProgramProbe.WritePackage(package, [inner], scratch);

            var rewritten = CoreMLModelFile.Load(copy);
            Assert.Contains(inner, rewritten.Model.MlProgram.Functions["main"].BlockSpecializations.Values.Single().Outputs);
            Assert.Contains(rewritten.Model.Description.Output, o => o.Name == inner);
            Assert.Equal(original.Model.Description.Output.Count + 1, rewritten.Model.Description.Output.Count);
            var weights = Directory.GetFiles(Path.Combine(package, "Data"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(package, f)).Order();
            Assert.Equal(weights, Directory.GetFiles(Path.Combine(copy, "Data"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(copy, f)).Order());
            Assert.Equal(originalBytes, File.ReadAllBytes(original.SpecificationPath));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
