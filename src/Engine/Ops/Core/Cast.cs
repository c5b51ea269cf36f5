using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Core;

/// <summary>
/// Converts elements to <see cref="Target"/>, as NumPy's astype does for in-range values: floats round to
/// nearest even, floats to integers truncate toward zero (out of range saturates and NaN gives 0, .NET's rule),
/// integers to narrower integers wrap, anything to bool tests for non-zero (NaN is true).
/// </summary>
public sealed class Cast(DType target) : IOperator
{
    public DType Target { get; } = Enum.IsDefined(target) ? target : throw new ArgumentException($"Unknown dtype {target}.", nameof(target));

    public string Kind => "Cast";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        if (inputs.Count != 1)
        {
            throw new ShapeMismatchException($"Cast takes 1 input, but {inputs.Count} were given.");
        }
        return [new TensorType(Target, inputs[0].Shape)];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        var source = inputs[0];
        var result = outputs[0];
        switch (source.DType, Target)
        {
            case var (from, to) when from == to:
                source.Bytes.CopyTo(result.Bytes);
                return;
            case (DType.Float32, DType.Float16):
                TensorPrimitives.ConvertToHalf(source.Floats, result.Span<Half>());
                return;
            case (DType.Float16, DType.Float32):
                TensorPrimitives.ConvertToSingle(source.Span<Half>(), result.Floats);
                return;
        }
        if (source.DType.IsFloatingPoint())
        {
            for (var i = 0; i < source.Length; i++) WriteReal(result, i, ReadReal(source, i));
        }
        else
        {
            for (var i = 0; i < source.Length; i++) WriteInteger(result, i, ReadInteger(source, i));
        }
    }

    private static double ReadReal(Tensor t, int i) => t.DType switch
    {
        DType.Float32 => t.Span<float>()[i],
        DType.Float16 => (double)t.Span<Half>()[i],
        _ => t.Span<double>()[i],
    };

    private static long ReadInteger(Tensor t, int i) => t.DType switch
    {
        DType.Int32 => t.Span<int>()[i],
        DType.Int64 => t.Span<long>()[i],
        DType.Int8 => t.Span<sbyte>()[i],
        _ => t.Span<byte>()[i],
    };

    private static void WriteReal(Tensor t, int i, double v)
    {
        switch (t.DType)
        {
            case DType.Float32: t.Span<float>()[i] = (float)v; break;
            case DType.Float16: t.Span<Half>()[i] = (Half)v; break;
            case DType.Float64: t.Span<double>()[i] = v; break;
            case DType.Int32: t.Span<int>()[i] = (int)v; break;
            case DType.Int64: t.Span<long>()[i] = (long)v; break;
            case DType.Int8: t.Span<sbyte>()[i] = (sbyte)v; break;
            case DType.UInt8: t.Span<byte>()[i] = (byte)v; break;
            case DType.Bool: t.Span<byte>()[i] = v != 0 ? (byte)1 : (byte)0; break;
        }
    }

    private static void WriteInteger(Tensor t, int i, long v)
    {
        switch (t.DType)
        {
            case DType.Float32: t.Span<float>()[i] = v; break;
            case DType.Float16: t.Span<Half>()[i] = (Half)v; break;
            case DType.Float64: t.Span<double>()[i] = v; break;
            case DType.Int32: t.Span<int>()[i] = unchecked((int)v); break;
            case DType.Int64: t.Span<long>()[i] = v; break;
            case DType.Int8: t.Span<sbyte>()[i] = unchecked((sbyte)v); break;
            case DType.UInt8: t.Span<byte>()[i] = unchecked((byte)v); break;
            case DType.Bool: t.Span<byte>()[i] = v != 0 ? (byte)1 : (byte)0; break;
        }
    }
}
