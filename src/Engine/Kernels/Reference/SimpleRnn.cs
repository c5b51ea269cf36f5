using Parity.Engine.Kernels.Recurrent;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Recurrent.SimpleRnn"/>: h_t = f(clip(x_t W + h_{t-1} U + b)) one unit at a time, sums
/// in double. Also holds the pieces every recurrent twin shares: the pre-activation sum and the placement of
/// per-direction outputs into the requested sequence layout.
/// </summary>
public static class SimpleRnn
{
    public static void Run(
        in SimpleRnnParameters p, ReadOnlySpan<float> input, SimpleRnnWeights weights, SimpleRnnWeights backwardWeights,
        ReadOnlySpan<float> initialH, ReadOnlySpan<byte> mask, Span<float> sequence, Span<float> finalH)
    {
        var s = p.Sequence;
        s.Validate(input, mask, initialH, sequence, finalH);
        weights.Validate(s, s.Direction == RecurrentDirection.Bidirectional ? "forward " : "");
        if (s.Directions == 2) backwardWeights.Validate(s, "backward ");
        var outputs = new double[s.Directions][,,];
        for (var d = 0; d < s.Directions; d++)
        {
            var w = d == 0 ? weights : backwardWeights;
            var h = InitialState(initialH, d, s);
            outputs[d] = new double[s.Batch, s.Time, s.Units];
            var previousOutput = new double[s.Batch, s.Units];
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
                    var newH = new double[s.Units];
                    for (var u = 0; u < s.Units; u++)
                    {
                        var pre = PreActivation(input, w.Kernel, w.RecurrentKernel, w.Bias, h, b, t, u, s);
                        newH[u] = Activations.Apply(p.Activation, (float)Clip(pre, p.PreActivationClip));
                    }
                    Emit(outputs[d], previousOutput, h, newH, b, t);
                }
            }
            WriteState(h, d, s, finalH);
        }
        PlaceSequence(s, outputs, sequence);
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

    internal static double Clip(double x, float limit) => Math.Clamp(x, -(double)limit, limit);

    internal static bool IsMasked(ReadOnlySpan<byte> mask, in RecurrentSequence s, int b, int t) => !mask.IsEmpty && mask[b * s.Time + t] == 0;

    /// <summary>A masked step keeps the states and emits the previous output or zeros.</summary>
    internal static void EmitMasked(in RecurrentSequence s, double[,,] outputs, double[,] previousOutput, int b, int t)
    {
        for (var u = 0; u < s.Units; u++) outputs[b, t, u] = s.MaskedOutput == MaskedStepOutput.Zero ? 0 : previousOutput[b, u];
    }

    /// <summary>Stores the new hidden state of row b as the state, the output at time t and the latest output.</summary>
    internal static void Emit(double[,,] outputs, double[,] previousOutput, double[,] h, double[] newH, int b, int t)
    {
        for (var u = 0; u < newH.Length; u++)
        {
            h[b, u] = newH[u];
            outputs[b, t, u] = newH[u];
            previousOutput[b, u] = newH[u];
        }
    }

    internal static double[,] InitialState(ReadOnlySpan<float> initial, int direction, in RecurrentSequence s)
    {
        var state = new double[s.Batch, s.Units];
        if (initial.IsEmpty) return state;
        for (var b = 0; b < s.Batch; b++)
        {
            for (var u = 0; u < s.Units; u++) state[b, u] = initial[(direction * s.Batch + b) * s.Units + u];
        }
        return state;
    }

    internal static void WriteState(double[,] state, int direction, in RecurrentSequence s, Span<float> target)
    {
        if (target.IsEmpty) return;
        for (var b = 0; b < s.Batch; b++)
        {
            for (var u = 0; u < s.Units; u++) target[(direction * s.Batch + b) * s.Units + u] = (float)state[b, u];
        }
    }

    /// <summary>Places outputs[d][b, t, u] (the output emitted when input time t was read) where the layout says.</summary>
    internal static void PlaceSequence(in RecurrentSequence s, double[][,,] outputs, Span<float> sequence)
    {
        if (sequence.IsEmpty) return;
        int batch = s.Batch, time = s.Time, units = s.Units;
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
}
