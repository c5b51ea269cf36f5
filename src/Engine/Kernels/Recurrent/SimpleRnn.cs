using System.Buffers;

namespace Parity.Engine.Kernels.Recurrent;

/// <summary>
/// Simple (Elman) recurrent layer over a sequence: h_t = f(clip(x_t W + h_{t-1} U + b)), the output at each step is h_t
/// (Keras SimpleRNN; Core ML simpleRecurrent with its documented clip to ±50). Layouts: <see cref="RecurrentSequence"/>.
/// </summary>
public static class SimpleRnn
{
    /// <summary>Runs the layer. <paramref name="backwardWeights"/> is read only for <see cref="RecurrentDirection.Bidirectional"/> (pass <c>default</c> otherwise).</summary>
    public static void Run(
        in SimpleRnnParameters p, ReadOnlySpan<float> input, SimpleRnnWeights weights, SimpleRnnWeights backwardWeights,
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
        in SimpleRnnParameters p, int direction, ReadOnlySpan<float> input, SimpleRnnWeights w, ReadOnlySpan<float> h0,
        ReadOnlySpan<byte> mask, Span<float> output, int outputStride, Span<float> hFinal)
    {
        var s = p.Sequence;
        int batch = s.Batch, time = s.Time, units = s.Units, state = batch * units;
        var buffer = ArrayPool<float>.Shared.Rent(batch * time * units + 2 * state);
        try
        {
            var all = buffer.AsSpan();
            var projection = all[..(batch * time * units)];
            var h = all.Slice(projection.Length, state);
            var previousOutput = all.Slice(projection.Length + state, state);
            if (h0.IsEmpty) h.Clear(); else h0.CopyTo(h);
            previousOutput.Clear();
            RecurrentMatMul.ProjectInputs(batch * time, s.Features, units, input, w.Kernel, w.Bias, projection);

            var reversed = s.IsReversed(direction);
            var processedOrder = s.StoresProcessedOrder;
            for (var step = 0; step < time; step++)
            {
                var t = reversed ? time - 1 - step : step;
                var slot = processedOrder ? step : t;
                RecurrentMatMul.HiddenTimesRecurrent(batch, units, units, h, w.RecurrentKernel, units, projection[(t * units)..], time * units, accumulate: true);
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
                    var pre = projection.Slice((b * time + t) * units, units);
                    Clip.Symmetric(pre, p.PreActivationClip);
                    Activations.Apply(p.Activation, pre, hb);
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
