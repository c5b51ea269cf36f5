using System.Runtime.CompilerServices;
using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.DataMovement;

/// <summary>Pads each axis by <see cref="Before"/>/<see cref="After"/> in <see cref="Mode"/>; <see cref="Value"/> (converted to the input dtype) fills constant pads.</summary>
public sealed class PadOp(int[] before, int[] after, PadMode mode, double value = 0) : IOperator
{
    public int[] Before { get; } = before;

    public int[] After { get; } = after;

    public PadMode Mode { get; } = mode;

    public double Value { get; } = value;

    public string Kind => "Pad";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => Pad.OutputShape(inputs[0].Shape, Before, After)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) =>
        ElementWidth.Dispatch(inputs[0].DType, new Call(this, inputs[0], outputs[0], FillBits(inputs[0].DType, Value)));

    /// <summary>The bit pattern of <paramref name="value"/> in <paramref name="dtype"/>, widened to 64 bits.</summary>
    private static ulong FillBits(DType dtype, double value) => dtype switch
    {
        DType.Float32 => BitConverter.SingleToUInt32Bits((float)value),
        DType.Float16 => BitConverter.HalfToUInt16Bits((Half)value),
        DType.Float64 => BitConverter.DoubleToUInt64Bits(value),
        DType.Int32 => (uint)(int)value,
        DType.Int64 => (ulong)(long)value,
        DType.UInt8 => (byte)value,
        DType.Int8 => (byte)(sbyte)value,
        DType.Bool => value != 0 ? 1UL : 0UL,
        _ => throw new NotSupportedException($"Pad has no fill value for {dtype}."),
    };

    private readonly record struct Call(PadOp Op, Tensor Input, Tensor Output, ulong Fill) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged
        {
            // The low bytes of the widened pattern are the element on little-endian machines, the only ones .NET runs Parity on.
            var fill = Fill;
            var typed = Unsafe.As<ulong, T>(ref fill);
            Pad.Run(ElementWidth.In<T>(Input), Input.Shape.Dims, Op.Before, Op.After, Op.Mode, typed, ElementWidth.Out<T>(Output));
        }
    }
}
