using System.Globalization;
using Google.Protobuf.Collections;
using Parity.Spec.CoreML.Format;
using LayerCase = Parity.Spec.CoreML.Format.NeuralNetworkLayer.LayerOneofCase;

namespace Parity.Spec.CoreML.Edits;

/// <summary>
/// Edits of an LSTM or GRU: two gates' weight blocks (input weights, recurrent weights and bias together)
/// exchanged, which is what reading one framework's gate order as another's does, and the gate activation replaced by
/// sigmoid or one of the hard_sigmoid variants (Keras 2: 0.2x + 0.5; Keras 3 / TF: x / 6 + 0.5).
/// </summary>
internal static class CoreMLRecurrentEdits
{
    private static readonly string[] LstmGates = ["input", "forget", "block input", "output"];
    private static readonly string[] GruGates = ["update", "reset", "output"];

    private static readonly (string Name, Func<ActivationParams> Make)[] GateActivations =
    [
        ("sigmoid", () => new ActivationParams { Sigmoid = new ActivationSigmoid() }),
        ("hard_sigmoid 0.2x + 0.5", () => new ActivationParams { SigmoidHard = new ActivationSigmoidHard { Alpha = 0.2f, Beta = 0.5f } }),
        ("hard_sigmoid x / 6 + 0.5", () => new ActivationParams { SigmoidHard = new ActivationSigmoidHard { Alpha = 1f / 6, Beta = 0.5f } }),
    ];

    public static IEnumerable<CoreMLEdit> For(NeuralNetworkLayer layer)
    {
        var name = layer.Name;
        (string[] Gates, RepeatedField<ActivationParams> Activations)? kind = layer.LayerCase switch
        {
            LayerCase.UniDirectionalLSTM => (LstmGates, layer.UniDirectionalLSTM.Activations),
            LayerCase.BiDirectionalLSTM => (LstmGates, layer.BiDirectionalLSTM.ActivationsForwardLSTM),
            LayerCase.Gru => (GruGates, layer.Gru.Activations),
            _ => null,
        };
        if (kind is not { } found) yield break;
        var (gates, activations) = found;
        for (var x = 0; x < gates.Length; x++)
        {
            for (var y = x + 1; y < gates.Length; y++)
            {
                var (i, j) = (x, y);
                yield return new CoreMLEdit(CoreMLEditKind.RecurrentGateOrder, name, $"exchange the {gates[i]} and {gates[j]} gate weights of '{name}'")
                {
                    Apply = spec => Swap(CoreMLLayerEdits.Find(spec, name), i, j),
                };
            }
        }
        if (activations.Count == 0) yield break;
        foreach (var (label, make) in GateActivations.Where(a => !a.Make().Equals(activations[0])))
        {
            yield return new CoreMLEdit(CoreMLEditKind.RecurrentActivation, name, $"use {label} as the gate activation of '{name}' instead of {Describe(activations[0])}")
            {
                Apply = spec =>
                {
                    var target = CoreMLLayerEdits.Find(spec, name);
                    var lists = target.LayerCase switch
                    {
                        LayerCase.UniDirectionalLSTM => [target.UniDirectionalLSTM.Activations],
                        LayerCase.BiDirectionalLSTM => [target.BiDirectionalLSTM.ActivationsForwardLSTM, target.BiDirectionalLSTM.ActivationsBackwardLSTM],
                        _ => new[] { target.Gru.Activations },
                    };
                    foreach (var list in lists) list[0] = make();
                },
            };
        }
    }

    private static string Describe(ActivationParams activation) => activation.NonlinearityTypeCase switch
    {
        ActivationParams.NonlinearityTypeOneofCase.SigmoidHard =>
            string.Create(CultureInfo.InvariantCulture, $"hard_sigmoid {activation.SigmoidHard.Alpha:G3}x + {activation.SigmoidHard.Beta:G3}"),
        var other => other.ToString().ToLowerInvariant(),
    };

    private static void Swap(NeuralNetworkLayer layer, int i, int j)
    {
        var groups = layer.LayerCase switch
        {
            LayerCase.UniDirectionalLSTM => Blocks(layer.UniDirectionalLSTM.WeightParams),
            LayerCase.BiDirectionalLSTM => layer.BiDirectionalLSTM.WeightParams.SelectMany(Blocks).ToArray(),
            _ => Blocks(layer.Gru),
        };
        foreach (var slots in groups)
        {
            var (a, b) = (slots[i].Get(), slots[j].Get());
            slots[i].Set(b);
            slots[j].Set(a);
        }
    }

    /// <summary>One weight field of a recurrent layer, read and written in place.</summary>
    private readonly record struct Slot(Func<WeightParams> Get, Action<WeightParams> Set);

    // Core ML's LSTM stores each gate's input weights, recurrent weights and bias in their own fields, in order i, f, z (block input), o.
    private static Slot[][] Blocks(LSTMWeightParams w) =>
    [
        [new(() => w.InputGateWeightMatrix, v => w.InputGateWeightMatrix = v), new(() => w.ForgetGateWeightMatrix, v => w.ForgetGateWeightMatrix = v),
         new(() => w.BlockInputWeightMatrix, v => w.BlockInputWeightMatrix = v), new(() => w.OutputGateWeightMatrix, v => w.OutputGateWeightMatrix = v)],
        [new(() => w.InputGateRecursionMatrix, v => w.InputGateRecursionMatrix = v), new(() => w.ForgetGateRecursionMatrix, v => w.ForgetGateRecursionMatrix = v),
         new(() => w.BlockInputRecursionMatrix, v => w.BlockInputRecursionMatrix = v), new(() => w.OutputGateRecursionMatrix, v => w.OutputGateRecursionMatrix = v)],
        [new(() => w.InputGateBiasVector, v => w.InputGateBiasVector = v), new(() => w.ForgetGateBiasVector, v => w.ForgetGateBiasVector = v),
         new(() => w.BlockInputBiasVector, v => w.BlockInputBiasVector = v), new(() => w.OutputGateBiasVector, v => w.OutputGateBiasVector = v)],
    ];

    // Core ML's GRU fields in order z (update), r (reset), o (output).
    private static Slot[][] Blocks(GRULayerParams g) =>
    [
        [new(() => g.UpdateGateWeightMatrix, v => g.UpdateGateWeightMatrix = v), new(() => g.ResetGateWeightMatrix, v => g.ResetGateWeightMatrix = v),
         new(() => g.OutputGateWeightMatrix, v => g.OutputGateWeightMatrix = v)],
        [new(() => g.UpdateGateRecursionMatrix, v => g.UpdateGateRecursionMatrix = v), new(() => g.ResetGateRecursionMatrix, v => g.ResetGateRecursionMatrix = v),
         new(() => g.OutputGateRecursionMatrix, v => g.OutputGateRecursionMatrix = v)],
        [new(() => g.UpdateGateBiasVector, v => g.UpdateGateBiasVector = v), new(() => g.ResetGateBiasVector, v => g.ResetGateBiasVector = v),
         new(() => g.OutputGateBiasVector, v => g.OutputGateBiasVector = v)],
    ];
}
