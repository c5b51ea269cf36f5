using System.Text;
using Google.Protobuf;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.Tests.CoreML;

/// <summary>Each way a Core ML file can be unreadable gives a ModelFormatException naming the file and the problem.</summary>
public class CoreMLModelFileErrorTests
{
    private const string PackageModelPath = "Data/com.apple.CoreML/model.mlmodel";

    [Fact]
    public void Missing_file_is_named()
    {
        using var temp = new TemporaryDirectory();
        string path = temp.Combine("absent.mlmodel");

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(path));

        Assert.Equal(path, e.File);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        using var temp = new TemporaryDirectory();
        string path = temp.WriteFile("empty.mlmodel", []);

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(path));

        Assert.StartsWith($"{path}: is empty", e.Message);
    }

    [Fact]
    public void File_over_two_gibibytes_is_refused_before_reading()
    {
        using var temp = new TemporaryDirectory();
        string path = temp.Combine("huge.mlmodel");
        using (var stream = File.Create(path))
        {
            // Sparse on the usual Linux, macOS and Windows file systems: no disk space is used.
            stream.SetLength(CoreMLModelFile.MaxSpecificationBytes + 1);
        }

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(path));

        Assert.Contains("over 2 GiB", e.Problem);
    }

    [Fact]
    public void Truncated_protobuf_wraps_the_parser_error()
    {
        using var temp = new TemporaryDirectory();
        byte[] whole = SmallNetwork().ToByteArray();
        string path = temp.WriteFile("cut.mlmodel", whole[..(whole.Length - 3)]);

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(path));

        Assert.IsType<InvalidProtocolBufferException>(e.InnerException);
        Assert.Contains("damaged or truncated", e.Problem);
    }

    [Fact]
    public void Text_file_is_not_a_model()
    {
        using var temp = new TemporaryDirectory();
        string path = temp.WriteFile("notes.mlmodel", Encoding.UTF8.GetBytes("just some text, certainly not protobuf\n"));

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(path));

        Assert.Equal(path, e.File);
    }

    [Fact]
    public void Hdf5_file_is_recognised_as_the_wrong_side_of_a_pair()
    {
        using var temp = new TemporaryDirectory();
        byte[] hdf5Start = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        string path = temp.WriteFile("model.h5", hdf5Start);

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(path));

        Assert.Contains("HDF5", e.Problem);
    }

    [Fact]
    public void Model_without_a_type_is_refused()
    {
        using var temp = new TemporaryDirectory();
        var model = new Model { SpecificationVersion = 4, Description = new ModelDescription() };
        string path = temp.WriteFile("typeless.mlmodel", model.ToByteArray());

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(path));

        Assert.Equal("Model.Type", e.Location);
        Assert.Contains("no model type", e.Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-3)]
    public void Unfamiliar_specification_version_loads_with_a_note(int version)
    {
        using var temp = new TemporaryDirectory();
        Model model = SmallNetwork();
        model.SpecificationVersion = version;
        string path = temp.WriteFile("versioned.mlmodel", model.ToByteArray());

        CoreMLModelFile file = CoreMLModelFile.Load(path);

        Assert.Equal(version, file.Model.SpecificationVersion);
        Assert.Contains(file.Notes, n => n.Contains($"specificationVersion {version}"));
    }

    [Fact]
    public void Unknown_field_inside_a_layer_is_kept_and_located()
    {
        using var temp = new TemporaryDirectory();
        Model model = SmallNetwork();
        // Field 77 (varint 1) is not declared by NeuralNetworkLayer: tag (77 << 3 | 0) = 616 = varint E8 04.
        byte[] layerWithExtra = [.. model.NeuralNetwork.Layers[1].ToByteArray(), 0xE8, 0x04, 0x01];
        model.NeuralNetwork.Layers[1] = NeuralNetworkLayer.Parser.ParseFrom(layerWithExtra);
        string path = temp.WriteFile("extra.mlmodel", model.ToByteArray());

        CoreMLModelFile file = CoreMLModelFile.Load(path);

        Assert.Equal(["Model.neuralNetwork.layers[1]"], file.UnknownFieldPaths);
        Assert.Contains(file.Notes, n => n.Contains("Model.neuralNetwork.layers[1]"));
        Assert.Equal(model.ToByteArray(), file.Model.ToByteArray());
    }

    [Fact]
    public void Unknown_field_at_top_level_and_in_a_child_are_both_located()
    {
        using var temp = new TemporaryDirectory();
        Model model = SmallNetwork();
        byte[] layerWithExtra = [.. model.NeuralNetwork.Layers[0].ToByteArray(), 0xE8, 0x04, 0x01];
        model.NeuralNetwork.Layers[0] = NeuralNetworkLayer.Parser.ParseFrom(layerWithExtra);
        // Field 9 of Model is unused by the format: tag (9 << 3 | 0) = 72.
        string path = temp.WriteFile("extra.mlmodel", [.. model.ToByteArray(), 72, 0x05]);

        CoreMLModelFile file = CoreMLModelFile.Load(path);

        Assert.Equal(["Model.neuralNetwork.layers[0]", "Model"], file.UnknownFieldPaths);
    }

    [Fact]
    public void Directory_without_manifest_is_refused()
    {
        using var temp = new TemporaryDirectory();
        string package = temp.Combine("Empty.mlpackage");
        Directory.CreateDirectory(package);

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(package));

        Assert.Equal(package, e.File);
        Assert.Contains("without Manifest.json", e.Problem);
    }

    [Fact]
    public void Package_is_read_through_its_manifest()
    {
        using var temp = new TemporaryDirectory();
        string package = WritePackage(temp, "com.apple.CoreML/model.mlmodel");

        CoreMLModelFile file = CoreMLModelFile.Load(package);

        Assert.Equal(Path.GetFullPath(package), file.PackageRoot);
        Assert.Equal("neuralNetwork", CoreMLModelSummary.ModelTypeName(file.Model));
    }

    [Theory]
    [InlineData("../../outside.mlmodel")]
    [InlineData("com.apple.CoreML/../../../outside.mlmodel")]
    [InlineData("/etc/passwd")]
    public void Manifest_pointing_outside_the_package_is_refused(string entryPath)
    {
        using var temp = new TemporaryDirectory();
        temp.WriteFile("outside.mlmodel", SmallNetwork().ToByteArray());
        string package = WritePackage(temp, entryPath);

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(package));

        Assert.Equal(Path.Combine(package, "Manifest.json"), e.File);
        Assert.Matches("outside the package|absolute path", e.Problem);
    }

    [Fact]
    public void Manifest_naming_a_missing_model_is_refused()
    {
        using var temp = new TemporaryDirectory();
        string package = WritePackage(temp, "com.apple.CoreML/elsewhere.mlmodel");

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(package));

        Assert.EndsWith("elsewhere.mlmodel", e.File);
        Assert.Contains("does not exist", e.Problem);
    }

    [Theory]
    [InlineData("{ not json", null)]
    [InlineData("[1, 2]", null)]
    [InlineData("""{"itemInfoEntries": {}}""", "rootModelIdentifier")]
    [InlineData("""{"rootModelIdentifier": "a"}""", "itemInfoEntries")]
    [InlineData("""{"rootModelIdentifier": "a", "itemInfoEntries": {"b": {"path": "x"}}}""", "itemInfoEntries")]
    [InlineData("""{"rootModelIdentifier": "a", "itemInfoEntries": {"a": {"name": "x"}}}""", "itemInfoEntries['a'].path")]
    [InlineData("""{"rootModelIdentifier": 5, "itemInfoEntries": {}}""", "rootModelIdentifier")]
    public void Malformed_manifest_names_what_is_wrong(string manifest, string? location)
    {
        using var temp = new TemporaryDirectory();
        string package = temp.Combine("Bad.mlpackage");
        temp.WriteFile(Path.Combine("Bad.mlpackage", "Manifest.json"), Encoding.UTF8.GetBytes(manifest));

        var e = Assert.Throws<ModelFormatException>(() => CoreMLModelFile.Load(package));

        Assert.Equal(Path.Combine(package, "Manifest.json"), e.File);
        Assert.Equal(location, e.Location);
    }

    [Fact]
    public void Blank_path_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => CoreMLModelFile.Load(" "));
    }

    private static string WritePackage(TemporaryDirectory temp, string entryPath)
    {
        string package = temp.Combine("Net.mlpackage");
        string manifest = $$"""
            {
              "fileFormatVersion": "1.0.0",
              "itemInfoEntries": {
                "ID-1": { "author": "com.apple.CoreML", "name": "model.mlmodel", "path": "{{entryPath}}" }
              },
              "rootModelIdentifier": "ID-1"
            }
            """;
        temp.WriteFile(Path.Combine("Net.mlpackage", "Manifest.json"), Encoding.UTF8.GetBytes(manifest));
        temp.WriteFile(Path.Combine("Net.mlpackage", PackageModelPath), SmallNetwork().ToByteArray());
        return package;
    }

    private static Model SmallNetwork()
    {
        var input = new FeatureType { MultiArrayType = new ArrayFeatureType { DataType = ArrayFeatureType.Types.ArrayDataType.Float32, Shape = { 3 } } };
        var output = new FeatureType { MultiArrayType = new ArrayFeatureType { DataType = ArrayFeatureType.Types.ArrayDataType.Float32, Shape = { 2 } } };
        var network = new NeuralNetwork
        {
            Layers =
            {
                new NeuralNetworkLayer
                {
                    Name = "dense",
                    Input = { "x" },
                    Output = { "h" },
                    InnerProduct = new InnerProductLayerParams
                    {
                        InputChannels = 3,
                        OutputChannels = 2,
                        Weights = new WeightParams { FloatValue = { 1, 2, 3, 4, 5, 6 } },
                    },
                },
                new NeuralNetworkLayer
                {
                    Name = "relu",
                    Input = { "h" },
                    Output = { "y" },
                    Activation = new ActivationParams { ReLU = new ActivationReLU() },
                },
            },
        };
        return new Model
        {
            SpecificationVersion = 1,
            Description = new ModelDescription
            {
                Input = { new FeatureDescription { Name = "x", Type = input } },
                Output = { new FeatureDescription { Name = "y", Type = output } },
            },
            NeuralNetwork = network,
        };
    }
}
