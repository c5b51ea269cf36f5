using System.Buffers;
using System.Numerics.Tensors;

namespace Parity.Engine.Kernels.Recurrent;

/// <summary>
/// Long short-term memory over a sequence. Per step, with σ = recurrent activation, g = cell activation,
/// φ = output activation, clip = the pre-activation clamp, and each gate's weights the block
/// <see cref="LstmParameters.GateOrder"/> names:
/// <code>
/// i_t = σ(clip(x_t W_i + h_{t-1} U_i + b_i + p_i ⊙ c_{t-1}))
/// f_t = σ(clip(x_t W_f + h_{t-1} U_f + b_f + p_f ⊙ c_{t-1}))      or 1 - i_t when coupled
/// z_t = g(clip(x_t W_c + h_{t-1} U_c + b_c))
/// c_t = clamp(f_t ⊙ c_{t-1} + i_t ⊙ z_t, ±CellClip)
/// o_t = σ(clip(x_t W_o + h_{t-1} U_o + b_o + p_o ⊙ c_t))
/// h_t = o_t ⊙ φ(c_t)
/// </code>
/// These are Keras's equations (no peepholes, no clipping) and Core ML NeuralNetwork's (peepholes on c_{t-1} for i, f
/// and on c_t for o; clip ±50). Layouts: <see cref="RecurrentSequence"/>. The output at each step is h_t.
/// </summary>
public static class Lstm
{
    /// <summary>
    /// Runs the layer. <paramref name="backwardWeights"/> is read only for <see cref="RecurrentDirection.Bidirectional"/>
    /// (pass <c>default</c> otherwise). <paramref name="initialC"/> and <paramref name="finalC"/> are laid out like h.
    /// </summary>
    public static void Run(
        in LstmParameters p, ReadOnlySpan<float> input, LstmWeights weights, LstmWeights backwardWeights,
        ReadOnlySpan<float> initialH, ReadOnlySpan<float> initialC, ReadOnlySpan<byte> mask,
        Span<float> sequence, Span<float> finalH, Span<float> finalC)
    {
        var s = p.Sequence;
        s.Validate(input, mask, initialH, sequence, finalH);
        RecurrentSequence.ExpectLength("initial c [directions, batch, units]", initialC.Length, s.StateLength, allowEmpty: true);
        RecurrentSequence.ExpectLength("final c [directions, batch, units]", finalC.Length, s.StateLength, allowEmpty: true);
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
                    initialC.IsEmpty ? default : initialC.Slice(d * state, state),
                    mask, output, stride,
                    finalH.IsEmpty ? default : finalH.Slice(d * state, state),
                    finalC.IsEmpty ? default : finalC.Slice(d * state, state));
            }
            if (scratchLength > 0) s.MergeInto(sequence, scratch.AsSpan(0, scratchLength));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static void RunPass(
        in LstmParameters p, int direction, ReadOnlySpan<float> input, LstmWeights w,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, ReadOnlySpan<byte> mask,
        Span<float> output, int outputStride, Span<float> hFinal, Span<float> cFinal)
    {
        var s = p.Sequence;
        int batch = s.Batch, time = s.Time, units = s.Units, width = 4 * units, state = batch * units;
        var buffer = ArrayPool<float>.Shared.Rent(batch * time * width + 3 * state + units);
        try
        {
            var all = buffer.AsSpan();
            var projection = all[..(batch * time * width)];
            var h = all.Slice(projection.Length, state);
            var c = all.Slice(projection.Length + state, state);
            var previousOutput = all.Slice(projection.Length + 2 * state, state);
            var activated = all.Slice(projection.Length + 3 * state, units);
            if (h0.IsEmpty) h.Clear(); else h0.CopyTo(h);
            if (c0.IsEmpty) c.Clear(); else c0.CopyTo(c);
            previousOutput.Clear();

            RecurrentMatMul.ProjectInputs(batch * time, s.Features, width, input, w.Kernel, w.Bias, projection);

            int bi = p.GateOrder.BlockOf(LstmGate.Input) * units, bf = p.GateOrder.BlockOf(LstmGate.Forget) * units;
            int bc = p.GateOrder.BlockOf(LstmGate.Cell) * units, bo = p.GateOrder.BlockOf(LstmGate.Output) * units;
            var peepholes = !w.Peepholes.IsEmpty;
            var clip = p.PreActivationClip;
            var reversed = s.IsReversed(direction);
            var processedOrder = s.StoresProcessedOrder;

            for (var step = 0; step < time; step++)
            {
                var t = reversed ? time - 1 - step : step;
                var slot = processedOrder ? step : t;
                // Accumulate h_{t-1} U into the precomputed x_t W + b rows of time t (rows b * time + t).
                RecurrentMatMul.HiddenTimesRecurrent(batch, units, width, h, w.RecurrentKernel, width, projection[(t * width)..], time * width, accumulate: true);

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

                    var cb = c.Slice(b * units, units);
                    var gates = projection.Slice((b * time + t) * width, width);
                    Span<float> gi = gates.Slice(bi, units), gf = gates.Slice(bf, units), gc = gates.Slice(bc, units), go = gates.Slice(bo, units);
                    if (peepholes)
                    {
                        TensorPrimitives.MultiplyAdd(w.Peepholes[..units], cb, gi, gi);
                        TensorPrimitives.MultiplyAdd(w.Peepholes.Slice(units, units), cb, gf, gf);
                    }
                    Clip.Symmetric(gi, clip);
                    Activations.Apply(p.RecurrentActivation, gi, gi);
                    if (p.CoupledInputForget)
                    {
                        TensorPrimitives.Subtract(1f, gi, gf);
                    }
                    else
                    {
                        Clip.Symmetric(gf, clip);
                        Activations.Apply(p.RecurrentActivation, gf, gf);
                    }
                    Clip.Symmetric(gc, clip);
                    Activations.Apply(p.CellActivation, gc, gc);

                    TensorPrimitives.Multiply(gf, cb, cb);
                    TensorPrimitives.MultiplyAdd(gi, gc, cb, cb);
                    Clip.Symmetric(cb, p.CellClip);

                    if (peepholes) TensorPrimitives.MultiplyAdd(w.Peepholes.Slice(2 * units, units), cb, go, go);
                    Clip.Symmetric(go, clip);
                    Activations.Apply(p.RecurrentActivation, go, go);
                    Activations.Apply(p.OutputActivation, cb, activated);
                    TensorPrimitives.Multiply(go, activated, hb);

                    if (!outRow.IsEmpty) hb.CopyTo(outRow);
                    if (!mask.IsEmpty) hb.CopyTo(previousOutput.Slice(b * units, units));
                }
            }
            if (!hFinal.IsEmpty) h.CopyTo(hFinal);
            if (!cFinal.IsEmpty) c.CopyTo(cFinal);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
