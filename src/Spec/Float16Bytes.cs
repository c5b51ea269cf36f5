using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Parity.Spec;

/// <summary>Widens IEEE half values stored little-endian (Core ML float16Value, MIL fp16 blobs and immediates) to float32.</summary>
internal static class Float16Bytes
{
    /// <summary>Fills <paramref name="values"/> from the first 2 * values.Length bytes of <paramref name="halves"/>.</summary>
    public static void Widen(ReadOnlySpan<byte> halves, Span<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(halves[..(2 * values.Length)]), values);
            return;
        }
        for (var i = 0; i < values.Length; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(halves[(2 * i)..]);
    }
}
