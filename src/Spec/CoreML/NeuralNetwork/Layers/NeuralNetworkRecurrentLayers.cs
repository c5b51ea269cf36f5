using Parity.Engine.Kernels.Recurrent;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Recurrent;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// uniDirectionalLSTM, gru and simpleRecurrent on rank-5 blobs: x [Seq, Batch, inputVectorSize, 1, 1], optional initial
/// states [1, Batch, outputVectorSize, 1, 1] (h, and c for the LSTM); outputs the sequence [Seq, Batch, H, 1, 1] (or
/// the last step [1, Batch, H, 1, 1]), then the final states. Core ML stores one [H, X] matrix per gate.
/// </summary>
internal static class NeuralNetworkRecurrentLayers
{
    public static IReadOnlyList<string> UniDirectionalLstm(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.UniDirectionalLSTM;
        var settings = p.Params ?? new LSTMParams();
        if (p.ReverseInput) throw context.Unsupported("uniDirectionalLSTM with reverseInput is not executed yet.");
        var (steps, batch, features, units) = Sizes(context, p.InputVectorSize, p.OutputVectorSize, "uniDirectionalLSTM", states: 2);
        if (p.Activations.Count != 3) throw context.Error("uniDirectionalLSTM.activations", $"lists {p.Activations.Count}; expected 3 (gate, cell, output).");
        var gate = NeuralNetworkActivationLayers.Function(context, p.Activations[0], "uniDirectionalLSTM.activations[0]");
        var cell = NeuralNetworkActivationLayers.Function(context, p.Activations[1], "uniDirectionalLSTM.activations[1]");
        var output = NeuralNetworkActivationLayers.Function(context, p.Activations[2], "uniDirectionalLSTM.activations[2]");

        // Core ML stores one [H, X] matrix per gate; the engine reads [X, 4H] with blocks in the order given below.
        var w = p.WeightParams ?? throw context.Error("uniDirectionalLSTM.weightParams", "is missing.");
        WeightParams[] inputMatrices = [w.InputGateWeightMatrix, w.ForgetGateWeightMatrix, w.BlockInputWeightMatrix, w.OutputGateWeightMatrix];
        WeightParams[] recursion = [w.InputGateRecursionMatrix, w.ForgetGateRecursionMatrix, w.BlockInputRecursionMatrix, w.OutputGateRecursionMatrix];
        string[] names = ["inputGate", "forgetGate", "blockInput", "outputGate"];
        var kernel = Blocks(context, inputMatrices, names, "WeightMatrix", units, features);
        var recurrent = Blocks(context, recursion, names, "RecursionMatrix", units, units);
        Tensor? bias = null;
        if (settings.HasBiasVectors)
        {
            // forgetBias is deliberately ignored: the runtime does not apply it (FINDINGS.md item 2).
            WeightParams[] biases = [w.InputGateBiasVector, w.ForgetGateBiasVector, w.BlockInputBiasVector, w.OutputGateBiasVector];
            bias = Vectors(context, biases, names, "uniDirectionalLSTM.weightParams", "BiasVector", units);
        }
        Tensor? peepholes = null;
        if (settings.HasPeepholeVectors)
        {
            WeightParams[] vectors = [w.InputGatePeepholeVector, w.ForgetGatePeepholeVector, w.OutputGatePeepholeVector];
            peepholes = Vectors(context, vectors, ["inputGate", "forgetGate", "outputGate"], "uniDirectionalLSTM.weightParams", "PeepholeVector", units);
        }
        var clip = settings.CellClipThreshold > 0 ? settings.CellClipThreshold : float.PositiveInfinity;
        var options = new RecurrentLayerOptions(ReturnSequences: settings.SequenceOutput, ReturnStates: true, HasInitialStates: context.Inputs.Count == 3);
        var op = new Parity.Engine.Ops.Recurrent.Lstm(new RecurrentWeightTensors(kernel, recurrent, bias, peepholes), null, options,
            LstmGateOrder.CoreMLNeuralNetwork, gate, cell, output, cellClip: clip, coupledInputForget: settings.CoupledInputAndForgetGate);

        return Run(context, op, steps, batch, features, units, settings.SequenceOutput, states: 2);
    }

    /// <summary>GRU with Core ML's equations: z and r gates, candidate o = g(W_o x + R_o (r * h) + b_o), h = (1 - z) o + z h.</summary>
    public static IReadOnlyList<string> Gru(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Gru;
        if (p.ReverseInput) throw context.Unsupported("gru with reverseInput is not executed yet.");
        var (steps, batch, features, units) = Sizes(context, p.InputVectorSize, p.OutputVectorSize, "gru", states: 1);
        if (p.Activations.Count != 2) throw context.Error("gru.activations", $"lists {p.Activations.Count}; expected 2 (gates, candidate).");
        var gate = NeuralNetworkActivationLayers.Function(context, p.Activations[0], "gru.activations[0]");
        var candidate = NeuralNetworkActivationLayers.Function(context, p.Activations[1], "gru.activations[1]");
        string[] names = ["updateGate", "resetGate", "outputGate"];
        var kernel = Blocks(context, [p.UpdateGateWeightMatrix, p.ResetGateWeightMatrix, p.OutputGateWeightMatrix], names, "WeightMatrix", units, features);
        var recurrent = Blocks(context, [p.UpdateGateRecursionMatrix, p.ResetGateRecursionMatrix, p.OutputGateRecursionMatrix], names, "RecursionMatrix", units, units);
        var bias = p.HasBiasVectors ? Vectors(context, [p.UpdateGateBiasVector, p.ResetGateBiasVector, p.OutputGateBiasVector], names, "gru", "BiasVector", units) : null;
        var options = new RecurrentLayerOptions(ReturnSequences: p.SequenceOutput, ReturnStates: true, HasInitialStates: context.Inputs.Count == 2);
        var op = new Parity.Engine.Ops.Recurrent.Gru(new RecurrentWeightTensors(kernel, recurrent, bias), null, options,
            GruGateOrder.CoreMLNeuralNetwork, gate, candidate, resetAfter: false);
        return Run(context, op, steps, batch, features, units, p.SequenceOutput, states: 1);
    }

    /// <summary>h = f(W x + R h + b).</summary>
    public static IReadOnlyList<string> SimpleRecurrent(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.SimpleRecurrent;
        if (p.ReverseInput) throw context.Unsupported("simpleRecurrent with reverseInput is not executed yet.");
        var (steps, batch, features, units) = Sizes(context, p.InputVectorSize, p.OutputVectorSize, "simpleRecurrent", states: 1);
        var activation = NeuralNetworkActivationLayers.Function(context, p.Activation ?? throw context.Error("simpleRecurrent.activation", "is missing."), "simpleRecurrent.activation");
        var kernel = Blocks(context, [p.WeightMatrix], ["weight"], "Matrix", units, features);
        var recurrent = Blocks(context, [p.RecursionMatrix], ["recursion"], "Matrix", units, units);
        var bias = p.HasBiasVector ? Vectors(context, [p.BiasVector], ["bias"], "simpleRecurrent", "Vector", units) : null;
        var options = new RecurrentLayerOptions(ReturnSequences: p.SequenceOutput, ReturnStates: true, HasInitialStates: context.Inputs.Count == 2);
        var op = new Parity.Engine.Ops.Recurrent.SimpleRnn(new RecurrentWeightTensors(kernel, recurrent, bias), null, options, activation);
        return Run(context, op, steps, batch, features, units, p.SequenceOutput, states: 1);
    }

    private static (int Steps, int Batch, int Features, int Units) Sizes(NeuralNetworkLayerContext context, ulong inputSize, ulong outputSize, string type, int states)
    {
        var features = context.Size(inputSize, $"{type}.inputVectorSize", 1);
        var units = context.Size(outputSize, $"{type}.outputVectorSize", 1);
        if (context.Inputs.Count != 1 && context.Inputs.Count != 1 + states) throw context.Error("input", $"lists {context.Inputs.Count} blobs; expected x, or x and {states} initial state(s).");
        var shape = context.ShapeOf(context.Inputs[0]);
        if (shape.Rank != 5)
        {
            throw context.Unsupported($"the input blob has shape {shape}; recurrent layers run on rank-5 [Seq, Batch, C, 1, 1] blobs (ND models), and sequences inside [C, H, W] blobs are not represented yet.");
        }
        if (shape[2] != features || shape[3] != 1 || shape[4] != 1)
        {
            throw context.Error("input", $"has shape {shape}; expected [Seq, Batch, {features}, 1, 1].");
        }
        return (shape[0], shape[1], features, units);
    }

    /// <summary>Moves x to the engine's [Batch, Seq, X], runs <paramref name="op"/>, and moves its outputs back to rank-5 blobs.</summary>
    private static IReadOnlyList<string> Run(NeuralNetworkLayerContext context, RecurrentOperator op, int steps, int batch, int features, int units, bool sequenceOutput, int states)
    {
        var sequence = context.Emit("batch_major", new TransposeOp([1, 0, 2]), context.Emit("sequence", new ReshapeOp([steps, batch, features]), context.Inputs[0]));
        var inputs = new List<string> { sequence };
        for (var k = 1; k < context.Inputs.Count; k++) inputs.Add(context.Emit($"state{k}", new ReshapeOp([batch, units]), context.Inputs[k]));
        var results = context.EmitMany("recurrence", op, 1 + states, [.. inputs]);

        var y = sequenceOutput ? context.Emit("time_major", new TransposeOp([1, 0, 2]), results[0]) : results[0];
        var outputs = new List<string> { context.EmitOutput(0, new ReshapeOp([sequenceOutput ? steps : 1, batch, units, 1, 1]), y) };
        for (var k = 1; k < Math.Min(1 + states, context.Layer.Output.Count); k++)
        {
            outputs.Add(context.EmitOutput(k, new ReshapeOp([1, batch, units, 1, 1]), results[k]));
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
