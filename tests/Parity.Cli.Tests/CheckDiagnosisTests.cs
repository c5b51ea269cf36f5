using System.Text.Json;
using Google.Protobuf;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using Parity.Validation.Diagnosis;

namespace Parity.Cli.Tests;

/// <summary>
/// Broken conversions must be caught and diagnosed: bundled Core ML models altered the way a mistaken converter would
/// write them, checked against their source, must exit 1 at the right layer and name the right cause.
/// </summary>
public class CheckDiagnosisTests
{
    private static string Mnist => Path.Combine(CliRunner.Repository, "examples", "mnist", "MNIST.mlmodel");

    private static string Fixture(string folder, string file) => Path.Combine(CliRunner.Repository, "tests", "fixtures", "coreml", folder, file);

    private static string SmallCnn => Fixture("torch_small_cnn", "SmallCNN.mlmodel");

    [Fact]
    public void A_missing_image_scale_is_named_at_the_first_convolution()
    {
        var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, m => m.NeuralNetworkClassifier.Preprocessing[0].Scaler.ChannelScale = 1, "--source-preprocess", "unit");

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("conv2d_1", Divergence(report));
        Assert.Equal("image-scale", Cause(report));
    }

    [Fact]
    public void A_flatten_in_the_wrong_order_is_named_at_the_flatten()
    {
        var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, m => Layer(m, "flatten_1").Flatten.Mode =
            Layer(m, "flatten_1").Flatten.Mode == FlattenLayerParams.Types.FlattenOrder.ChannelLast ? FlattenLayerParams.Types.FlattenOrder.ChannelFirst : FlattenLayerParams.Types.FlattenOrder.ChannelLast);

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("flatten_1", Divergence(report));
        Assert.Equal("flatten-order", Cause(report));
    }

    [Fact]
    public void Same_padding_on_the_wrong_side_is_named_at_the_even_kernel_convolution()
    {
        // conv2d_2 has a 2x2 kernel: 'same' pads one row and column, which TensorFlow puts at the bottom/right.
        var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, m => Layer(m, "conv2d_2").Convolution.Same.AsymmetryMode = SamePadding.Types.SamePaddingMode.TopLeftHeavy);

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("conv2d_2", Divergence(report));
        Assert.Equal("padding-asymmetry", Cause(report));
    }

    [Fact]
    public void Reordered_class_labels_are_caught_with_a_labels_file_and_named()
    {
        var labels = Path.Combine(Path.GetTempPath(), $"parity-labels-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(labels, Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        try
        {
            var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, m => SwapLabels(m, 3, 5), "--labels", labels);

            Assert.True(code == ExitCodes.Disagree, output);
            Assert.Equal("label-order", Cause(report));
            var misplaced = report.RootElement.GetProperty("labels").GetProperty("misplaced");
            Assert.Equal(["5", "3"], misplaced.EnumerateArray().Select(m => m.GetProperty("label").GetString()!));
            Assert.Equal(3, misplaced[0].GetProperty("position").GetInt32());
            Assert.Equal(5, misplaced[0].GetProperty("expectedPosition").GetInt32());
            Assert.Contains("misplaced label", output);
        }
        finally
        {
            File.Delete(labels);
        }
    }

    [Fact]
    public void Integer_labels_out_of_place_are_caught_without_a_labels_file()
    {
        var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, m => SwapLabels(m, 0, 9));

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("label-order", Cause(report));
        Assert.Equal(2, report.RootElement.GetProperty("labels").GetProperty("misplaced").GetArrayLength());
    }

    [Fact]
    public void The_faithful_conversion_passes_its_label_check()
    {
        var (code, output, error) = CliRunner.Run("check", CliRunner.MnistH5, Mnist, "--source-preprocess", "unit");

        Assert.True(code == ExitCodes.Agree, output + error);
        Assert.Contains("class labels: all 10 in the source's order", output);
    }

    [Fact]
    public void Float16_weights_pass_under_the_auto_selected_fp16_tolerance_and_say_so()
    {
        var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, StoreWeightsAsFloat16, "--source-preprocess", "unit");

        Assert.True(code == ExitCodes.Agree, output);
        var tolerance = report.RootElement.GetProperty("tolerance");
        Assert.Equal("fp16", tolerance.GetProperty("name").GetString());
        Assert.Contains("float16", tolerance.GetProperty("autoSelected").GetString());
        Assert.Contains("auto-selected", output);
    }

    [Fact]
    public void Float16_weights_fail_an_explicit_fp32_tolerance_and_are_diagnosed_as_fp16_rounding()
    {
        var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, StoreWeightsAsFloat16, "--source-preprocess", "unit", "--tolerance", "fp32");

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("fp16-precision", Cause(report));
    }

    [Fact]
    public void Forcing_fp16_compute_shows_the_fp32_run_beside_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-report-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, error) = CliRunner.Run("check", CliRunner.MnistH5, Mnist, "--source-preprocess", "unit", "--precision", "fp16", "--report", path);

            Assert.True(code == ExitCodes.Agree, output + error);
            Assert.Contains("fp16 run beside an fp32 run", output);
            using var report = JsonDocument.Parse(File.ReadAllText(path));
            var rows = report.RootElement.GetProperty("precisionComparison");
            Assert.Equal(11, rows.GetArrayLength());
            // The fp32 run of the same conversion is the real one: it agrees to fp32 precision everywhere.
            Assert.All(rows.EnumerateArray(), r => Assert.True(r.GetProperty("fp32").GetProperty("maxRelError").GetDouble() < 1e-3));
            Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("fp16").GetProperty("maxAbsError").GetDouble() > r.GetProperty("fp32").GetProperty("maxAbsError").GetDouble());
            Assert.Contains("float16", report.RootElement.GetProperty("tolerance").GetProperty("autoSelected").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Fp16_compute_judged_by_the_fp32_tolerance_is_diagnosed_as_fp16_rounding()
    {
        var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, _ => { }, "--source-preprocess", "unit", "--precision", "fp16", "--tolerance", "fp32");

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("fp16-precision", Cause(report));
        Assert.Contains("compute the converted model in fp32", report.RootElement.GetProperty("diagnosis").GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("tolerance").GetProperty("autoSelected").ValueKind);
    }

    [Fact]
    public void A_labels_file_for_a_model_without_labels_is_refused()
    {
        var labels = Path.Combine(Path.GetTempPath(), $"parity-labels-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(labels, ["a", "b"]);
        try
        {
            var (code, _, output) = CheckBroken(SmallCnn, SmallCnn, _ => { }, "--labels", labels);
            Assert.True(code == ExitCodes.BadInput, output);
            Assert.Contains("is not a classifier", output);
        }
        finally
        {
            File.Delete(labels);
        }
    }

    [Fact]
    public void A_perturbed_weight_is_caught_and_honestly_left_unnamed()
    {
        var (code, report, output) = CheckBroken(CliRunner.MnistH5, Mnist, m => Layer(m, "dense_1").InnerProduct.Weights.FloatValue[7] += 5f, "--source-preprocess", "unit");

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("dense_1", Divergence(report));
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("diagnosis").GetProperty("cause").ValueKind);
        Assert.Contains("No single named cause explains it", output);
    }

    [Fact]
    public void Swapped_red_and_blue_biases_are_named()
    {
        var (code, report, output) = CheckBroken(SmallCnn, SmallCnn, m => AsImageModel(m, redBias: -0.3f, blueBias: -0.5f, ImageFeatureType.Types.ColorSpace.Rgb), "--source-preprocess", ImagePipeline);

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("input.3", Divergence(report));
        Assert.Equal("image-bias", Cause(report));
        Assert.Contains("red and blue biases are swapped", output);
    }

    [Fact]
    public void A_wrongly_declared_BGR_input_is_named()
    {
        var (code, report, output) = CheckBroken(SmallCnn, SmallCnn, m => AsImageModel(m, redBias: -0.5f, blueBias: -0.3f, ImageFeatureType.Types.ColorSpace.Bgr), "--source-preprocess", ImagePipeline);

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("input.3", Divergence(report));
        Assert.Equal("channel-order", Cause(report));
    }

    [Fact]
    public void The_faithful_image_conversion_agrees()
    {
        var (code, _, output) = CheckBroken(SmallCnn, SmallCnn, m => AsImageModel(m, redBias: -0.5f, blueBias: -0.3f, ImageFeatureType.Types.ColorSpace.Rgb), "--source-preprocess", ImagePipeline);
        Assert.True(code == ExitCodes.Agree, output);
    }

    [Fact]
    public void A_softmax_over_the_wrong_axis_is_named()
    {
        var (code, report, output) = CheckBroken(SmallCnn, SmallCnn, m => Layer(m, "75").SoftmaxND.Axis = 0);

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal("probs", Divergence(report));
        Assert.Equal("softmax-axis", Cause(report));
    }

    [Fact]
    public void Swapped_LSTM_gate_blocks_are_named()
    {
        var lstm = Fixture("torch_lstm2", "Lstm2.mlmodel");
        var (code, report, output) = CheckBroken(lstm, lstm, m =>
        {
            var w = Layer(m, "h_lstm_layer_0").UniDirectionalLSTM.WeightParams;
            (w.ForgetGateWeightMatrix, w.OutputGateWeightMatrix) = (w.OutputGateWeightMatrix, w.ForgetGateWeightMatrix);
            (w.ForgetGateRecursionMatrix, w.OutputGateRecursionMatrix) = (w.OutputGateRecursionMatrix, w.ForgetGateRecursionMatrix);
            (w.ForgetGateBiasVector, w.OutputGateBiasVector) = (w.OutputGateBiasVector, w.ForgetGateBiasVector);
        });

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.StartsWith("h_lstm_layer_0", Divergence(report));
        Assert.Equal("recurrent-gate-order", Cause(report));
        Assert.Contains("forget and output", report.RootElement.GetProperty("diagnosis").GetProperty("summary").GetString());
    }

    [Fact]
    public void Swapped_GRU_gate_blocks_are_named()
    {
        // No bundled pair runs a GRU: Lstm2's second LSTM is replaced by a seeded GRU on both sides, and the
        // "conversion" exchanges its update and reset gates.
        var source = Write(Alter(Fixture("torch_lstm2", "Lstm2.mlmodel"), WithGru));
        try
        {
            var (code, report, output) = CheckBroken(source, source, m =>
            {
                var g = Layer(m, "h_batch_first").Gru;
                (g.UpdateGateWeightMatrix, g.ResetGateWeightMatrix) = (g.ResetGateWeightMatrix, g.UpdateGateWeightMatrix);
                (g.UpdateGateRecursionMatrix, g.ResetGateRecursionMatrix) = (g.ResetGateRecursionMatrix, g.UpdateGateRecursionMatrix);
                (g.UpdateGateBiasVector, g.ResetGateBiasVector) = (g.ResetGateBiasVector, g.UpdateGateBiasVector);
            });

            Assert.True(code == ExitCodes.Disagree, output);
            Assert.StartsWith("h_batch_first", Divergence(report));
            Assert.Equal("recurrent-gate-order", Cause(report));
            Assert.Contains("update and reset", report.RootElement.GetProperty("diagnosis").GetProperty("summary").GetString());
        }
        finally
        {
            File.Delete(source);
        }
    }

    [Fact]
    public void A_hard_sigmoid_gate_activation_is_named()
    {
        var lstm = Fixture("torch_lstm2", "Lstm2.mlmodel");
        var (code, report, output) = CheckBroken(lstm, lstm, m =>
            Layer(m, "h_lstm_layer_0").UniDirectionalLSTM.Activations[0] = new ActivationParams { SigmoidHard = new ActivationSigmoidHard { Alpha = 0.2f, Beta = 0.5f } });

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.StartsWith("h_lstm_layer_0", Divergence(report));
        Assert.Equal("recurrent-activation", Cause(report));
    }

    [Fact]
    public void A_bilinear_upsampling_with_another_coordinate_convention_is_named()
    {
        var unet = Fixture("torch_mini_unet", "MiniUNet.mlmodel");
        var bilinear = CoreMLMessages.Layers(CoreMLModelFile.Load(unet).Model)!.First(l => l.Upsample?.Mode == UpsampleLayerParams.Types.InterpolationMode.Bilinear).Name;
        var (code, report, output) = CheckBroken(unet, unet, m =>
        {
            var u = Layer(m, bilinear).Upsample;
            u.LinearUpsampleMode = u.LinearUpsampleMode == UpsampleLayerParams.Types.LinearUpsampleMode.AlignCornersTrue
                ? UpsampleLayerParams.Types.LinearUpsampleMode.AlignCornersFalse : UpsampleLayerParams.Types.LinearUpsampleMode.AlignCornersTrue;
        });

        Assert.True(code == ExitCodes.Disagree, output);
        Assert.Equal(bilinear, Divergence(report));
        Assert.Equal("upsample-coordinates", Cause(report));
    }

    [Fact]
    public void A_batch_norm_epsilon_from_the_other_framework_is_named()
    {
        // No bundled pair has a batch normalization: both sides get one after SmallCNN's first convolution, with the
        // small variances where epsilon matters; the source uses Keras' 1e-3, the "conversion" PyTorch's 1e-5.
        var source = Write(Alter(SmallCnn, m => AddBatchNorm(m, 1e-3f)));
        try
        {
            var (code, report, output) = CheckBroken(source, SmallCnn, m => AddBatchNorm(m, 1e-5f));

            Assert.True(code == ExitCodes.Disagree, output);
            Assert.Equal("bn", Divergence(report));
            Assert.Equal("batchnorm-epsilon", Cause(report));
        }
        finally
        {
            File.Delete(source);
        }
    }

    // The source pipeline of the image variant of SmallCNN: x / 255 minus a per-channel mean, RGB.
    private const string ImagePipeline = "scale=0.00392157,bias=-0.5,-0.4,-0.3";

    /// <summary>SmallCNN as a converter targeting images writes it: the multi-array input becomes a 32x32 image with a scaler.</summary>
    private static void AsImageModel(Model m, float redBias, float blueBias, ImageFeatureType.Types.ColorSpace colorSpace)
    {
        m.Description.Input[0].Type = new FeatureType { ImageType = new ImageFeatureType { Width = 32, Height = 32, ColorSpace = colorSpace } };
        m.NeuralNetwork.Preprocessing.Add(new NeuralNetworkPreprocessing
        {
            FeatureName = m.Description.Input[0].Name,
            Scaler = new NeuralNetworkImageScaler { ChannelScale = 0.00392157f, RedBias = redBias, GreenBias = -0.4f, BlueBias = blueBias },
        });
    }

    /// <summary>Replaces Lstm2's second LSTM (16 -> 16 units) by a GRU with seeded weights reading the same sequence and initial hidden state.</summary>
    private static void WithGru(Model m)
    {
        var layers = m.NeuralNetwork.Layers;
        var lstm = layers.First(l => l.Name == "h_batch_first");
        var random = new Random(7);
        WeightParams Weights(int count) => new() { FloatValue = { Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)) } };
        var gru = new GRULayerParams
        {
            InputVectorSize = 16,
            OutputVectorSize = 16,
            SequenceOutput = lstm.UniDirectionalLSTM.Params.SequenceOutput,
            HasBiasVectors = true,
            Activations = { new ActivationParams { Sigmoid = new ActivationSigmoid() }, new ActivationParams { Tanh = new ActivationTanh() } },
            UpdateGateWeightMatrix = Weights(256), ResetGateWeightMatrix = Weights(256), OutputGateWeightMatrix = Weights(256),
            UpdateGateRecursionMatrix = Weights(256), ResetGateRecursionMatrix = Weights(256), OutputGateRecursionMatrix = Weights(256),
            UpdateGateBiasVector = Weights(16), ResetGateBiasVector = Weights(16), OutputGateBiasVector = Weights(16),
        };
        var replacement = new NeuralNetworkLayer { Name = lstm.Name, Input = { lstm.Input[0], lstm.Input[1] }, Output = { lstm.Output[0], lstm.Output[1] }, Gru = gru };
        layers[layers.IndexOf(lstm)] = replacement;
        // A GRU has no cell state: the squeeze of the LSTM's third output goes.
        layers.Remove(layers.Single(l => l.Input.Contains(lstm.Output[2])));
    }

    private static void AddBatchNorm(Model m, float epsilon)
    {
        var layers = m.NeuralNetwork.Layers;
        var conv = layers.First(l => l.LayerCase == NeuralNetworkLayer.LayerOneofCase.Convolution);
        var channels = (int)conv.Convolution.OutputChannels;
        var bn = new NeuralNetworkLayer
        {
            Name = "bn",
            Input = { conv.Output[0] },
            Output = { "bn" },
            Batchnorm = new BatchnormLayerParams
            {
                Channels = (ulong)channels,
                Epsilon = epsilon,
                Gamma = new WeightParams { FloatValue = { Enumerable.Repeat(1f, channels) } },
                Beta = new WeightParams { FloatValue = { Enumerable.Repeat(0f, channels) } },
                Mean = new WeightParams { FloatValue = { Enumerable.Repeat(0f, channels) } },
                Variance = new WeightParams { FloatValue = { Enumerable.Range(0, channels).Select(c => 1e-4f * (c + 1)) } },
            },
        };
        foreach (var consumer in layers.Where(l => l.Input.Contains(conv.Output[0])))
        {
            for (var k = 0; k < consumer.Input.Count; k++) if (consumer.Input[k] == conv.Output[0]) consumer.Input[k] = "bn";
        }
        layers.Insert(layers.IndexOf(conv) + 1, bn);
    }

    // MNIST.mlmodel stores its labels "0".."9" as strings.
    private static void SwapLabels(Model m, int i, int j)
    {
        var v = m.NeuralNetworkClassifier.StringClassLabels.Vector;
        (v[i], v[j]) = (v[j], v[i]);
    }

    /// <summary>What a legitimate fp16 weight conversion writes: every float32 weight rounded to half and stored as float16Value.</summary>
    private static void StoreWeightsAsFloat16(Model m)
    {
        foreach (var w in CoreMLMessages.Weights(m).Where(w => w.FloatValue.Count > 0))
        {
            var bytes = new byte[2 * w.FloatValue.Count];
            for (var i = 0; i < w.FloatValue.Count; i++) BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), (Half)w.FloatValue[i]);
            w.Float16Value = ByteString.CopyFrom(bytes);
            w.FloatValue.Clear();
        }
    }

    private static NeuralNetworkLayer Layer(Model m, string name) => CoreMLMessages.Layers(m)!.First(l => l.Name == name);

    private static Model Alter(string path, Action<Model> alter)
    {
        var model = CoreMLModelFile.Load(path).Model;
        alter(model);
        return model;
    }

    private static string Write(Model model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-broken-{Guid.NewGuid():N}.mlmodel");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    /// <summary>Checks <paramref name="source"/> against an altered copy of <paramref name="converted"/>; returns the exit code, the JSON report and the console output.</summary>
    private static (int Code, JsonDocument Report, string Output) CheckBroken(string source, string converted, Action<Model> alter, params string[] options)
    {
        var broken = Write(Alter(converted, alter));
        var json = Path.ChangeExtension(broken, ".json");
        try
        {
            var (code, output, error) = CliRunner.Run(["check", source, broken, "--report", json, .. options]);
            return (code, File.Exists(json) ? JsonDocument.Parse(File.ReadAllText(json)) : JsonDocument.Parse("{}"), output + error);
        }
        finally
        {
            File.Delete(broken);
            File.Delete(json);
        }
    }

    private static string? Divergence(JsonDocument report) => report.RootElement.GetProperty("divergencePoint").GetString();

    private static string? Cause(JsonDocument report) => report.RootElement.GetProperty("diagnosis").GetProperty("cause").GetString();
}
