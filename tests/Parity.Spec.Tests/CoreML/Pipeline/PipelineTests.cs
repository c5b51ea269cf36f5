using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Pipelines built in the test from NeuralNetwork stages (hand-built, and the real SmallCNN conversion): one graph
/// whose features are wired by name, checked against hand-computed values and against running the stages one after another.
/// </summary>
public class PipelineTests
{
    /// <summary>A NeuralNetwork stage (ND array mapping) reading <paramref name="input"/> [shape] and declaring output <paramref name="output"/>.</summary>
    private static Model Stage(string input, long[] shape, string output, params NeuralNetworkLayer[] layers)
    {
        var model = Network([ArrayInput(input, shape)], [output], layers);
        model.NeuralNetwork.ArrayInputShapeMapping = NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping;
        return model;
    }

    private static Model Pipeline(FeatureDescription[] inputs, string[] outputs, string[] names, params Model[] stages)
    {
        var pipeline = new Parity.Spec.CoreML.Format.Pipeline();
        pipeline.Models.AddRange(stages);
        pipeline.Names.AddRange(names);
        var model = new Model { SpecificationVersion = 4, Description = new ModelDescription(), Pipeline = pipeline };
        model.Description.Input.AddRange(inputs);
        model.Description.Output.AddRange(outputs.Select(Output));
        return model;
    }

    private static Dictionary<string, float[]> Run(ExecutableModel model, string input, float[] values, int[] shape, params string[] layers)
    {
        using var feed = Tensor.FromArray(values, shape);
        using var recorder = new RecordingObserver();
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { [input] = feed }, new ExecutionOptions { Observer = recorder });
        return layers.ToDictionary(l => l, l => recorder.Values[model.Layers.Single(n => n.Name == l).Value].Floats.ToArray());
    }

    private static ExecutableModel Load(TemporaryDirectory temp, Model model) => ModelFiles.Load(temp.WriteFile($"{Guid.NewGuid():N}.mlmodel", model.ToByteArray()));

    [Fact]
    public void Two_stages_run_as_one_graph_with_the_second_reading_the_first_ones_output_by_name()
    {
        // Stage 1: mid = 2x + 1; stage 2: y = relu(mid). x = [-2, 0, 1] -> mid = [-3, 1, 3] -> y = [0, 1, 3].
        var model = Pipeline([ArrayInput("x", 3)], ["y"], [],
            Stage("x", [3], "mid", Linear("affine", "x", "mid", 2, 1)),
            Stage("mid", [3], "y", Relu("relu", "mid", "y")));
        using var temp = new TemporaryDirectory();
        var executable = Load(temp, model);

        Assert.Equal("x", Assert.Single(executable.Graph.Inputs).Name);
        var outputs = Run(executable, "x", [-2, 0, 1], [3], "mid", "y");
        Assert.Equal([-3f, 1f, 3f], outputs["mid"]);
        Assert.Equal([0f, 1f, 3f], outputs["y"]);
        Assert.Equal(executable.Layers.Single(l => l.Name == "y").Value, Assert.Single(executable.Graph.Outputs));
    }

    [Fact]
    public void Blobs_two_stages_both_write_are_named_after_their_stage()
    {
        // Both stages write an internal blob "h". Stage "first": h = x - 1, mid = 3h; stage "second": h = relu(mid), y = h + 10.
        // x = [0, 2] -> first/h = [-1, 1], mid = [-3, 3] -> second/h = [0, 3], y = [10, 13].
        var model = Pipeline([ArrayInput("x", 2)], ["y"], ["first", "second"],
            Stage("x", [2], "mid", Linear("shift", "x", "h", 1, -1), Linear("triple", "h", "mid", 3, 0)),
            Stage("mid", [2], "y", Relu("relu", "mid", "h"), Linear("lift", "h", "y", 1, 10)));
        using var temp = new TemporaryDirectory();
        var executable = Load(temp, model);

        var outputs = Run(executable, "x", [0, 2], [2], "first/h", "mid", "second/h", "y");
        Assert.Equal([-1f, 1f], outputs["first/h"]);
        Assert.Equal([-3f, 3f], outputs["mid"]);
        Assert.Equal([0f, 3f], outputs["second/h"]);
        Assert.Equal([10f, 13f], outputs["y"]);
        Assert.DoesNotContain(executable.Layers, l => l.Name == "h");
    }

    [Fact]
    public void A_real_network_after_a_hand_built_stage_computes_what_the_network_computes_on_the_stage_output()
    {
        var smallCnn = CoreMLModelFile.Load(Path.Combine(RepositoryPaths.CoreMLFixtures, "torch_small_cnn", "SmallCNN.mlmodel")).Model;
        // Stage 1 maps raw pixels to the network's input: input = 0.5 * pixels + 0.1.
        var pipeline = Pipeline([ArrayInput("pixels", 1, 3, 32, 32)], ["logits", "probs"], ["normalize", "cnn"],
            Stage("pixels", [1, 3, 32, 32], "input", Linear("normalize", "pixels", "input", 0.5f, 0.1f)),
            smallCnn);
        using var temp = new TemporaryDirectory();
        var composed = Load(temp, pipeline);
        var alone = Load(temp, smallCnn);

        var random = new Random(5);
        var pixels = Enumerable.Range(0, 3 * 32 * 32).Select(_ => (float)random.NextDouble()).ToArray();
        var normalized = pixels.Select(p => 0.5f * p + 0.1f).ToArray();
        var viaPipeline = Run(composed, "pixels", pixels, [1, 3, 32, 32], "logits", "probs");
        var oneAfterAnother = Run(alone, "input", normalized, [1, 3, 32, 32], "logits", "probs");

        NeuralNetworkLayerRuns.Close(oneAfterAnother["logits"], viaPipeline["logits"]);
        NeuralNetworkLayerRuns.Close(oneAfterAnother["probs"], viaPipeline["probs"]);
        Assert.Equal(1f, viaPipeline["probs"].Sum(), 5);
        // The network's layers keep their own blob names inside the pipeline.
        Assert.Contains(composed.Layers, l => l.Name == "input.3" && l.Type == "convolution");
    }

    [Fact]
    public void A_pipeline_classifier_takes_its_labels_from_the_classifying_stage_and_its_output_names_from_the_pipeline()
    {
        // Stage 1: feat = x - 1; stage 2 (neuralNetworkClassifier, labels "a", "b"): p = softmax(feat).
        // x = [1, 1 + ln 3] -> feat = [0, ln 3] -> p = [1, 3] / 4 = [0.25, 0.75] -> label "b".
        var softmax = Layer("softmax", "feat", "scores");
        softmax.SoftmaxND = new SoftmaxNDLayerParams { Axis = -1 };
        var classifier = new NeuralNetworkClassifier { ArrayInputShapeMapping = NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping, StringClassLabels = new StringVector { Vector = { "a", "b" } } };
        classifier.Layers.Add(softmax);
        var stage2 = new Model
        {
            SpecificationVersion = 4,
            Description = new ModelDescription { PredictedFeatureName = "label", PredictedProbabilitiesName = "scores" },
            NeuralNetworkClassifier = classifier,
        };
        stage2.Description.Input.Add(ArrayInput("feat", 2));
        stage2.Description.Output.AddRange([Output("scores"), Output("label")]);
        var pipeline = Pipeline([ArrayInput("x", 2)], ["scores", "label"], ["prepare", "classify"], Stage("x", [2], "feat", Linear("minus1", "x", "feat", 1, -1)), stage2);
        var model = new Model { SpecificationVersion = 4, Description = pipeline.Description, PipelineClassifier = new PipelineClassifier { Pipeline = pipeline.Pipeline } };
        model.Description.PredictedFeatureName = "label";
        model.Description.PredictedProbabilitiesName = "scores";
        using var temp = new TemporaryDirectory();
        var executable = Load(temp, model);

        var outputs = Run(executable, "x", [1, 1 + MathF.Log(3)], [2], "scores");
        NeuralNetworkLayerRuns.Close([0.25f, 0.75f], outputs["scores"]);
        var info = Assert.IsType<ClassifierOutput>(executable.Classifier);
        Assert.Equal(["a", "b"], info.Labels);
        Assert.Equal("label", info.LabelOutputName);
        Assert.Equal("scores", info.ProbabilityOutputName);
        Assert.Equal("b", Assert.Single(info.Predict(outputs["scores"])).Label);
    }

    [Fact]
    public void A_nested_pipeline_runs_its_stages_in_place_named_outer_then_inner()
    {
        // Inner pipeline: mid = 2x + 1; then the outer stage y = relu(mid). x = [-1, 1] -> mid = [-1, 3] -> y = [0, 3].
        var inner = Pipeline([ArrayInput("x", 2)], ["mid"], ["affine"], Stage("x", [2], "mid", Linear("affine", "x", "mid", 2, 1)));
        var model = Pipeline([ArrayInput("x", 2)], ["y"], ["prepare", "relu"], inner, Stage("mid", [2], "y", Relu("relu", "mid", "y")));
        using var temp = new TemporaryDirectory();
        var executable = Load(temp, model);

        Assert.Equal([0f, 3f], Run(executable, "x", [-1, 1], [2], "y")["y"]);
        var summary = ModelFiles.Summarize(temp.WriteFile("nested.mlmodel", model.ToByteArray()));
        Assert.Contains(summary.Properties, p => p.Key == "Stages" && p.Value == "1. prepare/affine (neuralNetwork) -> 2. relu (neuralNetwork)");
    }

    [Fact]
    public void A_pipeline_without_stages_is_a_format_error()
    {
        using var temp = new TemporaryDirectory();
        var e = Assert.Throws<ModelFormatException>(() => Load(temp, Pipeline([ArrayInput("x", 2)], ["y"], [])));
        Assert.Contains("at least one stage", e.Message);
    }

    [Fact]
    public void A_stage_of_a_type_parity_does_not_run_is_named_with_its_type()
    {
        var encoder = new Model { SpecificationVersion = 1, Description = new ModelDescription(), OneHotEncoder = new OneHotEncoder() };
        encoder.Description.Input.Add(ArrayInput("mid", 3));
        var model = Pipeline([ArrayInput("x", 3)], ["y"], ["prepare", "encode"], Stage("x", [3], "mid", Linear("a", "x", "mid", 1, 0)), encoder);
        using var temp = new TemporaryDirectory();

        var e = Assert.Throws<UnsupportedLayerException>(() => Load(temp, model));
        Assert.Equal("encode", e.Layer.Name);
        Assert.Equal("oneHotEncoder", e.Layer.Type);
        Assert.Contains("pipeline stage 'encode' is a oneHotEncoder model", e.Message);
    }

    [Fact]
    public void A_stage_input_nothing_produces_is_a_format_error_naming_stage_and_feature()
    {
        var model = Pipeline([ArrayInput("x", 3)], ["y"], ["only"], Stage("z", [3], "y", Relu("relu", "z", "y")));
        using var temp = new TemporaryDirectory();

        var e = Assert.Throws<ModelFormatException>(() => Load(temp, model));
        Assert.Contains("pipeline stage 'only' (neuralNetwork): input 'z'", e.Message);
    }

    [Fact]
    public void Inspect_lists_the_stages_and_each_layer_of_a_network_stage()
    {
        var model = Pipeline([ArrayInput("x", 3)], ["y"], ["first", "second"],
            Stage("x", [3], "mid", Linear("affine", "x", "mid", 2, 1)),
            Stage("mid", [3], "y", Relu("relu", "mid", "y")));
        using var temp = new TemporaryDirectory();
        var summary = ModelFiles.Summarize(temp.WriteFile("p.mlmodel", model.ToByteArray()));

        Assert.Contains(summary.Properties, p => p.Key == "Stages" && p.Value == "1. first (neuralNetwork) -> 2. second (neuralNetwork)");
        Assert.Equal(["first: affine", "second: relu"], summary.Layers.Select(l => l.Name));
        Assert.Equal("[3]", summary.Layers[1].OutputShape);
    }
}
