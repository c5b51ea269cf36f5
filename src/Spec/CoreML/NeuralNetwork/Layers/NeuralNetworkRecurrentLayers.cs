using Parity.Engine.Kernels.Recurrent;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Recurrent;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// uniDirectionalLSTM on rank-5 blobs: x [Seq, Batch, inputVectorSize, 1, 1], optional h0 and c0 [1, Batch, outputVectorSize, 1, 1];
/// outputs the sequence [Seq, Batch, H, 1, 1] (or the last step [1, Batch, H, 1, 1]), then the final h and c.
/// </summary>
internal static class NeuralNetworkRecurrentLayers
{
    public static IReadOnlyList<string> UniDirectionalLstm(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.UniDirectionalLSTM;
        var settings = p.Params ?? new LSTMParams();
        if (p.ReverseInput) throw context.Unsupported("uniDirectionalLSTM with reverseInput is not executed yet.");
        var features = context.Size(p.InputVectorSize, "uniDirectionalLSTM.inputVectorSize", 1);
        var units = context.Size(p.OutputVectorSize, "uniDirectionalLSTM.outputVectorSize", 1);
        if (context.Inputs.Count is not (1 or 3)) throw context.Error("input", $"lists {context.Inputs.Count} blobs; expected x, or x, h0 and c0.");
        var x = context.Inputs[0];
        var shape = context.ShapeOf(x);
        if (shape.Rank != 5 || shape[2] != features || shape[3] != 1 || shape[4] != 1)
        {
            throw context.Error("input", $"has shape {shape}; expected [Seq, Batch, {features}, 1, 1].");
        }
        var (steps, batch) = (shape[0], shape[1]);
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
            bias = Tensor.FromArray(biases.SelectMany((b, g) => context.Weights(b, [units], $"uniDirectionalLSTM.weightParams.{names[g]}BiasVector").Floats.ToArray()).ToArray(), 4 * units);
        }
        Tensor? peepholes = null;
        if (settings.HasPeepholeVectors)
        {
            WeightParams[] vectors = [w.InputGatePeepholeVector, w.ForgetGatePeepholeVector, w.OutputGatePeepholeVector];
            string[] peepholeNames = ["inputGate", "forgetGate", "outputGate"];
            peepholes = Tensor.FromArray(vectors.SelectMany((v, g) => context.Weights(v, [units], $"uniDirectionalLSTM.weightParams.{peepholeNames[g]}PeepholeVector").Floats.ToArray()).ToArray(), 3 * units);
        }
        var clip = settings.CellClipThreshold > 0 ? settings.CellClipThreshold : float.PositiveInfinity;
        var options = new RecurrentLayerOptions(ReturnSequences: settings.SequenceOutput, ReturnStates: true, HasInitialStates: context.Inputs.Count == 3);
        var op = new Parity.Engine.Ops.Recurrent.Lstm(new RecurrentWeightTensors(kernel, recurrent, bias, peepholes), null, options,
            LstmGateOrder.CoreMLNeuralNetwork, gate, cell, output, cellClip: clip, coupledInputForget: settings.CoupledInputAndForgetGate);

        var sequence = context.Emit("batch_major", new TransposeOp([1, 0, 2]), context.Emit("sequence", new ReshapeOp([steps, batch, features]), x));
        var inputs = new List<string> { sequence };
        for (var k = 1; k < context.Inputs.Count; k++) inputs.Add(context.Emit($"state{k}", new ReshapeOp([batch, units]), context.Inputs[k]));
        var results = context.EmitMany("lstm", op, 3, [.. inputs]);

        var outputs = new List<string>();
        var y = settings.SequenceOutput
            ? context.Emit("time_major", new TransposeOp([1, 0, 2]), results[0])
            : results[0];
        outputs.Add(context.EmitOutput(0, new ReshapeOp([settings.SequenceOutput ? steps : 1, batch, units, 1, 1]), y));
        for (var k = 1; k < Math.Min(3, context.Layer.Output.Count); k++)
        {
            outputs.Add(context.EmitOutput(k, new ReshapeOp([1, batch, units, 1, 1]), results[k]));
        }
        return outputs;
    }

    /// <summary>Four [rows, columns] gate matrices stored row-major, transposed and laid side by side: [columns, 4 * rows].</summary>
    private static Tensor Blocks(NeuralNetworkLayerContext context, WeightParams[] matrices, string[] names, string suffix, int rows, int columns)
    {
        var packed = new float[columns * 4 * rows];
        for (var g = 0; g < 4; g++)
        {
            var matrix = context.Weights(matrices[g], [rows, columns], $"uniDirectionalLSTM.weightParams.{names[g]}{suffix}").Floats;
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++) packed[c * 4 * rows + g * rows + r] = matrix[r * columns + c];
            }
        }
        return Tensor.FromArray(packed, columns, 4 * rows);
    }
}
