using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>
/// Decodes a WeightParams message to float32 values in its stored order: floatValue, float16Value, rawValue (float32
/// little-endian), quantized rawValue (NeuralNetwork.proto QuantizationParams: 1..8-bit codes, linear w = scale[c] * q +
/// bias[c] per output channel c, or lookup table w = table[q]) and int8RawValue (signed bytes with a linear scale).
/// </summary>
internal static class NeuralNetworkWeights
{
    /// <summary>Largest weight tensor accepted (elements); more would need absurd memory and means a corrupt file.</summary>
    public const long MaxElements = 1L << 30;

    /// <summary>
    /// The values of <paramref name="field"/> as a float32 tensor of <paramref name="shape"/> in storage from
    /// <paramref name="pool"/>, decoded straight into it (a model's weights are its bulk: no intermediate array); a count
    /// that differs is a format error.
    /// </summary>
    public static Tensor Read(NeuralNetworkLayerContext context, WeightParams? weights, int[] shape, string field, TensorPool pool)
    {
        var expected = 1L;
        foreach (var d in shape) expected *= d;
        if (expected < 0 || expected > MaxElements)
        {
            throw context.Error(field, $"declares {expected} weights; expected between 0 and {MaxElements}.");
        }
        var count = (int)expected;
        if (weights is null && count != 0) throw context.Error(field, $"is missing; expected {count} weights.");
        var tensor = Tensor.Uninitialized(DType.Float32, new Shape(shape), pool);
        try
        {
            if (weights is not null) Decode(context, weights, count, field, tensor.Floats);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    private static void Decode(NeuralNetworkLayerContext context, WeightParams weights, int count, string field, Span<float> values)
    {
        if (weights.Int8RawValue.Length > 0)
        {
            if (weights.Quantization is not { QuantizationTypeCase: QuantizationParams.QuantizationTypeOneofCase.LinearQuantization } int8)
            {
                throw context.Error(field, "holds int8RawValue without linear quantization; NeuralNetwork.proto requires a linear scale for int8 weights.");
            }
            Require(context, field, "int8RawValue bytes", weights.Int8RawValue.Length, count);
            var signed = new int[count];
            var bytes = weights.Int8RawValue.Span;
            for (var i = 0; i < count; i++) signed[i] = (sbyte)bytes[i];
            Linear(context, signed, int8.LinearQuantization, ChannelAxisBlock(context, field, count), field, values);
            return;
        }
        if (weights.Quantization is { } quantization)
        {
            Dequantize(context, weights.RawValue.Span, quantization, count, field, values);
            return;
        }
        var deferred = context.State.DeferredWeights;
        if (deferred?.Float32Of(weights) is { } packed)
        {
            if (packed.Length % 4 != 0) throw context.Error(field, $"has a floatValue of {packed.Length} bytes, not a whole number of float32 values.");
            Require(context, field, "floatValue", packed.Length / 4, count);
            deferred.Read(packed, MemoryMarshal.AsBytes(values));
            return;
        }
        if (weights.FloatValue.Count > 0)
        {
            Require(context, field, "floatValue", weights.FloatValue.Count, count);
            var floats = weights.FloatValue;
            for (var i = 0; i < count; i++) values[i] = floats[i];
            return;
        }
        if (deferred?.Float16Of(weights) is { } halves)
        {
            Require(context, field, "float16Value bytes", halves.Length, 2L * count);
            var buffer = ArrayPool<byte>.Shared.Rent(halves.Length);
            try
            {
                deferred.Read(halves, buffer.AsSpan(0, halves.Length));
                Float16Bytes.Widen(buffer.AsSpan(0, halves.Length), values);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return;
        }
        if (weights.Float16Value.Length > 0)
        {
            Require(context, field, "float16Value bytes", weights.Float16Value.Length, 2L * count);
            Float16Bytes.Widen(weights.Float16Value.Span, values);
            return;
        }
        if (weights.RawValue.Length > 0)
        {
            Require(context, field, "rawValue bytes", weights.RawValue.Length, 4L * count);
            var span = weights.RawValue.Span;
            for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(4 * i)..]);
            return;
        }
        if (count != 0) throw context.Error(field, $"holds no values; expected {count}.");
    }

    /// <summary>How many values <paramref name="weights"/> stores (0 for none), wherever they are kept.</summary>
    public static long Count(NeuralNetworkLayerContext context, WeightParams? weights) =>
        weights is null ? 0 : CoreMLParameterCount.Elements(weights, context.State.DeferredWeights);

    private static void Require(NeuralNetworkLayerContext context, string field, string what, long found, long expected)
    {
        if (found != expected) throw context.Error(field, $"has {found} {what}; the layer's declared shape needs {expected}.");
    }

    // coremltools packs n-bit codes most significant bit first, element after element (np.packbits of each code's
    // bits from high to low), so code i starts at bit i * n of the big-endian bit stream.
    private static void Dequantize(NeuralNetworkLayerContext context, ReadOnlySpan<byte> raw, QuantizationParams quantization, int count, string field, Span<float> values)
    {
        var bits = (int)quantization.NumberOfBits;
        if (bits is < 1 or > 8) throw context.Error(field, $"quantization.numberOfBits is {quantization.NumberOfBits}; expected 1..8.");
        Require(context, field, "quantized rawValue bytes", raw.Length, ((long)count * bits + 7) / 8);
        var codes = new int[count];
        for (var i = 0; i < count; i++)
        {
            var code = 0;
            for (var b = 0; b < bits; b++)
            {
                var bit = (long)i * bits + b;
                code = (code << 1) | ((raw[(int)(bit / 8)] >> (7 - (int)(bit % 8))) & 1);
            }
            codes[i] = code;
        }
        switch (quantization.QuantizationTypeCase)
        {
            case QuantizationParams.QuantizationTypeOneofCase.LinearQuantization:
                Linear(context, codes, quantization.LinearQuantization, ChannelAxisBlock(context, field, count), field, values);
                return;
            case QuantizationParams.QuantizationTypeOneofCase.LookupTableQuantization:
                var table = quantization.LookupTableQuantization.FloatValue;
                if (table.Count != 1 << bits) throw context.Error(field, $"lookup table has {table.Count} entries; {bits}-bit codes need {1 << bits}.");
                for (var i = 0; i < count; i++) values[i] = table[codes[i]];
                return;
            default:
                throw context.Error(field, "quantization names no quantization type (linear or lookup table).");
        }
    }

    /// <summary>
    /// w = scale[c] * q + bias[c] with one (scale, bias) pair or one per output channel c. The channel of element i is
    /// (i / inner) % channels, where inner is the number of elements after the channel axis (see <see cref="ChannelAxisBlock"/>).
    /// </summary>
    private static void Linear(NeuralNetworkLayerContext context, int[] codes, LinearQuantizationParams linear, (int Outer, int Channels, int Inner)? layout, string field, Span<float> values)
    {
        var count = codes.Length;
        var scale = linear.Scale;
        var bias = linear.Bias;
        var channels = scale.Count;
        if (channels == 0 || count % channels != 0 || (bias.Count != 0 && bias.Count != channels))
        {
            throw context.Error(field, $"linear quantization has {scale.Count} scales and {bias.Count} biases for {count} weights; expected one (or one per output channel) of each.");
        }
        var inner = layout is { } block && block.Channels == channels ? block.Inner : count / channels;
        for (var i = 0; i < count; i++)
        {
            var c = i / inner % channels;
            values[i] = scale[c] * codes[i] + (bias.Count == 0 ? 0f : bias[c]);
        }
    }

    /// <summary>
    /// Where the output channels sit in a weight blob, for per-channel linear quantization: the first axis for every
    /// layer except deconvolution, whose weights [kernelChannels, outputChannels / groups, kH, kW] are quantized along
    /// the second axis (coremltools quantization_utils quantizes them with axis=1). Null means the first axis.
    /// </summary>
    private static (int Outer, int Channels, int Inner)? ChannelAxisBlock(NeuralNetworkLayerContext context, string field, int count)
    {
        if (context.Layer.LayerCase != NeuralNetworkLayer.LayerOneofCase.Convolution || !context.Layer.Convolution.IsDeconvolution || !field.EndsWith(".weights", StringComparison.Ordinal))
        {
            return null;
        }
        var p = context.Layer.Convolution;
        var groups = (int)Math.Max(1UL, Math.Min(p.NGroups, int.MaxValue));
        var kernelChannels = (int)Math.Min(p.KernelChannels, int.MaxValue);
        var channels = (int)Math.Min(p.OutputChannels, int.MaxValue) / groups;
        if (kernelChannels < 1 || channels < 1 || count % (kernelChannels * channels) != 0) return null;
        return (kernelChannels, channels, count / (kernelChannels * channels));
    }
}
