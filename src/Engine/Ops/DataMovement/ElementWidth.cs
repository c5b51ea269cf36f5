using System.Runtime.InteropServices;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>A kernel call that works for any element type of a given width (data movement copies bits, never values).</summary>
internal interface IWidthGenericCall
{
    void Run<T>() where T : unmanaged;
}

/// <summary>
/// Runs a data-movement kernel on a tensor of any dtype by viewing its elements as the unsigned integer of the same
/// width, so float16, bool and int64 tensors share the float32 code paths without conversion.
/// </summary>
internal static class ElementWidth
{
    public static void Dispatch<TCall>(DType dtype, TCall call) where TCall : IWidthGenericCall
    {
        switch (dtype.SizeOf())
        {
            case 1: call.Run<byte>(); break;
            case 2: call.Run<ushort>(); break;
            case 4: call.Run<uint>(); break;
            case 8: call.Run<ulong>(); break;
            default: throw new NotSupportedException($"No data-movement path for {dtype} elements.");
        }
    }

    public static ReadOnlySpan<T> In<T>(Tensor t) where T : unmanaged => MemoryMarshal.Cast<byte, T>(t.Bytes);

    public static Span<T> Out<T>(Tensor t) where T : unmanaged => MemoryMarshal.Cast<byte, T>(t.Bytes);
}
