using System.Buffers;
using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Recurrent;

/// <summary>
/// Gated recurrent unit over a sequence. Per step, with σ = recurrent activation, g = candidate activation,
/// clip = the pre-activation clamp, b = input bias, b_r = recurrent bias, blocks located by <see cref="GruParameters.GateOrder"/>:
/// <code>
/// z_t = σ(clip(x_t W_z + h_{t-1} U_z + b_z + b_rz))
/// r_t = σ(clip(x_t W_r + h_{t-1} U_r + b_r + b_rr))
/// ĥ_t = g(clip(x_t W_h + (r_t ⊙ h_{t-1}) U_h + b_h + b_rh))        ResetAfter = false
/// ĥ_t = g(clip(x_t W_h + b_h + r_t ⊙ (h_{t-1} U_h + b_rh)))        ResetAfter = true
/// h_t = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ ĥ_t
/// </code>
/// Keras (all versions), Core ML NeuralNetwork and MIL all update with z ⊙ h_{t-1} + (1 - z) ⊙ ĥ. Layouts:
/// <see cref="RecurrentSequence"/>. The output at each step is h_t.
/// </summary>
public static class Gru
{
    /// <summary>Runs the layer. <paramref name="backwardWeights"/> is read only for <see cref="RecurrentDirection.Bidirectional"/> (pass <c>default</c> otherwise).</summary>
    public static void Run(
        in GruParameters p, ReadOnlySpan<float> input, GruWeights weights, GruWeights backwardWeights,
        ReadOnlySpan<float> initialH, ReadOnlySpan<byte> mask, Span<float> sequence, Span<float> finalH)
    {
        var s = p.Sequence;
        s.Validate(input, mask, initialH, sequence, finalH);
        weights.Validate(s, s.Direction == RecurrentDirection.Bidirectional ? "forward " : "");
        if (s.Directions == 2) backwardWeights.Validate(s, "backward ");

        var scratchLength = s.NeedsMergeScratch(!sequence.IsEmpty) ? s.Batch * s.Time * s.Units : 0;
        var scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, scratchLength));
        try
        {
            var state = s.Batch * s.Units;
            for (var d = 0; d < s.Directions; d++)
            {
                var output = s.PassOutput(d, sequence, scratch.AsSpan(0, scratchLength), out var stride);
                RunPass(p, d, input, d == 0 ? weights : backwardWeights,
                    initialH.IsEmpty ? default : initialH.Slice(d * state, state),
                    mask, output, stride, finalH.IsEmpty ? default : finalH.Slice(d * state, state));
            }
            if (scratchLength > 0) s.MergeInto(sequence, scratch.AsSpan(0, scratchLength));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static void RunPass(
        in GruParameters p, int direction, ReadOnlySpan<float> input, GruWeights w, ReadOnlySpan<float> h0,
        ReadOnlySpan<byte> mask, Span<float> output, int outputStride, Span<float> hFinal)
    {
        var s = p.Sequence;
        int batch = s.Batch, time = s.Time, units = s.Units, width = 3 * units, state = batch * units;
        int bz = p.GateOrder.BlockOf(GruGate.Update) * units, br = p.GateOrder.BlockOf(GruGate.Reset) * units;
        int bh = p.GateOrder.BlockOf(GruGate.Candidate) * units;
        var buffer = ArrayPool<float>.Shared.Rent(batch * time * width + batch * width + 3 * state + 2 * width);
        try
        {
            var all = buffer.AsSpan();
            var projection = all[..(batch * time * width)];
            var recurrent = all.Slice(projection.Length, batch * width);
            var h = all.Slice(projection.Length + recurrent.Length, state);
            var resetHidden = all.Slice(projection.Length + recurrent.Length + state, state);
            var previousOutput = all.Slice(projection.Length + recurrent.Length + 2 * state, state);
            var inputBias = all.Slice(projection.Length + recurrent.Length + 3 * state, width);
            var candidateRecurrentBias = all.Slice(projection.Length + recurrent.Length + 3 * state + width, units);
            if (h0.IsEmpty) h.Clear(); else h0.CopyTo(h);
            previousOutput.Clear();

            // Every bias term outside r's reach folds into the input projection; only reset_after's b_rh stays apart.
            if (w.Bias.IsEmpty) inputBias.Clear(); else w.Bias.CopyTo(inputBias);
            candidateRecurrentBias.Clear();
            if (!w.RecurrentBias.IsEmpty)
            {
                foreach (var block in p.ResetAfter ? [bz, br] : (int[])[bz, br, bh])
                {
                    TensorPrimitives.Add(inputBias.Slice(block, units), w.RecurrentBias.Slice(block, units), inputBias.Slice(block, units));
                }
                if (p.ResetAfter) w.RecurrentBias.Slice(bh, units).CopyTo(candidateRecurrentBias);
            }
            RecurrentMatMul.ProjectInputs(batch * time, s.Features, width, input, w.Kernel, inputBias, projection);

            var clip = p.PreActivationClip;
            var reversed = s.IsReversed(direction);
            var processedOrder = s.StoresProcessedOrder;
            var u = w.RecurrentKernel;
            for (var step = 0; step < time; step++)
            {
                var t = reversed ? time - 1 - step : step;
                var slot = processedOrder ? step : t;
                var rows = projection[(t * width)..];
                if (p.ResetAfter)
                {
                    RecurrentMatMul.HiddenTimesRecurrent(batch, units, width, h, u, width, recurrent, width, accumulate: false);
                }
                else
                {
                    RecurrentMatMul.HiddenTimesRecurrent(batch, units, units, h, u[bz..], width, rows[bz..], time * width, accumulate: true);
                    RecurrentMatMul.HiddenTimesRecurrent(batch, units, units, h, u[br..], width, rows[br..], time * width, accumulate: true);
                }

                // z and r for every row first: reset_before needs all of r ⊙ h before its candidate product.
                for (var b = 0; b < batch; b++)
                {
                    var gates = projection.Slice((b * time + t) * width, width);
                    Span<float> gz = gates.Slice(bz, units), gr = gates.Slice(br, units);
                    if (p.ResetAfter)
                    {
                        var rec = recurrent.Slice(b * width, width);
                        TensorPrimitives.Add(gz, rec.Slice(bz, units), gz);
                        TensorPrimitives.Add(gr, rec.Slice(br, units), gr);
                    }
                    Clip.Symmetric(gz, clip);
                    Activations.Apply(p.RecurrentActivation, gz, gz);
                    Clip.Symmetric(gr, clip);
                    Activations.Apply(p.RecurrentActivation, gr, gr);
                    if (!p.ResetAfter) TensorPrimitives.Multiply(gr, h.Slice(b * units, units), resetHidden.Slice(b * units, units));
                }
                if (!p.ResetAfter)
                {
                    RecurrentMatMul.HiddenTimesRecurrent(batch, units, units, resetHidden, u[bh..], width, rows[bh..], time * width, accumulate: true);
                }

                for (var b = 0; b < batch; b++)
                {
                    var hb = h.Slice(b * units, units);
                    var outRow = output.IsEmpty ? default : output.Slice((b * time + slot) * outputStride, units);
                    if (!mask.IsEmpty && mask[b * time + t] == 0)
                    {
                        if (output.IsEmpty) continue;
                        if (s.MaskedOutput == MaskedStepOutput.Zero) outRow.Clear();
                        else previousOutput.Slice(b * units, units).CopyTo(outRow);
                        continue;
                    }

                    var gates = projection.Slice((b * time + t) * width, width);
                    Span<float> gz = gates.Slice(bz, units), gr = gates.Slice(br, units), gh = gates.Slice(bh, units);
                    if (p.ResetAfter)
                    {
                        var recH = recurrent.Slice(b * width + bh, units);
                        TensorPrimitives.Add(recH, candidateRecurrentBias, recH);
                        TensorPrimitives.MultiplyAdd(gr, recH, gh, gh);
                    }
                    Clip.Symmetric(gh, clip);
                    Activations.Apply(p.CandidateActivation, gh, gh);

                    // h = z ⊙ h + (1 - z) ⊙ ĥ, computed as ĥ + z ⊙ (h - ĥ); gr is free to hold h - ĥ.
                    TensorPrimitives.Subtract(hb, gh, gr);
                    TensorPrimitives.MultiplyAdd(gz, gr, gh, hb);

                    if (!outRow.IsEmpty) hb.CopyTo(outRow);
                    if (!mask.IsEmpty) hb.CopyTo(previousOutput.Slice(b * units, units));
                }
            }
            if (!hFinal.IsEmpty) h.CopyTo(hFinal);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
