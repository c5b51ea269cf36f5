using System.Text.Json.Nodes;
using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Parity.Engine.Ops.Recurrent;
using Parity.Engine.Tensors;

namespace Parity.Spec.Keras.Layers;

/// <summary>
/// SimpleRNN, LSTM and GRU (Keras 1 per-gate weights and Keras 2/3 fused kernels) and the Bidirectional wrapper, with
/// Keras's gate orders (LSTM i,f,c,o; GRU z,r,h), go_backwards ordering and return_sequences / return_state outputs.
/// </summary>
internal static class KerasRecurrentLayers
{
    private enum Cell { SimpleRnn, Lstm, Gru }

    public static IReadOnlyList<string> SimpleRnn(KerasLayerContext context) => Build(context, Cell.SimpleRnn);

    public static IReadOnlyList<string> Lstm(KerasLayerContext context) => Build(context, Cell.Lstm);

    public static IReadOnlyList<string> Gru(KerasLayerContext context) => Build(context, Cell.Gru);

    /// <summary>Bidirectional(layer, merge_mode): forward and backward copies of the wrapped layer, the backward outputs put back in input order.</summary>
    public static IReadOnlyList<string> Bidirectional(KerasLayerContext context)
    {
        var args = context.Args;
        var inner = args.Find("layer") as JsonObject ?? throw args.Fail(["layer"], "is missing; expected the wrapped RNN layer");
        var innerClass = inner["class_name"]?.GetValue<string>() ?? "";
        var innerConfig = inner["config"] as JsonObject ?? throw args.Fail(["layer"], "has no config");
        var cell = CellOf(innerClass) ?? throw new UnsupportedLayerException(context.File.Path,
            new UnsupportedLayer(args.Layer, args.ClassName, $"wrapping {innerClass} is not supported (only SimpleRNN, LSTM, GRU)."));
        var merge = args.IsSet("merge_mode") ? args.String("concat", "merge_mode") switch
        {
            "concat" => BidirectionalMerge.Concat,
            "sum" => BidirectionalMerge.Sum,
            "mul" => BidirectionalMerge.Multiply,
            "ave" => BidirectionalMerge.Average,
            var other => throw args.Fail(["merge_mode"], $"is '{other}'; expected concat, sum, mul, ave or null"),
        } : BidirectionalMerge.None;

        var (forward, backward) = SplitDirections(context);
        var innerArgs = new KerasLayerArgs(context.File.Path, args.Layer, innerClass, innerConfig);
        return Emit(context, innerArgs, cell, forward, backward, RecurrentDirection.Bidirectional, merge);
    }

    private static Cell? CellOf(string className) => className switch
    {
        "SimpleRNN" => Cell.SimpleRnn,
        "LSTM" or "CuDNNLSTM" => Cell.Lstm,
        "GRU" or "CuDNNGRU" => Cell.Gru,
        _ => null,
    };

    private static IReadOnlyList<string> Build(KerasLayerContext context, Cell cell)
    {
        var direction = context.Args.Bool(false, "go_backwards") ? RecurrentDirection.Backward : RecurrentDirection.Forward;
        return Emit(context, context.Args, cell, context.Weights, null, direction, BidirectionalMerge.Concat);
    }

    private static IReadOnlyList<string> Emit(KerasLayerContext context, KerasLayerArgs args, Cell cell,
        IReadOnlyList<KerasWeight> forwardWeights, IReadOnlyList<KerasWeight>? backwardWeights,
        RecurrentDirection direction, BidirectionalMerge merge)
    {
        var x = context.Inputs[0];
        var features = context.ShapeOf(x)[^1];
        var units = args.Int("units", "output_dim");
        var states = context.Inputs.Skip(1).Concat(context.KeywordInputs.GetValueOrDefault("initial_state") ?? []).ToArray();
        if (states.Length > 0 && direction == RecurrentDirection.Bidirectional)
        {
            throw new UnsupportedLayerException(context.File.Path, new UnsupportedLayer(args.Layer, args.ClassName, "initial states for a Bidirectional layer are not supported yet."));
        }
        var gates = cell switch { Cell.Lstm => 4, Cell.Gru => 3, _ => 1 };
        var forward = Weights(context, args, cell, gates, features, units, forwardWeights);
        var backward = backwardWeights is null ? null : Weights(context, args, cell, gates, features, units, backwardWeights);
        var returnState = args.Bool(false, "return_state");
        var returnSequences = args.Bool(false, "return_sequences");
        var mask = context.MaskOf(x);
        var options = new RecurrentLayerOptions(
            direction,
            merge,
            direction == RecurrentDirection.Bidirectional ? BackwardSequenceOrder.Input : BackwardSequenceOrder.Processed,
            ReturnSequences: returnSequences,
            ReturnStates: returnState,
            HasInitialStates: states.Length > 0,
            HasMask: mask is not null,
            // Masked steps repeat the previous output, unless zero_output_for_mask (which Bidirectional sets on its
            // layers when they return sequences) asks for zeros.
            MaskedOutput: args.Bool(direction == RecurrentDirection.Bidirectional && returnSequences, "zero_output_for_mask")
                ? MaskedStepOutput.Zero
                : MaskedStepOutput.PreviousOutput);

        var major = context.KerasMajorVersion;
        var activation = ElementWise(args, major, KerasActivations.NameOf(args, "activation", "tanh"));
        // Keras 1 called it inner_activation; Keras 1 and 2 defaulted to hard_sigmoid, Keras 3 to sigmoid.
        var recurrent = ElementWise(args, major, KerasActivations.NameOf(args, "recurrent_activation",
            KerasActivations.NameOf(args, "inner_activation", major >= 3 ? "sigmoid" : "hard_sigmoid")));
        IOperator op = cell switch
        {
            Cell.Lstm => new Engine.Ops.Recurrent.Lstm(forward, backward, options, LstmGateOrder.Keras, recurrent, activation, activation),
            Cell.Gru => new Engine.Ops.Recurrent.Gru(forward, backward, options, GruGateOrder.Keras, recurrent, activation,
                resetAfter: args.Bool(false, "reset_after")),
            _ => new Engine.Ops.Recurrent.SimpleRnn(forward, backward, options, activation),
        };
        var directions = direction == RecurrentDirection.Bidirectional ? 2 : 1;
        var outputs = (merge == BidirectionalMerge.None && directions == 2 ? 2 : 1)
            + (returnState ? directions * (cell == Cell.Lstm ? 2 : 1) : 0);
        return context.EmitMany("", op, outputs, [x, .. states, .. mask is null ? Array.Empty<string>() : [mask]]);
    }

    private static Activation ElementWise(KerasLayerArgs args, int major, string name) =>
        KerasActivations.ElementWise(name, major, args) ?? throw args.Error($"activation '{name}' is not element-wise, so it cannot drive a recurrent cell.");

    // Keras 2/3: kernel, recurrent kernel, bias ([2, 3U] for GRU reset_after: input bias, recurrent bias).
    // Keras 1: one W, U, b per gate, named ..._W_i, ..._U_i, ..._b_i.
    private static RecurrentWeightTensors Weights(KerasLayerContext context, KerasLayerArgs args, Cell cell, int gates, int features, int units, IReadOnlyList<KerasWeight> weights)
    {
        var useBias = args.Bool(true, "use_bias", "bias");
        if (weights.Count == 3 * gates && gates > 1)
        {
            string[] order = cell == Cell.Lstm ? ["i", "f", "c", "o"] : ["z", "r", "h"];
            Tensor Gather(string matrix) => Concatenate(order.Select(g => Find(args, weights, $"{matrix}_{g}")).ToArray());
            return new RecurrentWeightTensors(Gather("W"), Gather("U"), Gather("b"));
        }
        var kernel = Expect(args, weights, 0, new Shape(features, gates * units));
        var recurrent = Expect(args, weights, 1, new Shape(units, gates * units));
        if (!useBias) return new RecurrentWeightTensors(kernel, recurrent);
        var bias = Expect(args, weights, 2, null);
        if (cell == Cell.Gru && bias.Rank == 2 && bias.Shape[0] == 2)
        {
            return new RecurrentWeightTensors(kernel, recurrent, bias.Slice0(0, 1).Reshape(new Shape(3 * units)), RecurrentBias: bias.Slice0(1, 1).Reshape(new Shape(3 * units)));
        }
        if (bias.Shape != new Shape(gates * units)) throw args.Error($"bias has shape {bias.Shape}; expected [{gates * units}] (or [2, {gates * units}] for a reset_after GRU).");
        return new RecurrentWeightTensors(kernel, recurrent, bias);
    }

    private static Tensor Expect(KerasLayerArgs args, IReadOnlyList<KerasWeight> weights, int index, Shape? shape)
    {
        if (index >= weights.Count) throw args.Error($"needs at least {index + 1} weights; the file has {weights.Count}.");
        var w = weights[index].Value;
        if (shape is { } s && w.Shape != s) throw args.Error($"weight '{weights[index].Name}' has shape {w.Shape}; expected {s}.");
        return w;
    }

    private static Tensor Find(KerasLayerArgs args, IReadOnlyList<KerasWeight> weights, string suffix) =>
        weights.FirstOrDefault(w => w.ShortName.EndsWith("_" + suffix, StringComparison.Ordinal))?.Value
        ?? throw args.Error($"has no weight named *_{suffix}; the file has {string.Join(", ", weights.Select(w => w.Name))}.");

    /// <summary>Concatenates per-gate blocks along their last axis ([rows, units] -> [rows, gates * units]; [units] -> [gates * units]).</summary>
    private static Tensor Concatenate(Tensor[] blocks)
    {
        var rows = blocks[0].Rank == 1 ? 1 : blocks[0].Shape[0];
        var width = blocks[0].Shape[^1];
        var result = Tensor.Uninitialized(DType.Float32, blocks[0].Rank == 1 ? new Shape(blocks.Length * width) : new Shape(rows, blocks.Length * width));
        var dst = result.Floats;
        for (var b = 0; b < blocks.Length; b++)
        {
            var src = blocks[b].Floats;
            for (var r = 0; r < rows; r++) src.Slice(r * width, width).CopyTo(dst.Slice(r * blocks.Length * width + b * width, width));
        }
        return result;
    }

    // h5: "forward_lstm_1/kernel:0" ... "backward_lstm_1/..."; .keras: "forward_layer/cell/vars/0", "backward_layer/...".
    private static (IReadOnlyList<KerasWeight>, IReadOnlyList<KerasWeight>) SplitDirections(KerasLayerContext context)
    {
        var all = context.Weights;
        var forward = all.Where(w => w.Name.Contains("forward", StringComparison.Ordinal)).ToList();
        var backward = all.Where(w => w.Name.Contains("backward", StringComparison.Ordinal)).ToList();
        if (forward.Count > 0 && forward.Count == backward.Count) return (forward, backward);
        if (all.Count % 2 != 0) throw context.Args.Error($"has {all.Count} weights; a Bidirectional layer stores an even number (forward, then backward).");
        return (all.Take(all.Count / 2).ToList(), all.Skip(all.Count / 2).ToList());
    }
}
