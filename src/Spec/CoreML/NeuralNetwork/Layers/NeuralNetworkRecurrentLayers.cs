using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Recurrent;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// uniDirectionalLSTM, biDirectionalLSTM, gru and simpleRecurrent on x [Seq, Batch, inputVectorSize, 1, 1] (rank-5 ND
/// blobs) or [Seq, inputVectorSize, 1, 1] (the rank-4 form of the original blobs, Batch 1), optional initial states
/// [1, Batch, outputVectorSize, 1, 1] (h, and c for the LSTM; forward then backward for the bidirectional LSTM); outputs
/// the sequence [Seq, ..., H] (or the last step [1, ..., H]) in the input's rank, then the final states. Core ML stores
/// one [H, X] matrix per gate, and clips every LSTM gate pre-activation to [-50, 50] (the LSTMParams equations).
/// </summary>
internal static class NeuralNetworkRecurrentLayers
{
    public static IReadOnlyList<string> UniDirectionalLstm(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.UniDirectionalLSTM;
        var settings = p.Params ?? new LSTMParams();
        if (p.ReverseInput) throw context.Unsupported("uniDirectionalLSTM with reverseInput is not executed yet.");
        var sizes = Sizes(context, p.InputVectorSize, p.OutputVectorSize, "uniDirectionalLSTM", states: 2);
        var (gate, cell, output) = LstmActivations(context, p.Activations, "uniDirectionalLSTM.activations");
        var weights = LstmWeights(context, p.WeightParams, settings, sizes, "uniDirectionalLSTM.weightParams");
        var options = new RecurrentLayerOptions(ReturnSequences: settings.SequenceOutput, ReturnStates: true, HasInitialStates: context.Inputs.Count == 3);
        var op = new Parity.Engine.Ops.Recurrent.Lstm(weights, null, options, LstmGateOrder.CoreMLNeuralNetwork, gate, cell, output,
            cellClip: CellClip(context, settings), preActivationClip: GateClip, coupledInputForget: settings.CoupledInputAndForgetGate);
        return Run(context, op, sizes, settings.SequenceOutput, states: 2);
    }

    /// <summary>
    /// A forward and a backward LSTM (weightParams[0] and [1], each with its own activations); output t is [yf_t, yb_t]
    /// with yb_t the backward state right after reading x_t, and the final states come as h, c, h_rev, c_rev.
    /// </summary>
    public static IReadOnlyList<string> BiDirectionalLstm(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.BiDirectionalLSTM;
        var settings = p.Params ?? new LSTMParams();
        var sizes = Sizes(context, p.InputVectorSize, p.OutputVectorSize, "biDirectionalLSTM", states: 4);
        if (p.WeightParams.Count != 2) throw context.Error("biDirectionalLSTM.weightParams", $"lists {p.WeightParams.Count} sets; expected 2 (forward, backward).");
        var forward = LstmActivations(context, p.ActivationsForwardLSTM, "biDirectionalLSTM.activationsForwardLSTM");
        var backward = LstmActivations(context, p.ActivationsBackwardLSTM, "biDirectionalLSTM.activationsBackwardLSTM");
        if (forward != backward) throw context.Unsupported("biDirectionalLSTM with different forward and backward activations is not executed yet.");
        var forwardWeights = LstmWeights(context, p.WeightParams[0], settings, sizes, "biDirectionalLSTM.weightParams[0]");
        var backwardWeights = LstmWeights(context, p.WeightParams[1], settings, sizes, "biDirectionalLSTM.weightParams[1]");
        var options = new RecurrentLayerOptions(Direction: RecurrentDirection.Bidirectional, Merge: BidirectionalMerge.Concat,
            ReturnSequences: settings.SequenceOutput, ReturnStates: true, HasInitialStates: context.Inputs.Count == 5);
        var op = new Parity.Engine.Ops.Recurrent.Lstm(forwardWeights, backwardWeights, options, LstmGateOrder.CoreMLNeuralNetwork,
            forward.Gate, forward.Cell, forward.Output, cellClip: CellClip(context, settings), preActivationClip: GateClip, coupledInputForget: settings.CoupledInputAndForgetGate);
        return Run(context, op, sizes, settings.SequenceOutput, states: 4);
    }

    /// <summary>
    /// A recurrent layer's activation. coremltools writes hard sigmoid gates with no parameters (alpha = beta = 0, the
    /// Keras converter's SIGMOID_HARD), which the runtime runs as the usual 0.2 x + 0.5: its converted Keras
    /// hard_sigmoid LSTMs and GRUs agree with Keras (the real HAR and SwiftNLC pairs), a constant-0 gate could not.
    /// </summary>
    private static Activation Gate(NeuralNetworkLayerContext context, ActivationParams p, string field) =>
        p.NonlinearityTypeCase == ActivationParams.NonlinearityTypeOneofCase.SigmoidHard && p.SigmoidHard.Alpha == 0 && p.SigmoidHard.Beta == 0
            ? new Activation(ActivationKind.HardSigmoid, 0.2f, 0.5f)
            : NeuralNetworkActivationLayers.Function(context, p, field);

    /// <summary>The bound of clip() in the LSTMParams equations, applied to every gate's pre-activation.</summary>
    private const float GateClip = 50f;

    /// <summary>
    /// |c_t| is clipped to cellClipThreshold, and "If 0, it is set to its default value = 50.0" (LSTMParams in
    /// NeuralNetwork.proto): an unset threshold clips at 50, not nowhere.
    /// </summary>
    private static float CellClip(NeuralNetworkLayerContext context, LSTMParams settings) => settings.CellClipThreshold switch
    {
        0f => DefaultCellClip,
        > 0f => settings.CellClipThreshold,
        var other => throw context.Error("params.cellClipThreshold", $"is {other}; expected a positive bound (or 0 for the default {DefaultCellClip})."),
    };

    private const float DefaultCellClip = 50f;

    private static (Activation Gate, Activation Cell, Activation Output) LstmActivations(NeuralNetworkLayerContext context, IReadOnlyList<ActivationParams> activations, string field)
    {
        if (activations.Count != 3) throw context.Error(field, $"lists {activations.Count}; expected 3 (gate, cell, output).");
        return (Gate(context, activations[0], $"{field}[0]"),
            Gate(context, activations[1], $"{field}[1]"),
            Gate(context, activations[2], $"{field}[2]"));
    }

    /// <summary>Core ML's one [H, X] matrix per gate, as the engine's [X, 4H] kernel with blocks in Core ML's i, f, z, o order.</summary>
    private static RecurrentWeightTensors LstmWeights(NeuralNetworkLayerContext context, LSTMWeightParams? w, LSTMParams settings, RecurrentSizes sizes, string field)
    {
        if (w is null) throw context.Error(field, "is missing.");
        WeightParams[] inputMatrices = [w.InputGateWeightMatrix, w.ForgetGateWeightMatrix, w.BlockInputWeightMatrix, w.OutputGateWeightMatrix];
        WeightParams[] recursion = [w.InputGateRecursionMatrix, w.ForgetGateRecursionMatrix, w.BlockInputRecursionMatrix, w.OutputGateRecursionMatrix];
        string[] names = ["inputGate", "forgetGate", "blockInput", "outputGate"];
        var kernel = Blocks(context, inputMatrices, names, "WeightMatrix", sizes.Units, sizes.Features);
        var recurrent = Blocks(context, recursion, names, "RecursionMatrix", sizes.Units, sizes.Units);
        Tensor? bias = null;
        if (settings.HasBiasVectors)
        {
            // forgetBias is deliberately ignored: the runtime does not apply it (FINDINGS.md item 2).
            WeightParams[] biases = [w.InputGateBiasVector, w.ForgetGateBiasVector, w.BlockInputBiasVector, w.OutputGateBiasVector];
            bias = Vectors(context, biases, names, field, "BiasVector", sizes.Units);
        }
        Tensor? peepholes = null;
        if (settings.HasPeepholeVectors)
        {
            WeightParams[] vectors = [w.InputGatePeepholeVector, w.ForgetGatePeepholeVector, w.OutputGatePeepholeVector];
            peepholes = Vectors(context, vectors, ["inputGate", "forgetGate", "outputGate"], field, "PeepholeVector", sizes.Units);
        }
        return new RecurrentWeightTensors(kernel, recurrent, bias, peepholes);
    }

    /// <summary>GRU with Core ML's equations: z and r gates, candidate o = g(W_o x + R_o (r * h) + b_o), h = (1 - z) o + z h.</summary>
    public static IReadOnlyList<string> Gru(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Gru;
        if (p.ReverseInput) throw context.Unsupported("gru with reverseInput is not executed yet.");
        var sizes = Sizes(context, p.InputVectorSize, p.OutputVectorSize, "gru", states: 1);
        var (features, units) = (sizes.Features, sizes.Units);
        if (p.Activations.Count != 2) throw context.Error("gru.activations", $"lists {p.Activations.Count}; expected 2 (gates, candidate).");
        var gate = Gate(context, p.Activations[0], "gru.activations[0]");
        var candidate = Gate(context, p.Activations[1], "gru.activations[1]");
        string[] names = ["updateGate", "resetGate", "outputGate"];
        var kernel = Blocks(context, [p.UpdateGateWeightMatrix, p.ResetGateWeightMatrix, p.OutputGateWeightMatrix], names, "WeightMatrix", units, features);
        var recurrent = Blocks(context, [p.UpdateGateRecursionMatrix, p.ResetGateRecursionMatrix, p.OutputGateRecursionMatrix], names, "RecursionMatrix", units, units);
        var bias = p.HasBiasVectors ? Vectors(context, [p.UpdateGateBiasVector, p.ResetGateBiasVector, p.OutputGateBiasVector], names, "gru", "BiasVector", units) : null;
        var options = new RecurrentLayerOptions(ReturnSequences: p.SequenceOutput, ReturnStates: true, HasInitialStates: context.Inputs.Count == 2);
        var op = new Parity.Engine.Ops.Recurrent.Gru(new RecurrentWeightTensors(kernel, recurrent, bias), null, options,
            GruGateOrder.CoreMLNeuralNetwork, gate, candidate, resetAfter: false);
        return Run(context, op, sizes, p.SequenceOutput, states: 1);
    }

    /// <summary>h = f(W x + R h + b).</summary>
    public static IReadOnlyList<string> SimpleRecurrent(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.SimpleRecurrent;
        if (p.ReverseInput) throw context.Unsupported("simpleRecurrent with reverseInput is not executed yet.");
        var sizes = Sizes(context, p.InputVectorSize, p.OutputVectorSize, "simpleRecurrent", states: 1);
        var (features, units) = (sizes.Features, sizes.Units);
        var activation = Gate(context, p.Activation ?? throw context.Error("simpleRecurrent.activation", "is missing."), "simpleRecurrent.activation");
        var kernel = Blocks(context, [p.WeightMatrix], ["weight"], "Matrix", units, features);
        var recurrent = Blocks(context, [p.RecursionMatrix], ["recursion"], "Matrix", units, units);
        var bias = p.HasBiasVector ? Vectors(context, [p.BiasVector], ["bias"], "simpleRecurrent", "Vector", units) : null;
        var options = new RecurrentLayerOptions(ReturnSequences: p.SequenceOutput, ReturnStates: true, HasInitialStates: context.Inputs.Count == 2);
        var op = new Parity.Engine.Ops.Recurrent.SimpleRnn(new RecurrentWeightTensors(kernel, recurrent, bias), null, options, activation);
        return Run(context, op, sizes, p.SequenceOutput, states: 1);
    }

    /// <summary>Sequence length, batch, input and state widths of a recurrent layer, and the rank (4 or 5) of its blobs.</summary>
    private readonly record struct RecurrentSizes(int Steps, int Batch, int Features, int Units, int Rank);

    private static RecurrentSizes Sizes(NeuralNetworkLayerContext context, ulong inputSize, ulong outputSize, string type, int states)
    {
        var features = context.Size(inputSize, $"{type}.inputVectorSize", 1);
        var units = context.Size(outputSize, $"{type}.outputVectorSize", 1);
        if (context.Inputs.Count != 1 && context.Inputs.Count != 1 + states) throw context.Error("input", $"lists {context.Inputs.Count} blobs; expected x, or x and {states} initial state(s).");
        var shape = context.ShapeOf(context.Inputs[0]);
        return shape.Rank switch
        {
            5 when shape[2] == features && shape[3] == 1 && shape[4] == 1 => new RecurrentSizes(shape[0], shape[1], features, units, 5),
            4 when shape[1] == features && shape[2] == 1 && shape[3] == 1 => new RecurrentSizes(shape[0], 1, features, units, 4),
            _ => throw context.Error("input", $"has shape {shape}; expected [Seq, Batch, {features}, 1, 1] or [Seq, {features}, 1, 1]."),
        };
    }

    /// <summary>Moves x to the engine's [Batch, Seq, X], runs <paramref name="op"/>, and moves its outputs back to blobs of the input's rank.</summary>
    private static IReadOnlyList<string> Run(NeuralNetworkLayerContext context, RecurrentOperator op, RecurrentSizes sizes, bool sequenceOutput, int states)
    {
        var (steps, batch, features, units) = (sizes.Steps, sizes.Batch, sizes.Features, sizes.Units);
        var directions = op.Options.Directions;
        var sequence = context.Emit("batch_major", new TransposeOp([1, 0, 2]), context.Emit("sequence", new ReshapeOp([steps, batch, features]), context.Inputs[0]));
        var inputs = new List<string> { sequence };
        if (context.Inputs.Count > 1)
        {
            // The engine takes h0 (and c0) as one tensor holding every direction: [batch, units] or [2, batch, units].
            var perState = states / directions;
            for (var k = 0; k < perState; k++)
            {
                var parts = Enumerable.Range(0, directions)
                    .Select(d => context.Emit($"state{1 + d * perState + k}", new ReshapeOp(directions == 1 ? [batch, units] : [1, batch, units]), context.Inputs[1 + d * perState + k]))
                    .ToArray();
                inputs.Add(directions == 1 ? parts[0] : context.Emit($"states{k}", new ConcatOp(0), parts));
            }
        }
        var results = context.EmitMany("recurrence", op, 1 + states, [.. inputs]);

        var y = sequenceOutput ? context.Emit("time_major", new TransposeOp([1, 0, 2]), results[0]) : results[0];
        var width = directions * units;
        int[] Blob(int length, int channels) => sizes.Rank == 5 ? [length, batch, channels, 1, 1] : [length * batch, channels, 1, 1];
        var outputs = new List<string> { context.EmitOutput(0, new ReshapeOp(Blob(sequenceOutput ? steps : 1, width)), y) };
        for (var k = 1; k < Math.Min(1 + states, context.Layer.Output.Count); k++)
        {
            outputs.Add(context.EmitOutput(k, new ReshapeOp(Blob(1, units)), results[k]));
        }
        return outputs;
    }

    private static Tensor Vectors(NeuralNetworkLayerContext context, WeightParams[] vectors, string[] names, string type, string suffix, int units) =>
        Tensor.FromArray(vectors.SelectMany((v, g) => context.Weights(v, [units], $"{type}.{names[g]}{suffix}").Floats.ToArray()).ToArray(), vectors.Length * units);

    /// <summary>Gate matrices [rows, columns] stored row-major, transposed and laid side by side: [columns, gates * rows].</summary>
    private static Tensor Blocks(NeuralNetworkLayerContext context, WeightParams[] matrices, string[] names, string suffix, int rows, int columns)
    {
        var gates = matrices.Length;
        var packed = new float[columns * gates * rows];
        for (var g = 0; g < gates; g++)
        {
            var matrix = context.Weights(matrices[g], [rows, columns], $"{context.TypeName}.{names[g]}{suffix}").Floats;
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++) packed[c * gates * rows + g * rows + r] = matrix[r * columns + c];
            }
        }
        return Tensor.FromArray(packed, columns, gates * rows);
    }
}
