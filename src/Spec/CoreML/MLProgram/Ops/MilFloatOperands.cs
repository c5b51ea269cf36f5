using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// The engine's math ops take float32; MIL ops that also accept int32 (reductions, abs, sign, comparisons...) are
/// computed through float32, which is exact below 2^24, and cast back to the declared output type.
/// </summary>
internal static class MilFloatOperands
{
    /// <summary>Argument <paramref name="argument"/> as a float32 graph value (a Cast step when it is not float).</summary>
    public static string Input(MilOpContext context, string argument) => ToFloat(context, context.Input(argument), argument);

    /// <summary><paramref name="value"/> as float32, adding a Cast step named after <paramref name="step"/> when needed.</summary>
    public static string ToFloat(MilOpContext context, string value, string step) =>
        context.TypeOf(value).DType == DType.Float32 ? value : context.EmitStep($"{step}_float", new Cast(DType.Float32), value);

    /// <summary>Emits <paramref name="op"/> (which computes float32) as output 0, cast to the declared output type when that is not float.</summary>
    public static void EmitAsDeclared(MilOpContext context, IOperator op, params string[] inputs)
    {
        var target = MilConstant.EngineType(context.OutputDataType()) ?? DType.Float32;
        if (target == DType.Float32)
        {
            context.Emit(op, inputs);
            return;
        }
        var result = context.EmitStep("float", op, inputs);
        context.Emit(new Cast(target), result);
    }

    /// <summary>A rank-0 float32 graph value holding <paramref name="value"/>, named "{op output}/{step}".</summary>
    public static string Scalar(MilOpContext context, string step, float value) =>
        context.ConstantStep(step, Tensor.FromArray([value]));
}
