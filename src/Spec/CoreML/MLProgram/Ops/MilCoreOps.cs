using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>cast, identity and shape.</summary>
internal static class MilCoreOps
{
    /// <summary>
    /// cast(x, dtype): to "fp16" the values are rounded to half (the cast is where an fp16 program's precision begins,
    /// so it holds in fp32 runs too); "fp32"/"fp64" from a float keep the values; to integers floats truncate toward zero.
    /// </summary>
    public static void Cast(MilOpContext context)
    {
        var x = context.Input("x");
        var dtype = context.String("dtype");
        DataType target = dtype switch
        {
            "fp16" => DataType.Float16,
            "fp32" => DataType.Float32,
            "fp64" => DataType.Float64,
            "int8" => DataType.Int8,
            "uint8" => DataType.Uint8,
            "int16" => DataType.Int16,
            "uint16" => DataType.Uint16,
            "int32" => DataType.Int32,
            "int64" => DataType.Int64,
            "bool" => DataType.Bool,
            _ => throw context.Error("dtype", $"is '{dtype}'; expected fp16, fp32, fp64, int8, uint8, int16, uint16, int32, int64 or bool."),
        };
        var engineType = MilConstant.EngineType(target)!.Value;
        var source = context.TypeOf(x).DType;
        if (target == DataType.Float16)
        {
            var floats = source == DType.Float32 ? x : context.EmitStep("float", new Engine.Ops.Core.Cast(DType.Float32), x);
            context.Emit(new RoundToFloat16(), floats);
            return;
        }
        context.Emit(source == engineType ? new Identity() : new Engine.Ops.Core.Cast(engineType), x);
    }

    public static void Identity(MilOpContext context) => context.Emit(new Identity(), context.Input("x"));

    /// <summary>shape(x): the sizes are known at read time, so the result is an int32 constant.</summary>
    public static void ShapeOf(MilOpContext context)
    {
        var x = context.Input("x");
        var dims = context.ShapeOf(x).ToArray();
        context.SetConstant(0, MilConstant.FromTensor(DataType.Int32, Engine.Tensors.Tensor.FromSpan<int>(dims, new Shape(dims.Length))));
    }
}
