using Parity.Engine.Kernels.Recurrent;
using static Parity.Engine.Kernels.Reference.SimpleRnn;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Recurrent.Lstm"/>: the equations in its summary evaluated one unit at a time,
/// sums in double, every step from the raw weights.
/// </summary>
public static class Lstm
{
    public static void Run(
        in LstmParameters p, ReadOnlySpan<float> input, LstmWeights weights, LstmWeights backwardWeights,
        ReadOnlySpan<float> initialH, ReadOnlySpan<float> initialC, ReadOnlySpan<byte> mask,
        Span<float> sequence, Span<float> finalH, Span<float> finalC)
    {
        var s = p.Sequence;
        s.Validate(input, mask, initialH, sequence, finalH);
        weights.Validate(s, s.Direction == RecurrentDirection.Bidirectional ? "forward " : "");
        if (s.Directions == 2) backwardWeights.Validate(s, "backward ");
        int units = s.Units;
        var outputs = new double[s.Directions][,,];
        for (var d = 0; d < s.Directions; d++)
        {
            var w = d == 0 ? weights : backwardWeights;
            var h = InitialState(initialH, d, s);
            var c = InitialState(initialC, d, s);
            outputs[d] = new double[s.Batch, s.Time, units];
            var previousOutput = new double[s.Batch, units];
            for (var step = 0; step < s.Time; step++)
            {
                var t = s.IsReversed(d) ? s.Time - 1 - step : step;
                for (var b = 0; b < s.Batch; b++)
                {
                    if (IsMasked(mask, s, b, t))
                    {
                        EmitMasked(s, outputs[d], previousOutput, b, t);
                        continue;
                    }
                    var newH = new double[units];
                    for (var u = 0; u < units; u++)
                    {
                        // Pre-activations x_t W + h_{t-1} U + b of each gate at unit u, from the block the gate order names.
                        var sum = new double[4];
                        for (var gate = LstmGate.Input; gate <= LstmGate.Output; gate++)
                        {
                            sum[(int)gate] = PreActivation(input, w.Kernel, w.RecurrentKernel, w.Bias, h, b, t, p.GateOrder.BlockOf(gate) * units + u, s);
                        }
                        var hasPeepholes = !w.Peepholes.IsEmpty;
                        double pi = hasPeepholes ? w.Peepholes[u] : 0, pf = hasPeepholes ? w.Peepholes[units + u] : 0, po = hasPeepholes ? w.Peepholes[2 * units + u] : 0;

                        var cPrev = c[b, u];
                        var i = Activate(p.RecurrentActivation, Clip(sum[(int)LstmGate.Input] + pi * cPrev, p.PreActivationClip));
                        var forget = p.CoupledInputForget
                            ? 1 - i
                            : Activate(p.RecurrentActivation, Clip(sum[(int)LstmGate.Forget] + pf * cPrev, p.PreActivationClip));
                        var z = Activate(p.CellActivation, Clip(sum[(int)LstmGate.Cell], p.PreActivationClip));
                        var cell = Clip(forget * cPrev + i * z, p.CellClip);
                        var o = Activate(p.RecurrentActivation, Clip(sum[(int)LstmGate.Output] + po * cell, p.PreActivationClip));
                        // c may be overwritten now: every unit's gates read only h_{t-1} and its own c_{t-1}.
                        c[b, u] = cell;
                        newH[u] = o * Activate(p.OutputActivation, cell);
                    }
                    Emit(outputs[d], previousOutput, h, newH, b, t);
                }
            }
            WriteState(h, d, s, finalH);
            WriteState(c, d, s, finalC);
        }
        PlaceSequence(s, outputs, sequence);
    }

    private static double Activate(Activation activation, double x) => Activations.Apply(activation, (float)x);
}
