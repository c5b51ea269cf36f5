using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;

namespace Parity.Cli.Tests;

/// <summary>
/// Every .mlmodel in the shared fixtures ($PARITY_FIXTURES, real/ and generated/) through the command line: `inspect`
/// shows it; `run` executes every NeuralNetwork model and runs another model type or exits 3 saying what is not
/// supported. And every
/// real Keras / Core ML NeuralNetwork pair agrees under `check`.
/// </summary>
public class CoreMLFixtureConformanceTests
{
    private static string? Fixtures => Environment.GetEnvironmentVariable("PARITY_FIXTURES") is { Length: > 0 } root && Directory.Exists(root) ? root : null;

    public static TheoryData<string> Models()
    {
        var data = new TheoryData<string>();
        if (Fixtures is not { } root)
        {
            data.Add("");
            return data;
        }
        foreach (var folder in new[] { "real", "generated" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.mlmodel", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, file));
            }
        }
        return data;
    }

    private static string Require(string relativePath)
    {
        if (Fixtures is not { } root) throw Xunit.Sdk.SkipException.ForSkip("PARITY_FIXTURES is not set.");
        return Path.Combine(root, relativePath);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Inspect_shows_every_model(string relativePath)
    {
        var (code, output, error) = CliRunner.Run("inspect", Require(relativePath));
        Assert.True(code == ExitCodes.Agree, output + error);
        Assert.Contains("Model type", output);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Run_executes_every_neural_network_and_names_other_model_types(string relativePath)
    {
        var path = Require(relativePath);
        var type = CoreMLModelSummary.ModelTypeName(CoreMLModelFile.Load(path).Model);
        var (code, output, error) = CliRunner.Run("run", path);
        if (type.StartsWith("neuralNetwork", StringComparison.Ordinal))
        {
            // A layer type with no builder at all (layer coverage grows elsewhere) may stop the run, and must be named.
            var missing = Layers(CoreMLModelFile.Load(path).Model).Select(l => l.LayerCase).Where(c => NeuralNetworkLayers.Find(c) is null).Select(NeuralNetworkLayers.TypeName).Distinct().ToList();
            if (missing.Count > 0 && code == ExitCodes.Unsupported)
            {
                Assert.Contains(missing, m => error.Contains($"'{m}'", StringComparison.Ordinal));
                return;
            }
            Assert.True(code == ExitCodes.Agree, $"{type}: exit {code}\n{output}{error}");
        }
        else
        {
            // Other model types either run (ML Programs) or stop with exit 3 saying what is not supported.
            Assert.True(code == ExitCodes.Agree || code == ExitCodes.Unsupported && error.Contains("not supported", StringComparison.Ordinal), $"{type}: exit {code}\n{output}{error}");
        }
    }

    /// <summary>Every layer of a NeuralNetwork model, including those inside loop and branch networks.</summary>
    private static IEnumerable<NeuralNetworkLayer> Layers(Model model)
    {
        var top = model.NeuralNetwork?.Layers ?? model.NeuralNetworkClassifier?.Layers ?? model.NeuralNetworkRegressor?.Layers;
        return top is null ? [] : Nested(top);
    }

    private static IEnumerable<NeuralNetworkLayer> Nested(IEnumerable<NeuralNetworkLayer> layers)
    {
        foreach (var layer in layers)
        {
            yield return layer;
            var inner = new[] { layer.Loop?.BodyNetwork, layer.Loop?.ConditionNetwork, layer.Branch?.IfBranch, layer.Branch?.ElseBranch };
            foreach (var network in inner.OfType<Parity.Spec.CoreML.Format.NeuralNetwork>())
            {
                foreach (var n in Nested(network.Layers)) yield return n;
            }
        }
    }

    public static TheoryData<string, string> RealPairs() => new()
    {
        { "real/JacopoMangiavacchi__CoreML-TransferLearning-Demo/model/keras_no_train_model.h5", "real/JacopoMangiavacchi__CoreML-TransferLearning-Demo/model/coreml_no_train.mlmodel" },
        { "real/JacopoMangiavacchi__CoreML-TransferLearning-Demo/model/keras_simplified_no_train_model.h5", "real/JacopoMangiavacchi__CoreML-TransferLearning-Demo/model/coreml_simplified_no_train.mlmodel" },
        { "real/JacopoMangiavacchi__TestGloVe/model.h5", "real/JacopoMangiavacchi__TestGloVe/model.mlmodel" },
        { "real/mariozusag__ios_human_activity_recognition/LSTM_2019-03-12-22-18-28/model.h5", "real/mariozusag__ios_human_activity_recognition/LSTM_2019-03-12-22-18-28/coreml_model.mlmodel" },
        { "real/JacopoMangiavacchi__SwiftNLC/ModelNotebooks/SwiftNLCFastText.h5", "real/JacopoMangiavacchi__SwiftNLC/ModelNotebooks/SwiftNLCFastText.mlmodel" },
        { "real/JacopoMangiavacchi__SwiftNLC/ModelNotebook/SwiftNLC.h5", "real/JacopoMangiavacchi__SwiftNLC/ModelNotebook/SwiftNLC.mlmodel" },
    };

    /// <summary>
    /// The pairs with a sequence axis (embeddings over token sequences, a reshape to 500 steps, a GRU over 16 steps), a
    /// bidirectional LSTM with hard-sigmoid gates, and recurrent state inputs/outputs the Keras model does not have.
    /// </summary>
    [Theory]
    [MemberData(nameof(RealPairs))]
    public void Real_sequence_pairs_agree(string source, string converted)
    {
        var (code, output, error) = CliRunner.Run("check", Require(source), Require(converted));
        Assert.True(code == ExitCodes.Agree, output + error);
        Assert.Contains("AGREE", output);
    }
}
