using Parity.Engine.Kernels.Recurrent;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Recurrent.Lstm"/>: the equations in its summary evaluated one unit at a time,
/// sums in double, every step from the raw weights, directions and merges spelled out.
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
        int batch = s.Batch, time = s.Time, units = s.Units;
        var outputs = new double[s.Directions][,,];
        for (var d = 0; d < s.Directions; d++)
        {
            var w = d == 0 ? weights : backwardWeights;
            var h = InitialState(initialH, d, batch, units);
            var c = InitialState(initialC, d, batch, units);
            outputs[d] = Pass(p, input, w, mask, s.IsReversed(d), h, c);
            for (var b = 0; b < batch; b++)
            {
                for (var u = 0; u < units; u++)
                {
                    var at = (d * batch + b) * units + u;
                    if (!finalH.IsEmpty) finalH[at] = (float)h[b, u];
                    if (!finalC.IsEmpty) finalC[at] = (float)c[b, u];
                }
            }
        }
        if (sequence.IsEmpty) return;

        // outputs[d][b, t, u] is the output emitted when time t was read; place it where the layout says.
        for (var b = 0; b < batch; b++)
        {
            for (var slot = 0; slot < time; slot++)
            {
                for (var u = 0; u < units; u++)
                {
                    if (s.Direction != RecurrentDirection.Bidirectional)
                    {
                        var t = s.StoresProcessedOrder ? time - 1 - slot : slot;
                        sequence[(b * time + slot) * units + u] = (float)outputs[0][b, t, u];
                        continue;
                    }
                    double fw = outputs[0][b, slot, u], bw = outputs[1][b, slot, u];
                    switch (s.Merge)
                    {
                        case BidirectionalMerge.Concat:
                            sequence[(b * time + slot) * 2 * units + u] = (float)fw;
                            sequence[(b * time + slot) * 2 * units + units + u] = (float)bw;
                            break;
                        case BidirectionalMerge.None:
                            sequence[(b * time + slot) * units + u] = (float)fw;
                            sequence[((batch + b) * time + slot) * units + u] = (float)bw;
                            break;
                        case BidirectionalMerge.Sum: sequence[(b * time + slot) * units + u] = (float)(fw + bw); break;
                        case BidirectionalMerge.Multiply: sequence[(b * time + slot) * units + u] = (float)(fw * bw); break;
                        case BidirectionalMerge.Average: sequence[(b * time + slot) * units + u] = (float)((fw + bw) / 2); break;
                    }
                }
            }
        }
    }

    private static double[,] InitialState(ReadOnlySpan<float> initial, int direction, int batch, int units)
    {
        var state = new double[batch, units];
        if (initial.IsEmpty) return state;
        for (var b = 0; b < batch; b++)
        {
            for (var u = 0; u < units; u++) state[b, u] = initial[(direction * batch + b) * units + u];
        }
        return state;
    }

    /// <summary>One direction; updates h and c in place and returns the output emitted at each input time.</summary>
    private static double[,,] Pass(in LstmParameters p, ReadOnlySpan<float> x, LstmWeights w, ReadOnlySpan<byte> mask, bool reversed, double[,] h, double[,] c)
    {
        var s = p.Sequence;
        int batch = s.Batch, time = s.Time, features = s.Features, units = s.Units, width = 4 * units;
        var outputs = new double[batch, time, units];
        var previousOutput = new double[batch, units];
        for (var step = 0; step < time; step++)
        {
            var t = reversed ? time - 1 - step : step;
            for (var b = 0; b < batch; b++)
            {
                if (!mask.IsEmpty && mask[b * time + t] == 0)
                {
                    for (var u = 0; u < units; u++)
                    {
                        outputs[b, t, u] = s.MaskedOutput == MaskedStepOutput.Zero ? 0 : previousOutput[b, u];
                    }
                    continue;
                }

                var newH = new double[units];
                var newC = new double[units];
                for (var u = 0; u < units; u++)
                {
                    // Pre-activations x_t W + h_{t-1} U + b of each gate at unit u, from the block the gate order names.
                    var sum = new double[4];
                    for (var gate = LstmGate.Input; gate <= LstmGate.Output; gate++)
                    {
                        sum[(int)gate] = PreActivation(x, w.Kernel, w.RecurrentKernel, w.Bias, h, b, t, p.GateOrder.BlockOf(gate) * units + u, s);
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
                    newC[u] = cell;
                    newH[u] = o * Activate(p.OutputActivation, cell);
                }
                for (var u = 0; u < units; u++)
                {
                    h[b, u] = newH[u];
                    c[b, u] = newC[u];
                    outputs[b, t, u] = newH[u];
                    previousOutput[b, u] = newH[u];
                }
            }
        }
        return outputs;
    }

    /// <summary>x_t W + h_{t-1} U + bias at one gate column, summed in double.</summary>
    internal static double PreActivation(
        ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel, ReadOnlySpan<float> bias,
        double[,] h, int b, int t, int column, in RecurrentSequence s)
    {
        var width = kernel.Length / s.Features;
        double sum = bias.IsEmpty ? 0 : bias[column];
        for (var f = 0; f < s.Features; f++) sum += (double)x[(b * s.Time + t) * s.Features + f] * kernel[f * width + column];
        for (var k = 0; k < s.Units; k++) sum += h[b, k] * recurrentKernel[k * width + column];
        return sum;
    }

    private static double Activate(Activation activation, double x) => Activations.Apply(activation, (float)x);

    private static double Clip(double x, float limit) => Math.Clamp(x, -(double)limit, limit);
}
