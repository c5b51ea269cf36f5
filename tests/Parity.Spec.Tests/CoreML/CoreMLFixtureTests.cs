using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Every Core ML fixture in tests/fixtures/coreml parses completely, and a few are checked by hand against
/// what their PROVENANCE.md says the converter produced.
/// </summary>
public class CoreMLFixtureTests
{
    public static TheoryData<string> Fixtures => CoreMLFixtureFiles.InRepository();

    [Fact]
    public void The_fixture_folder_holds_the_expected_number_of_models()
    {
        // 7 real files/packages from 4 MIT-licensed repositories + 22 generated (12 cases, MobileNetV2 left out for size).
        Assert.Equal(29, CoreMLFixtureFiles.Find(RepositoryPaths.CoreMLFixtures).Count);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_parses_with_every_field_known(string fixture)
    {
        CoreMLModelFile file = CoreMLModelFile.Load(CoreMLFixtureFiles.FullPath(fixture));

        // A wrong field number in our .proto files would leave the data as unknown fields.
        Assert.Empty(file.UnknownFieldPaths);
        Assert.Empty(file.Notes);
        Assert.InRange(file.Model.SpecificationVersion, 1, CoreMLModelFile.NewestKnownSpecificationVersion);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_summary_declares_named_typed_inputs_and_outputs(string fixture)
    {
        CoreMLModelSummary summary = CoreMLModelSummary.Describe(CoreMLModelFile.Load(CoreMLFixtureFiles.FullPath(fixture)).Model);

        Assert.NotEqual("none", summary.ModelType);
        Assert.NotEmpty(summary.Inputs);
        Assert.NotEmpty(summary.Outputs);
        Assert.All(summary.Inputs.Concat(summary.Outputs), f =>
        {
            Assert.False(string.IsNullOrEmpty(f.Name));
            Assert.NotEqual("Unspecified", f.Type);
        });
        Assert.All(summary.Layers, l => Assert.NotEqual("none", l.Type));
    }

    [Fact]
    public void Mlpackage_exposes_its_root_and_the_model_inside()
    {
        string package = CoreMLFixtureFiles.FullPath("rishabh01solanki__Forecasting-using-RNN/MyModel.mlpackage");

        CoreMLModelFile file = CoreMLModelFile.Load(package);

        Assert.Equal(Path.GetFullPath(package), file.PackageRoot);
        Assert.Equal(Path.Combine(Path.GetFullPath(package), "Data", "com.apple.CoreML", "model.mlmodel"), file.SpecificationPath);
    }

    [Fact]
    public void Plain_mlmodel_has_no_package_root()
    {
        CoreMLModelFile file = CoreMLModelFile.Load(CoreMLFixtureFiles.FullPath("omaralbeik__mnist-coreml/MNIST.mlmodel"));

        Assert.Null(file.PackageRoot);
    }

    [Fact]
    public void Mnist_classifier_matches_its_provenance()
    {
        // PROVENANCE: spec 1 neuralNetworkClassifier, 28x28 grayscale image input "image", outputs "output"
        // (probabilities) and "classLabel"; layers conv/act/pool x3, flatten, dense, act, dense, softmax.
        CoreMLModelSummary summary = Describe("omaralbeik__mnist-coreml/MNIST.mlmodel");

        Assert.Equal(1, summary.SpecificationVersion);
        Assert.Equal("neuralNetworkClassifier", summary.ModelType);
        Assert.Equal([new CoreMLFeatureSummary("image", "Image<Gray 28x28>", false, summary.Inputs[0].ShortDescription)], summary.Inputs);
        Assert.Equal(["output:Dictionary<string,double>", "classLabel:String"], summary.Outputs.Select(o => $"{o.Name}:{o.Type}"));
        Assert.Equal("classLabel", summary.PredictedFeatureName);
        Assert.Equal("output", summary.PredictedProbabilitiesName);
        string[] expectedTypes =
        [
            "convolution", "activation", "pooling", "convolution", "activation", "pooling",
            "convolution", "activation", "pooling", "flatten", "innerProduct", "activation", "innerProduct", "softmax",
        ];
        Assert.Equal(expectedTypes, summary.Layers.Select(l => l.Type));
        Assert.Equal(14, summary.LayerCount);
    }

    [Fact]
    public void Multi_input_regression_network_matches_its_provenance()
    {
        // PROVENANCE: inputs input1 [11], input2 [1], input3 [1] FLOAT32 (use_float_arraytype=True); output output1 [1].
        CoreMLModelSummary summary = Describe("JacopoMangiavacchi__CoreML-TransferLearning-Demo/coreml_no_train.mlmodel");

        Assert.Equal("neuralNetwork", summary.ModelType);
        Assert.Equal(
            ["input1:MultiArray<float32>[11]", "input2:MultiArray<float32>[1]", "input3:MultiArray<float32>[1]"],
            summary.Inputs.Select(f => $"{f.Name}:{f.Type}"));
        Assert.Equal(["output1:MultiArray<float32>[1]"], summary.Outputs.Select(f => $"{f.Name}:{f.Type}"));
        string[] expectedTypes =
        [
            "embedding", "embedding", "permute", "flatten", "permute", "flatten", "concat", "innerProduct", "activation",
            "innerProduct", "activation", "concat", "innerProduct", "activation", "innerProduct", "activation", "innerProduct",
        ];
        Assert.Equal(expectedTypes, summary.Layers.Select(l => l.Type));
        Assert.Equal(["output1"], summary.Layers[^1].Outputs);
    }

    [Fact]
    public void Updatable_network_carries_its_training_setup()
    {
        // PROVENANCE: spec 4, isUpdatable, training inputs dense_input + output_true, MSE loss, SGD lr 0.01 batch 5, 2 epochs.
        CoreMLModelFile file = CoreMLModelFile.Load(CoreMLFixtureFiles.FullPath("JacopoMangiavacchi__S4TF_CoreML_Test/keras_model_personalization.mlmodel"));
        CoreMLModelSummary summary = CoreMLModelSummary.Describe(file.Model);

        Assert.Equal(4, summary.SpecificationVersion);
        Assert.True(summary.IsUpdatable);
        Assert.Equal(["innerProduct"], summary.Layers.Select(l => l.Type));
        Assert.Equal(["dense_input", "output_true"], file.Model.Description.TrainingInput.Select(f => f.Name));
        var update = file.Model.NeuralNetwork.UpdateParams;
        Assert.Equal(LossLayer.LossLayerTypeOneofCase.MeanSquaredErrorLossLayer, update.LossLayers[0].LossLayerTypeCase);
        Assert.Equal(0.01, update.Optimizer.SgdOptimizer.LearningRate.DefaultValue, 12);
        Assert.Equal(5, update.Optimizer.SgdOptimizer.MiniBatchSize.DefaultValue);
        Assert.Equal(2, update.Epochs.DefaultValue);
    }

    [Fact]
    public void Same_dense_layer_before_it_was_made_updatable_is_spec_1()
    {
        CoreMLModelSummary summary = Describe("JacopoMangiavacchi__S4TF_CoreML_Test/keras_model_pers_temp.mlmodel");

        Assert.Equal(1, summary.SpecificationVersion);
        Assert.False(summary.IsUpdatable);
        Assert.Equal(["dense_input"], summary.Inputs.Select(f => f.Name));
        Assert.Equal(["output"], summary.Outputs.Select(f => f.Name));
        Assert.Equal(["innerProduct"], summary.Layers.Select(l => l.Type));
    }

    [Fact]
    public void Rank_n_image_classifier_matches_its_provenance()
    {
        // PROVENANCE: spec 4 neuralNetworkClassifier; conv2d_input 32x32 RGB image, true_labels [1,10]; outputs Identity, classLabel.
        CoreMLModelSummary summary = Describe("rishabh01solanki__Forecasting-using-RNN/Image_model.mlmodel");

        Assert.Equal(4, summary.SpecificationVersion);
        Assert.Equal("neuralNetworkClassifier", summary.ModelType);
        Assert.Equal("conv2d_input:Image<RGB 32x32>", $"{summary.Inputs[0].Name}:{summary.Inputs[0].Type}");
        // The TensorFlow converter leaves the batch dimension flexible (1 and up).
        Assert.Equal("true_labels", summary.Inputs[1].Name);
        Assert.EndsWith("[1,10] ranges [1..*,10..10]", summary.Inputs[1].Type);
        Assert.Equal(["Identity", "classLabel"], summary.Outputs.Select(f => f.Name));
        string[] expectedTypes =
        [
            "convolution", "activation", "pooling", "convolution", "activation", "pooling", "convolution", "transpose",
            "activation", "reshapeStatic", "batchedMatmul", "activation", "batchedMatmul", "softmaxND", "concatND",
        ];
        Assert.Equal(expectedTypes, summary.Layers.Select(l => l.Type));
    }

    [Fact]
    public void Ml_program_package_matches_its_provenance()
    {
        // PROVENANCE: spec 6 mlProgram (opset CoreML5), input dense_input FLOAT32 [1,1], output Identity;
        // ops const cast linear relu linear relu linear cast (three Dense layers).
        CoreMLModelFile file = CoreMLModelFile.Load(CoreMLFixtureFiles.FullPath("rishabh01solanki__Forecasting-using-RNN/MyModel.mlpackage"));
        CoreMLModelSummary summary = CoreMLModelSummary.Describe(file.Model);

        Assert.Equal(6, summary.SpecificationVersion);
        Assert.Equal("mlProgram", summary.ModelType);
        // The TensorFlow converter leaves the batch dimension flexible (1 and up).
        Assert.Equal(["dense_input:MultiArray<float32>[1,1] ranges [1..*,1..1]"], summary.Inputs.Select(f => $"{f.Name}:{f.Type}"));
        Assert.Equal(["Identity"], summary.Outputs.Select(f => f.Name));
        Assert.Equal(["const", "cast", "linear", "relu"], summary.Layers.Select(l => l.Type).Distinct().Take(4));
        Assert.Equal(3, summary.Layers.Count(l => l.Type == "linear"));
        Assert.Equal("CoreML5", file.Model.MlProgram.Functions["main"].Opset);
    }

    private static CoreMLModelSummary Describe(string fixture) =>
        CoreMLModelSummary.Describe(CoreMLModelFile.Load(CoreMLFixtureFiles.FullPath(fixture)).Model);
}
