using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras;

/// <summary>
/// Turns a Keras model config and its weights into an engine graph that computes what Keras computes, layer by
/// layer (see <see cref="KerasLayers"/> for the layers). Calls are built as soon as their inputs exist, so shared
/// layers called on later tensors work; an unsupported layer is recorded and everything not depending on it is built.
/// </summary>
public static class KerasGraphReader
{
    public static KerasModel Read(string path, KerasReadOptions? options = null)
    {
        options ??= new KerasReadOptions();
        return Read(KerasFile.Open(path, options.ConfigPath), options);
    }

    public static KerasModel Read(KerasFile file, KerasReadOptions? options = null)
    {
        options ??= new KerasReadOptions();
        var config = KerasModelConfig.Parse(file.ModelConfig, file.Path);
        var state = new KerasGraphState(file);
        var build = new ModelBuild(state, options, file.Weights.GetValueOrDefault, prefix: "");

        var inputs = new List<string>();
        foreach (var input in config.Inputs)
        {
            var layer = config.Layers.FirstOrDefault(l => l.Name == input.Layer)
                ?? throw new ModelFormatException(file.Path, "model_config", $"the model input '{input.Layer}' is not one of its layers.");
            var type = InputType(file, layer, options);
            state.AddInput(layer.Name, type);
            inputs.Add(layer.Name);
        }
        var outputs = build.Run(config, inputs);
        foreach (var output in outputs.Where(o => o is not null)) state.Builder.AddOutput(output!);
        if (outputs.All(o => o is null))
        {
            throw new UnsupportedLayerException(file.Path, build.Unsupported.FirstOrDefault()
                ?? new UnsupportedLayer(config.Name, config.ClassName, "no model output could be built."));
        }
        return new KerasModel(file, config, state.Builder.Build(), build.LayerValues, build.Unsupported, build.NotBuilt);
    }

    private static TensorType InputType(KerasFile file, KerasLayerConfig layer, KerasReadOptions options)
    {
        var args = new KerasLayerArgs(file.Path, layer.Name, layer.ClassName, layer.Config);
        var dtype = args.String("float32", "dtype") switch
        {
            "float32" or "float" or "float16" or "float64" => DType.Float32,
            "int32" or "int64" or "uint8" or "int8" or "int16" => DType.Int32,
            var other => throw args.Fail(["dtype"], $"is '{other}'; expected a numeric dtype"),
        };
        if (options.InputShapes.TryGetValue(layer.Name, out var given)) return new TensorType(dtype, given);
        var declared = KerasShapes.BatchInputShape(layer.Config)
            ?? throw args.Error("declares no input shape (batch_input_shape / batch_shape); give one with --shape.");
        var dims = KerasShapes.ToDims(declared).Select((d, i) => d ?? (i == 0 ? 1 : options.UnknownDimension)).ToArray();
        return new TensorType(dtype, new Shape(dims));
    }

    /// <summary>Builds one (possibly nested) model's layers into the shared graph state.</summary>
    private sealed class ModelBuild(KerasGraphState state, KerasReadOptions options,
        Func<string, IReadOnlyList<KerasWeight>?> weightsOf, string prefix)
    {
        private readonly Dictionary<KerasTensorRef, string> _values = [];
        private readonly HashSet<string> _blocked = [];

        public List<KerasLayerOutput> LayerValues { get; } = [];

        public List<UnsupportedLayer> Unsupported { get; } = [];

        public List<string> NotBuilt { get; } = [];

        /// <summary>Builds <paramref name="config"/> on <paramref name="inputs"/>; returns its output values (null where not built).</summary>
        public IReadOnlyList<string?> Run(KerasModelConfig config, IReadOnlyList<string> inputs)
        {
            for (var i = 0; i < config.Inputs.Count; i++) _values[config.Inputs[i] with { Node = 0, Tensor = 0 }] = inputs[i];

            var pending = config.Layers
                .Where(l => l.ClassName != "InputLayer")
                .SelectMany(l => l.Calls.Select((call, index) => (Layer: l, Call: call, Index: index)))
                .ToList();
            for (var progress = true; progress && pending.Count > 0;)
            {
                progress = false;
                foreach (var item in pending.ToList())
                {
                    var refs = item.Call.Inputs.Concat(item.Call.KeywordInputs.Values.SelectMany(v => v)).ToList();
                    if (refs.Any(r => _blocked.Contains(r.Layer)))
                    {
                        _blocked.Add(item.Layer.Name);
                        NotBuilt.Add(prefix + item.Layer.Name);
                        pending.Remove(item);
                        progress = true;
                    }
                    else if (refs.All(_values.ContainsKey))
                    {
                        BuildCall(item.Layer, item.Call, item.Index);
                        pending.Remove(item);
                        progress = true;
                    }
                }
            }
            foreach (var (layer, _, _) in pending)
            {
                throw new ModelFormatException(state.File.Path, $"layer '{layer.Name}'", "its inputs are never produced (the model config is inconsistent or cyclic).");
            }
            return config.Outputs.Select(o => _values.GetValueOrDefault(o)).ToList();
        }

        private void BuildCall(KerasLayerConfig layer, KerasLayerCall call, int callIndex)
        {
            var inputs = call.Inputs.Select(r => _values[r]).ToList();
            var keywords = call.KeywordInputs.ToDictionary(k => k.Key, k => (IReadOnlyList<string>)k.Value.Select(r => _values[r]).ToList());
            var valueName = prefix + layer.Name + (callIndex == 0 ? "" : $":{callIndex}");
            IReadOnlyList<string> outputs;
            try
            {
                outputs = layer.Model is { } nested
                    ? BuildNested(layer, nested, inputs, valueName)
                    : BuildLayer(layer, inputs, keywords, valueName);
            }
            catch (UnsupportedLayerException e)
            {
                Unsupported.Add(e.Layer);
                _blocked.Add(layer.Name);
                return;
            }
            for (var t = 0; t < outputs.Count; t++)
            {
                _values[new KerasTensorRef(layer.Name, callIndex, t)] = outputs[t];
                LayerValues.Add(new KerasLayerOutput(prefix + layer.Name, layer.ClassName, callIndex, t, outputs[t]));
            }
        }

        private IReadOnlyList<string> BuildLayer(KerasLayerConfig layer, List<string> inputs,
            Dictionary<string, IReadOnlyList<string>> keywords, string valueName)
        {
            var args = new KerasLayerArgs(state.File.Path, prefix + layer.Name, layer.ClassName, layer.Config);
            var builder = KerasLayers.Find(layer.ClassName)
                ?? throw new UnsupportedLayerException(state.File.Path, new UnsupportedLayer(prefix + layer.Name, layer.ClassName,
                    layer.ClassName == "Lambda"
                        ? "Lambda layers carry Python code, which cannot be executed outside Python."
                        : $"'{layer.ClassName}' is not a Keras layer Parity knows (a custom layer?)."));
            var context = new KerasLayerContext(state, args, weightsOf(layer.Name) ?? [], inputs, keywords, valueName);
            var outputs = builder(context);
            var mask = context.OutputMask ?? KerasMasks.Propagated(args, inputs.Select(context.MaskOf).ToList());
            if (mask is not null && outputs.Count > 0) state.Masks[outputs[0]] = mask;
            return outputs;
        }

        // A nested model's weights live under its own layer entry, named "<inner layer>/<weight>" (h5) or
        // "layers/<inner layer>/vars/<i>" (.keras).
        private IReadOnlyList<string> BuildNested(KerasLayerConfig layer, KerasModelConfig nested, List<string> inputs, string valueName)
        {
            var all = weightsOf(layer.Name) ?? [];
            IReadOnlyList<KerasWeight>? InnerWeights(string inner)
            {
                var own = weightsOf(inner);
                if (own is { Count: > 0 }) return own;
                var h5 = all.Where(w => w.Name.StartsWith(inner + "/", StringComparison.Ordinal)).ToList();
                if (h5.Count > 0) return h5;
                return all.Where(w => w.Name.StartsWith($"layers/{inner}/", StringComparison.Ordinal)).ToList();
            }
            var inner = new ModelBuild(state, options, InnerWeights, valueName + "/");
            var outputs = inner.Run(nested, inputs);
            LayerValues.AddRange(inner.LayerValues);
            Unsupported.AddRange(inner.Unsupported);
            NotBuilt.AddRange(inner.NotBuilt);
            if (outputs.Any(o => o is null))
            {
                throw new UnsupportedLayerException(state.File.Path, new UnsupportedLayer(prefix + layer.Name, layer.ClassName,
                    "a layer inside this nested model is not supported."));
            }
            return outputs!;
        }
    }
}
