using System.Buffers.Binary;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork;

/// <summary>
/// Decodes a WeightParams message to float32 values in its stored order: floatValue, float16Value, rawValue (float32
/// little-endian) and quantized rawValue (NeuralNetwork.proto QuantizationParams: linear w = scale[c] * q + bias[c]
/// per output channel c, or lookup table w = table[q]).
/// </summary>
internal static class NeuralNetworkWeights
{
    /// <summary>Largest weight tensor accepted (elements); more would need absurd memory and means a corrupt file.</summary>
    public const long MaxElements = 1L << 30;

    /// <summary>
    /// The values of <paramref name="field"/> as a float32 tensor of <paramref name="shape"/>, decoded straight into it
    /// (a model's weights are its bulk: no intermediate array); a count that differs is a format error.
    /// </summary>
    public static Tensor Read(NeuralNetworkLayerContext context, WeightParams? weights, int[] shape, string field)
    {
        var expected = 1L;
        foreach (var d in shape) expected *= d;
        if (expected < 0 || expected > MaxElements)
        {
            throw context.Error(field, $"declares {expected} weights; expected between 0 and {MaxElements}.");
        }
        var count = (int)expected;
        if (weights is null && count != 0) throw context.Error(field, $"is missing; expected {count} weights.");
        if (weights is not null && weights.Int8RawValue.Length > 0)
        {
            throw context.Unsupported($"{field} holds int8RawValue (dynamic int8 quantization), which Parity does not execute.");
        }
        var tensor = Tensor.Uninitialized(DType.Float32, new Shape(shape));
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
        if (weights.Quantization is { } quantization)
        {
            Dequantize(context, weights.RawValue.Span, quantization, count, field, values);
            return;
        }
        if (weights.FloatValue.Count > 0)
        {
            Require(context, field, "floatValue", weights.FloatValue.Count, count);
            var floats = weights.FloatValue;
            for (var i = 0; i < count; i++) values[i] = floats[i];
            return;
        }
        if (weights.Float16Value.Length > 0)
        {
            Require(context, field, "float16Value bytes", weights.Float16Value.Length, 2L * count);
            var span = weights.Float16Value.Span;
            for (var i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(span[(2 * i)..]);
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
                var scale = quantization.LinearQuantization.Scale;
                var bias = quantization.LinearQuantization.Bias;
                if (scale.Count == 0 || count % scale.Count != 0 || (bias.Count != 0 && bias.Count != scale.Count))
                {
                    throw context.Error(field, $"linear quantization has {scale.Count} scales and {bias.Count} biases for {count} weights; expected one (or one per output channel) of each.");
                }
                var perChannel = count / scale.Count;
                for (var i = 0; i < count; i++)
                {
                    var c = i / perChannel;
                    values[i] = scale[c] * codes[i] + (bias.Count == 0 ? 0f : bias[c]);
                }
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
}
