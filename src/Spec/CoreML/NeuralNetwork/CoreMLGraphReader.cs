using Google.Protobuf.Collections;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Spec.CoreML.NeuralNetwork.Layers;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>
/// Turns a Core ML neuralNetwork / neuralNetworkClassifier / neuralNetworkRegressor model into an engine graph that
/// computes what Core ML computes, with Core ML's own semantics (see <see cref="NeuralNetworkLayers"/>).
/// <para>
/// Blob representation. The original NeuralNetwork layers see every blob as rank-5 [Seq, Batch, C, H, W]; the graph
/// keeps them as rank-4 [Seq * Batch, C, H, W] with Batch 1, so the leading axis is the sequence axis. Every layer
/// that works per step (convolution, innerProduct, activations, softmax over C, concat over C...) then treats steps
/// as a batch, exactly as Core ML runs them, and the layers that touch Seq (permute, reshape to [Seq, C, H, W],
/// recurrent layers, sequence concat) read it as the sequence. An image input becomes [1, C, H, W]; under
/// RANK5_ARRAY_MAPPING a multi-array [C] becomes [Seq, C, 1, 1] and [C, H, W] becomes [Seq, C, H, W], Seq being 1
/// unless <see cref="CoreMLReadOptions.InputShapes"/> gives a longer sequence. Optional inputs (recurrent states)
/// that are not given are zeros, as on device. Under
/// EXACT_ARRAY_MAPPING (the ND layers of specification 4+) a multi-array keeps its declared rank and shape, and ND
/// layers keep whatever rank they produce (recurrent layers read and write rank-5 [Seq, Batch, C, 1, 1]). The
/// graph inputs are always the declared raw inputs; the reshape to the internal layout and the image preprocessing
/// (mean image, then channelScale * x + per-channel bias in the image's own channel order) are graph nodes.
/// </para>
/// Layers are built in file order, which Core ML requires to be topological; a layer whose input comes from an
/// unsupported layer is skipped, and everything else is still built.
/// </summary>
public static class CoreMLGraphReader
{
    public static CoreMLModel Read(string path, CoreMLReadOptions? options = null) => Read(CoreMLModelFile.Load(path), options);

    public static CoreMLModel Read(CoreMLModelFile file, CoreMLReadOptions? options = null)
    {
        options ??= new CoreMLReadOptions();
        try
        {
            return ReadWith(file, options);
        }
        catch (ModelFormatException) when (options.InputShapes.Count == 0 && SoleSequenceInput(file) is { } input)
        {
            // Core ML leaves the sequence length open, but some networks build for one length only (an innerProduct
            // over the flattened steps of an embedded token sequence); with no length given, find the one that builds.
            for (var steps = 2; steps <= MaxInferredSequence; steps++)
            {
                var shape = new Shape([steps, .. input.Type.MultiArrayType.Shape.Select(d => (int)d)]);
                try
                {
                    return ReadWith(file, options with { InputShapes = new Dictionary<string, Shape> { [input.Name] = shape } });
                }
                catch (ModelFormatException)
                {
                    // Not this length.
                }
            }
            throw;
        }
    }

    /// <summary>The longest sequence tried when a network does not build for one step and no length is given.</summary>
    private const int MaxInferredSequence = 64;

    /// <summary>The only required input whose sequence length is open (a rank-1 or rank-3 multi-array under RANK5_ARRAY_MAPPING), if exactly one.</summary>
    private static FeatureDescription? SoleSequenceInput(CoreMLModelFile file)
    {
        var mapping = file.Model.TypeCase switch
        {
            Model.TypeOneofCase.NeuralNetwork => file.Model.NeuralNetwork.ArrayInputShapeMapping,
            Model.TypeOneofCase.NeuralNetworkClassifier => file.Model.NeuralNetworkClassifier.ArrayInputShapeMapping,
            Model.TypeOneofCase.NeuralNetworkRegressor => file.Model.NeuralNetworkRegressor.ArrayInputShapeMapping,
            _ => NeuralNetworkMultiArrayShapeMapping.ExactArrayMapping,
        };
        if (mapping != NeuralNetworkMultiArrayShapeMapping.Rank5ArrayMapping || file.Model.Description is null) return null;
        var open = file.Model.Description.Input.Where(i => i.Type is { IsOptional: false, TypeCase: FeatureType.TypeOneofCase.MultiArrayType }
            && i.Type.MultiArrayType.Shape.Count is 1 or 3 && i.Type.MultiArrayType.Shape.All(d => d is >= 1 and <= int.MaxValue / 16)).ToList();
        return open.Count == 1 ? open[0] : null;
    }

    private static CoreMLModel ReadWith(CoreMLModelFile file, CoreMLReadOptions options)
    {
        var state = new NeuralNetworkGraphState(file.Path, deferredWeights: file.DeferredWeights);
        var network = BuildNetwork(state, file.Model, options.InputShapes, stageInputs: null);
        var outputs = new HashSet<string>();
        foreach (var value in network.Outputs.Values.Concat(network.Classifier is { } c ? [c.ProbabilityValue] : []))
        {
            if (outputs.Add(value)) state.Builder.AddOutput(value);
        }
        var graph = state.Builder.Build();
        if (graph.Outputs.Count == 0)
        {
            throw new UnsupportedLayerException(file.Path, network.Unsupported.FirstOrDefault()
                ?? new UnsupportedLayer("(model)", file.Model.TypeCase.ToString(), "no declared model output could be built."));
        }
        return new CoreMLModel(file, graph, network.Blobs, network.Classifier, network.Unsupported, network.Images) { StateOutputs = network.StateOutputs };
    }

    /// <summary>
    /// Builds the layers of NeuralNetwork model <paramref name="model"/> into <paramref name="state"/>. With
    /// <paramref name="stageInputs"/> null the declared inputs become graph inputs (shapes from
    /// <paramref name="inputShapes"/> where given); otherwise the model is a pipeline stage and each input feature reads
    /// the graph value given for it (a left-out optional input is zeros), whose shape plays the part of a given shape.
    /// The state's blob map is the stage's own: it is cleared first, as blob names are scoped to one model.
    /// </summary>
    internal static NeuralNetworkBuild BuildNetwork(NeuralNetworkGraphState state, Model model, IReadOnlyDictionary<string, Shape> inputShapes,
        IReadOnlyDictionary<string, string>? stageInputs)
    {
        var (layers, preprocessing, arrayMapping, classifier) = model.TypeCase switch
        {
            Model.TypeOneofCase.NeuralNetwork => (model.NeuralNetwork.Layers, model.NeuralNetwork.Preprocessing, model.NeuralNetwork.ArrayInputShapeMapping, (NeuralNetworkClassifier?)null),
            Model.TypeOneofCase.NeuralNetworkRegressor => (model.NeuralNetworkRegressor.Layers, model.NeuralNetworkRegressor.Preprocessing, model.NeuralNetworkRegressor.ArrayInputShapeMapping, null),
            Model.TypeOneofCase.NeuralNetworkClassifier => (model.NeuralNetworkClassifier.Layers, model.NeuralNetworkClassifier.Preprocessing, model.NeuralNetworkClassifier.ArrayInputShapeMapping, model.NeuralNetworkClassifier),
            var other => throw new ModelFormatException(state.Path, "Model.Type", $"is {other}; this reader executes neuralNetwork, neuralNetworkClassifier and neuralNetworkRegressor models."),
        };
        if (model.Description is null) throw new ModelFormatException(state.Path, "Model.description", "is missing; the model's inputs and outputs are not declared.");

        state.Blobs.Clear();
        var images = new Dictionary<string, CoreMLImagePreprocessing>();
        foreach (var input in model.Description.Input)
        {
            string? provided = null;
            if (stageInputs is not null && !stageInputs.TryGetValue(input.Name, out provided) && input.Type?.IsOptional != true)
            {
                throw new ModelFormatException(state.Path, $"input '{input.Name}'", "is required, but nothing feeds it.");
            }
            var given = provided is not null ? state.Types[provided].Shape : inputShapes.TryGetValue(input.Name, out var shape) ? shape : (Shape?)null;
            AddInput(state, input, preprocessing, arrayMapping, images, given, provided);
        }

        var unsupported = new List<UnsupportedLayer>();
        var blocked = new HashSet<string>();
        foreach (var layer in layers) BuildLayer(state, layer, unsupported, blocked);

        var outputs = new Dictionary<string, string>();
        foreach (var output in model.Description.Output)
        {
            if (state.Blobs.TryGetValue(output.Name, out var value)) outputs[output.Name] = value;
        }
        CoreMLClassifierInfo? classifierInfo = null;
        if (classifier is not null)
        {
            var blob = classifier.LabelProbabilityLayerName is { Length: > 0 } named ? named : layers.LastOrDefault()?.Output.FirstOrDefault();
            if (blob is not null && state.Blobs.TryGetValue(blob, out var probabilities))
            {
                classifierInfo = new CoreMLClassifierInfo(
                    classifier.ClassLabelsCase == NeuralNetworkClassifier.ClassLabelsOneofCase.StringClassLabels ? classifier.StringClassLabels.Vector.ToList() : null,
                    classifier.ClassLabelsCase == NeuralNetworkClassifier.ClassLabelsOneofCase.Int64ClassLabels ? classifier.Int64ClassLabels.Vector.ToList() : null,
                    NullIfEmpty(model.Description.PredictedProbabilitiesName), NullIfEmpty(model.Description.PredictedFeatureName), probabilities);
            }
        }
        var stateBlobs = layers.Where(l => RecurrentLayers.Contains(l.LayerCase)).SelectMany(l => l.Output.Skip(1)).ToHashSet();
        var stateOutputs = model.Description.Output.Where(o => stateBlobs.Contains(o.Name) && state.Blobs.ContainsKey(o.Name)).Select(o => state.Blobs[o.Name]).ToList();
        return new NeuralNetworkBuild(new Dictionary<string, string>(state.Blobs), outputs, classifierInfo, unsupported, images, stateOutputs);
    }

    private static readonly HashSet<NeuralNetworkLayer.LayerOneofCase> RecurrentLayers =
    [
        NeuralNetworkLayer.LayerOneofCase.UniDirectionalLSTM, NeuralNetworkLayer.LayerOneofCase.BiDirectionalLSTM,
        NeuralNetworkLayer.LayerOneofCase.Gru, NeuralNetworkLayer.LayerOneofCase.SimpleRecurrent,
    ];

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    internal static void BuildLayer(NeuralNetworkGraphState state, NeuralNetworkLayer layer, List<UnsupportedLayer> unsupported, HashSet<string> blocked)
    {
        var typeName = NeuralNetworkLayers.TypeName(layer.LayerCase);
        // A branch or loop writes blobs in its bodies besides its (usually no) outputs: they are blocked with it, so no
        // later layer reads a value from before the control flow as if it had run.
        if (layer.Input.Any(blocked.Contains))
        {
            blocked.UnionWith(NeuralNetworkControlBlocks.WrittenBy(layer));
            return;
        }
        var inputs = new List<string>();
        foreach (var blob in layer.Input)
        {
            inputs.Add(state.Resolve(blob) is { } value ? value
                : throw new ModelFormatException(state.Path, $"layer '{layer.Name}' ({typeName}): input",
                    $"reads blob '{blob}', which no model input or earlier layer produces."));
        }
        var context = new NeuralNetworkLayerContext(state, layer, inputs, typeName);
        try
        {
            var builder = NeuralNetworkLayers.Find(layer.LayerCase)
                ?? throw context.Unsupported(layer.LayerCase == NeuralNetworkLayer.LayerOneofCase.Custom
                    ? $"custom layer class '{layer.Custom.ClassName}' runs app code, which Parity cannot execute."
                    : $"'{typeName}' is not a layer type Parity executes yet.");
            var outputs = builder(context);
            if (outputs.Count != layer.Output.Count) throw context.Error("output", $"lists {layer.Output.Count} blobs; this layer produces {outputs.Count}.");
            for (var k = 0; k < outputs.Count; k++) state.Blobs[layer.Output[k]] = outputs[k];
        }
        catch (UnsupportedLayerException e)
        {
            unsupported.Add(e.Layer);
            blocked.UnionWith(NeuralNetworkControlBlocks.WrittenBy(layer));
        }
    }

    // provided: the graph value a pipeline stage's input reads (its shape is then the given shape); null adds a graph input.
    private static void AddInput(NeuralNetworkGraphState state, FeatureDescription input, RepeatedField<NeuralNetworkPreprocessing> preprocessing,
        NeuralNetworkMultiArrayShapeMapping arrayMapping, Dictionary<string, CoreMLImagePreprocessing> images, Shape? given, string? provided)
    {
        var location = $"input '{input.Name}'";
        switch (input.Type?.TypeCase)
        {
            case FeatureType.TypeOneofCase.MultiArrayType:
                var declared = input.Type.MultiArrayType.Shape.ToArray();
                if (declared.Length == 0) throw new ModelFormatException(state.Path, location, "declares no shape; give the multi-array a fixed shape.");
                if (declared.Any(d => d < 1 || d > int.MaxValue / 16)) throw new ModelFormatException(state.Path, location, $"has shape [{string.Join(", ", declared)}]; every dimension must be between 1 and {int.MaxValue / 16}.");
                var dims = declared.Select(d => (int)d).ToArray();
                var stepped = arrayMapping == NeuralNetworkMultiArrayShapeMapping.Rank5ArrayMapping && dims.Length is 1 or 3;
                var steps = stepped && given is { } s ? SequenceLength(state, location, dims, s) : 1;
                int[] blob = !stepped ? dims : dims.Length == 1 ? [steps, dims[0], 1, 1] : [steps, dims[0], dims[1], dims[2]];
                if (input.Type.IsOptional && given is null)
                {
                    // Core ML feeds zeros for a left-out optional input (the initial states of recurrent layers).
                    state.Add(input.Name, new Constant(Tensor.Zeros(blob)), [], input.Name, p => new ModelFormatException(state.Path, location, p));
                    state.Blobs[input.Name] = input.Name;
                    break;
                }
                var rawValue = provided ?? input.Name;
                if (provided is null)
                {
                    state.AddInput(input.Name, new TensorType(DType.Float32, stepped && given is { } shape ? shape : new Shape(dims)));
                }
                state.Blobs[input.Name] = rawValue;
                // A stage input holding the declared elements in another shape (an earlier stage's [1, C]) takes the declared shape.
                var target = stepped ? blob : dims;
                if (state.Types[rawValue].Shape != new Shape(target))
                {
                    if (state.Types[rawValue].Shape.ElementCount != target.Aggregate(1L, (a, d) => a * d))
                    {
                        throw new ModelFormatException(state.Path, location, $"is fed shape {state.Types[rawValue].Shape}; it declares [{string.Join(", ", declared)}].");
                    }
                    var value = state.FreshValue($"{input.Name}/{(stepped ? "rank5" : "shaped")}");
                    state.Add(value, new ReshapeOp(target), [rawValue], value, p => new ModelFormatException(state.Path, location, p));
                    state.Blobs[input.Name] = value;
                }
                break;
            case FeatureType.TypeOneofCase.ImageType:
                AddImageInput(state, input, preprocessing, images, provided);
                break;
            default:
                throw new UnsupportedLayerException(state.Path, new UnsupportedLayer(input.Name, "input",
                    $"inputs of type {input.Type?.TypeCase.ToString() ?? "none"} are not executed by the NeuralNetwork reader (it takes multi-arrays and images)."));
        }
    }

    /// <summary>The number of sequence steps a given input shape holds: its element count over the declared one.</summary>
    private static int SequenceLength(NeuralNetworkGraphState state, string location, int[] declared, Shape given)
    {
        var step = declared.Aggregate(1L, (a, d) => a * d);
        if (given.ElementCount % step != 0 || given.ElementCount == 0)
        {
            throw new ModelFormatException(state.Path, location, $"is given shape {given}; a sequence of [{string.Join(", ", declared)}] steps needs a multiple of {step} elements.");
        }
        return checked((int)(given.ElementCount / step));
    }

    private static void AddImageInput(NeuralNetworkGraphState state, FeatureDescription input, RepeatedField<NeuralNetworkPreprocessing> preprocessing,
        Dictionary<string, CoreMLImagePreprocessing> images, string? provided)
    {
        var location = $"input '{input.Name}'";
        var image = input.Type.ImageType;
        var channels = image.ColorSpace switch
        {
            ImageFeatureType.Types.ColorSpace.Grayscale or ImageFeatureType.Types.ColorSpace.GrayscaleFloat16 => 1,
            ImageFeatureType.Types.ColorSpace.Rgb or ImageFeatureType.Types.ColorSpace.Bgr => 3,
            var other => throw new ModelFormatException(state.Path, location, $"has color space {other}; expected GRAYSCALE, RGB or BGR."),
        };
        if (image.Width < 1 || image.Height < 1 || image.Width > 1 << 16 || image.Height > 1 << 16)
        {
            throw new ModelFormatException(state.Path, location, $"is {image.Width}x{image.Height}; expected sizes between 1 and 65536.");
        }
        var (height, width) = ((int)image.Height, (int)image.Width);
        var pixels = new Shape(1, channels, height, width);
        if (provided is null) state.AddInput(input.Name, new TensorType(DType.Float32, pixels));
        else if (state.Types[provided].Shape != pixels) throw new ModelFormatException(state.Path, location, $"is fed shape {state.Types[provided].Shape}; the image needs {pixels}.");
        var value = provided ?? input.Name;
        var steps = preprocessing.Where(p => p.FeatureName == input.Name || p.FeatureName.Length == 0).ToList();

        float[]? mean = null;
        if (steps.FirstOrDefault(p => p.PreprocessorCase == NeuralNetworkPreprocessing.PreprocessorOneofCase.MeanImage) is { } meanStep)
        {
            mean = meanStep.MeanImage.MeanImage.ToArray();
            if (mean.Length != channels * height * width)
            {
                throw new ModelFormatException(state.Path, $"preprocessing for '{input.Name}': meanImage", $"has {mean.Length} values; the {channels}x{height}x{width} image needs {channels * height * width}.");
            }
            value = Binary(state, value, "mean", BinaryKind.Subtract, Tensor.FromArray(mean, 1, channels, height, width));
        }
        var scale = 1f;
        float[] bias = new float[channels];
        if (steps.FirstOrDefault(p => p.PreprocessorCase == NeuralNetworkPreprocessing.PreprocessorOneofCase.Scaler) is { } scalerStep)
        {
            var scaler = scalerStep.Scaler;
            scale = scaler.ChannelScale;
            bias = image.ColorSpace switch
            {
                ImageFeatureType.Types.ColorSpace.Rgb => [scaler.RedBias, scaler.GreenBias, scaler.BlueBias],
                ImageFeatureType.Types.ColorSpace.Bgr => [scaler.BlueBias, scaler.GreenBias, scaler.RedBias],
                _ => [scaler.GrayBias],
            };
            value = Binary(state, value, "scale", BinaryKind.Multiply, Tensor.FromArray([scale], 1, 1, 1, 1));
            value = Binary(state, value, "bias", BinaryKind.Add, Tensor.FromArray(bias, 1, channels, 1, 1));
        }
        state.Blobs[input.Name] = value;
        images[input.Name] = new CoreMLImagePreprocessing(image.ColorSpace.ToString().ToUpperInvariant(), scale, bias, mean);
    }

    private static string Binary(NeuralNetworkGraphState state, string value, string step, BinaryKind kind, Tensor constant)
    {
        var constantValue = state.FreshValue($"{value}/{step}/constant");
        state.Add(constantValue, new Constant(constant), [], constantValue, p => new ModelFormatException(state.Path, "preprocessing", p));
        var result = state.FreshValue($"{value.Split('/')[0]}/{step}");
        state.Add(result, new BinaryArithmetic(kind), [value, constantValue], result, p => new ModelFormatException(state.Path, "preprocessing", p));
        return result;
    }
}
