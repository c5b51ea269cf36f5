using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Loading with deferWeights leaves the large WeightParams payloads in the file and reads them into the weight tensors
/// while the graph is built. Every model must compute exactly what the whole parse computes, every encoding the scan
/// cannot vouch for must fall back to the whole parse, and a file rewritten in between must be reported.
/// </summary>
public sealed class DeferredWeightsTests
{
    private const int Units = 64;

    /// <summary>W[o, i] of the 64 x 64 innerProduct below (16 KiB as float32: deferred), small exact binary fractions.</summary>
    private static float Weight(int o, int i) => ((o * 7 + i * 3) % 17 - 8) / 16f;

    private static float Bias(int o) => (o % 5 - 2) / 4f;

    private static float Input(int i) => (i % 9 - 4) / 8f;

    [Fact]
    public void A_deferred_payload_leaves_the_message_empty_and_is_read_into_the_layer()
    {
        using var temp = new TemporaryDirectory();
        var path = Write(temp, InnerProductModel(FloatWeights()));

        var file = CoreMLModelFile.Load(path, deferWeights: true);

        Assert.Empty(file.Model.NeuralNetwork.Layers[0].InnerProduct.Weights.FloatValue);
        Assert.Equal(Units, file.Model.NeuralNetwork.Layers[0].InnerProduct.Bias.FloatValue.Count);
        AssertComputesByHand(file);
    }

    [Fact]
    public void Float16_payloads_are_deferred_and_widened_like_the_message_values()
    {
        var weights = new WeightParams
        {
            Float16Value = ByteString.CopyFrom(Enumerable.Range(0, Units * Units)
                .SelectMany(k => BitConverter.GetBytes((Half)Weight(k / Units, k % Units))).ToArray()),
        };
        using var temp = new TemporaryDirectory();
        var path = Write(temp, InnerProductModel(weights));

        var file = CoreMLModelFile.Load(path, deferWeights: true);

        Assert.True(file.Model.NeuralNetwork.Layers[0].InnerProduct.Weights.Float16Value.IsEmpty);
        AssertComputesByHand(file);
        Assert.True(CoreMLGraphReader.Read(file).ToExecutable().StoresFloat16Weights);
    }

    public static TheoryData<string, Func<byte[]>> UnusualEncodings() => new()
    {
        // proto3 parsers must accept repeated floats unpacked, one tag per element.
        { "unpacked", () => Enumerable.Range(0, Units * Units).SelectMany(k => new byte[] { 0x0D }.Concat(BitConverter.GetBytes(WeightAt(k)))).ToArray() },
        // Two chunks of one repeated field are concatenated (a small one the scan would not defer, then a large one).
        { "two chunks", () => [.. Packed(0, 100), .. Packed(100, Units * Units)] },
        // A length written with a redundant continuation byte is still a valid varint.
        { "padded length", () => PaddedLength(Packed(0, Units * Units)) },
    };

    [Theory]
    [MemberData(nameof(UnusualEncodings))]
    public void Encodings_the_scan_cannot_vouch_for_are_parsed_whole(string encoding, Func<byte[]> weightParams)
    {
        using var temp = new TemporaryDirectory();
        var path = temp.WriteFile("model.mlmodel", WithRawWeights(weightParams()));

        var file = CoreMLModelFile.Load(path, deferWeights: true);

        Assert.True(Units * Units == file.Model.NeuralNetwork.Layers[0].InnerProduct.Weights.FloatValue.Count, encoding);
        AssertComputesByHand(file);
    }

    [Fact]
    public void A_file_with_unknown_fields_is_parsed_whole_so_they_are_still_located()
    {
        var model = InnerProductModel(FloatWeights());
        var layer = model.NeuralNetwork.Layers[0];
        var unknown = new MemoryStream();
        var output = new CodedOutputStream(unknown);
        output.WriteTag(9999, WireFormat.WireType.Varint);
        output.WriteUInt64(1);
        output.Flush();
        using var temp = new TemporaryDirectory();
        var path = temp.WriteFile("model.mlmodel", WithLayer(model, [.. layer.ToByteArray(), .. unknown.ToArray()]));

        var file = CoreMLModelFile.Load(path, deferWeights: true);

        Assert.Equal(["Model.neuralNetwork.layers[0]"], file.UnknownFieldPaths);
        AssertComputesByHand(file);
    }

    [Fact]
    public void A_file_rewritten_after_loading_is_reported_instead_of_read()
    {
        using var temp = new TemporaryDirectory();
        var path = Write(temp, InnerProductModel(FloatWeights()));
        var file = CoreMLModelFile.Load(path, deferWeights: true);
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), 0]);

        var error = Assert.Throws<ModelFormatException>(() => CoreMLGraphReader.Read(file));

        Assert.Contains("changed on disk after it was loaded", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [MemberData(nameof(CoreMLFixtureFiles.InRepository), MemberType = typeof(CoreMLFixtureFiles))]
    public void Every_bundled_neural_network_computes_the_same_with_deferred_weights(string relativePath)
    {
        var path = CoreMLFixtureFiles.FullPath(relativePath);
        var whole = CoreMLModelFile.Load(path);
        if (CoreMLMessages.Layers(whole.Model) is null) return;
        var deferred = CoreMLModelFile.Load(path, deferWeights: true);
        var a = CoreMLGraphReader.Read(whole);
        var b = CoreMLGraphReader.Read(deferred);

        var feeds = a.Graph.Inputs.ToDictionary(i => i.Name, i => Ramp(i.Type));
        try
        {
            using var expected = Executor.Run(a.Graph, feeds);
            using var actual = Executor.Run(b.Graph, feeds);
            foreach (var name in a.Graph.Outputs)
            {
                Assert.True(expected[name].Bytes.SequenceEqual(actual[name].Bytes), $"{relativePath}: output {name} differs");
            }
        }
        finally
        {
            foreach (var t in feeds.Values) t.Dispose();
        }
    }

    private static Tensor Ramp(TensorType type)
    {
        var t = Tensor.Zeros(type.DType, type.Shape);
        if (type.DType == DType.Float32)
        {
            var f = t.Floats;
            // Whole numbers 0 and 1, so inputs read as embedding indices are valid too.
            for (var k = 0; k < f.Length; k++) f[k] = k % 3 == 1 ? 1f : 0f;
        }
        return t;
    }

    private static float WeightAt(int k) => Weight(k / Units, k % Units);

    private static WeightParams FloatWeights() => Floats([.. Enumerable.Range(0, Units * Units).Select(WeightAt)]);

    private static Model InnerProductModel(WeightParams weights)
    {
        var layer = Layer("dense", "x", "y");
        layer.InnerProduct = new InnerProductLayerParams
        {
            InputChannels = Units,
            OutputChannels = Units,
            HasBias = true,
            Weights = weights,
            Bias = Floats([.. Enumerable.Range(0, Units).Select(Bias)]),
        };
        return Network([ArrayInput("x", Units)], ["y"], layer);
    }

    /// <summary>The model with the innerProduct's WeightParams encoded as <paramref name="weightParams"/> (bytes written by hand).</summary>
    private static byte[] WithRawWeights(byte[] weightParams)
    {
        var model = InnerProductModel(new WeightParams());
        var layer = model.NeuralNetwork.Layers[0];
        var parameters = layer.InnerProduct;
        parameters.Weights = null;
        var parameterBytes = parameters.ToByteArray();
        layer.ClearLayer();
        return WithLayer(model, Nest(layer, NeuralNetworkLayer.InnerProductFieldNumber, Field(InnerProductLayerParams.WeightsFieldNumber, weightParams, parameterBytes)));
    }

    /// <summary><paramref name="model"/>'s encoding with its one layer replaced by <paramref name="layer"/>, an encoded NeuralNetworkLayer.</summary>
    private static byte[] WithLayer(Model model, byte[] layer)
    {
        var network = model.NeuralNetwork;
        network.Layers.Clear();
        var networkBytes = Nest(network, Parity.Spec.CoreML.Format.NeuralNetwork.LayersFieldNumber, layer);
        model.ClearType();
        return Nest(model, Parity.Spec.CoreML.Format.Model.NeuralNetworkFieldNumber, networkBytes);
    }

    // A message's encoding followed by one more length-delimited field: field order does not matter to parsers.
    private static byte[] Nest(IMessage outer, int field, byte[] inner) => Field(field, inner, outer.ToByteArray());

    private static byte[] Field(int field, byte[] contents, byte[] before)
    {
        var stream = new MemoryStream();
        stream.Write(before);
        var output = new CodedOutputStream(stream);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(contents));
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>floatValue holding W's elements [from, to) as one packed field.</summary>
    private static byte[] Packed(int from, int to) =>
        Field(WeightParams.FloatValueFieldNumber, [.. Enumerable.Range(from, to - from).SelectMany(k => BitConverter.GetBytes(WeightAt(k)))], []);

    /// <summary>A one-field encoding whose length varint gets a redundant trailing group (0x80 ... 0x00).</summary>
    private static byte[] PaddedLength(byte[] field)
    {
        var position = 1;
        while ((field[position] & 0x80) != 0) position++;
        return [.. field[..position], (byte)(field[position] | 0x80), 0x00, .. field[(position + 1)..]];
    }

    /// <summary>Runs the file's graph on a fixed input and checks y = W x + b, summed by hand in double.</summary>
    private static void AssertComputesByHand(CoreMLModelFile file)
    {
        var model = CoreMLGraphReader.Read(file);
        using var x = Tensor.FromSpan<float>([.. Enumerable.Range(0, Units).Select(Input)], model.Graph.Inputs[0].Type.Shape);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["x"] = x });
        var y = result[model.Blobs["y"]].Floats;
        for (var o = 0; o < Units; o++)
        {
            var sum = (double)Bias(o);
            for (var i = 0; i < Units; i++) sum += (double)Weight(o, i) * Input(i);
            Assert.Equal(sum, y[o], 1e-5);
        }
    }
}
