using Parity.Engine.Kernels.Recurrent;
using static Parity.Engine.Kernels.Reference.SimpleRnn;

namespace Parity.Engine.Kernels.Reference;

/// <summary>
/// Reference twin of <see cref="Recurrent.Gru"/>: the equations in its summary evaluated one unit at a time, sums in
/// double, both reset conventions written out separately.
/// </summary>
public static class Gru
{
    public static void Run(
        in GruParameters p, ReadOnlySpan<float> input, GruWeights weights, GruWeights backwardWeights,
        ReadOnlySpan<float> initialH, ReadOnlySpan<byte> mask, Span<float> sequence, Span<float> finalH)
    {
        var s = p.Sequence;
        s.Validate(input, mask, initialH, sequence, finalH);
        weights.Validate(s, s.Direction == RecurrentDirection.Bidirectional ? "forward " : "");
        if (s.Directions == 2) backwardWeights.Validate(s, "backward ");
        int units = s.Units, width = 3 * units;
        var outputs = new double[s.Directions][,,];
        for (var d = 0; d < s.Directions; d++)
        {
            var w = d == 0 ? weights : backwardWeights;
            var h = InitialState(initialH, d, s);
            outputs[d] = new double[s.Batch, s.Time, units];
            var previousOutput = new double[s.Batch, units];
            var recurrentBias = w.RecurrentBias.IsEmpty ? new float[width] : w.RecurrentBias.ToArray();
            var order = p.GateOrder;
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
                    int Column(GruGate gate, int u) => order.BlockOf(gate) * units + u;

                    // z and r of every unit first: reset_before's candidate needs r ⊙ h_{t-1} across all units.
                    var z = new double[units];
                    var r = new double[units];
                    for (var u = 0; u < units; u++)
                    {
                        var zc = Column(GruGate.Update, u);
                        var rc = Column(GruGate.Reset, u);
                        z[u] = Activate(p.RecurrentActivation, Clip(PreActivation(input, w.Kernel, w.RecurrentKernel, w.Bias, h, b, t, zc, s) + recurrentBias[zc], p.PreActivationClip));
                        r[u] = Activate(p.RecurrentActivation, Clip(PreActivation(input, w.Kernel, w.RecurrentKernel, w.Bias, h, b, t, rc, s) + recurrentBias[rc], p.PreActivationClip));
                    }

                    var newH = new double[units];
                    for (var u = 0; u < units; u++)
                    {
                        var hc = Column(GruGate.Candidate, u);
                        double inputPart = w.Bias.IsEmpty ? 0 : w.Bias[hc];
                        for (var f = 0; f < s.Features; f++) inputPart += (double)input[(b * s.Time + t) * s.Features + f] * w.Kernel[f * width + hc];
                        double candidatePre;
                        if (p.ResetAfter)
                        {
                            // r ⊙ (h_{t-1} U_h + b_rh)
                            double recurrentPart = recurrentBias[hc];
                            for (var k = 0; k < units; k++) recurrentPart += h[b, k] * w.RecurrentKernel[k * width + hc];
                            candidatePre = inputPart + r[u] * recurrentPart;
                        }
                        else
                        {
                            // (r ⊙ h_{t-1}) U_h + b_rh
                            double recurrentPart = recurrentBias[hc];
                            for (var k = 0; k < units; k++) recurrentPart += r[k] * h[b, k] * w.RecurrentKernel[k * width + hc];
                            candidatePre = inputPart + recurrentPart;
                        }
                        var candidate = Activate(p.CandidateActivation, Clip(candidatePre, p.PreActivationClip));
                        newH[u] = z[u] * h[b, u] + (1 - z[u]) * candidate;
                    }
                    Emit(outputs[d], previousOutput, h, newH, b, t);
                }
            }
            WriteState(h, d, s, finalH);
        }
        PlaceSequence(s, outputs, sequence);
    }

    private static double Activate(Activation activation, double x) => Activations.Apply(activation, (float)x);
}
