using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Elementwise;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.Classic;

/// <summary>
/// Core ML Scaler (Scaler.proto): y = scaleValue * (x + shiftValue) element-wise. Each list holds one value per element
/// or a single value for all; a missing scale is 1 and a missing shift 0 (the format's documentation). coremltools'
/// StandardScaler conversion stores shift = -mean and scale = 1 / std per feature.
/// </summary>
internal static class ScalerModel
{
    public static ClassicStageResult Build(ClassicStageContext context)
    {
        var scaler = context.Model.Scaler;
        var input = context.InputFeatures.Count == 1 ? context.InputFeatures[0] : null;
        var declared = input?.Type?.MultiArrayType is { Shape.Count: > 0 } array ? array.Shape.Aggregate(1L, (a, d) => a * d) : 0;
        var width = Math.Max(scaler.ShiftValue.Count, scaler.ScaleValue.Count);
        if (declared > 0 && width > 1 && declared != width) throw context.Error("input", $"declares {declared} elements, but the scaler lists {width} values.");
        foreach (var (field, count) in new[] { ("shiftValue", scaler.ShiftValue.Count), ("scaleValue", scaler.ScaleValue.Count) })
        {
            if (count is not (0 or 1) && count != width) throw context.Error(field, $"has {count} values; expected 1 or one per input element ({width}).");
        }
        var output = SingleOutput(context);
        // Per-element lists need the input as rows of their length; single values apply to any shape.
        var rows = width > 1 ? context.Rows(context.Input, width, $"input '{input!.Name}'") : context.Input;

        var value = rows;
        if (scaler.ShiftValue.Count > 0)
        {
            var shift = context.Constant("shiftValue", Parameters(scaler.ShiftValue));
            value = scaler.ScaleValue.Count > 0
                ? context.Emit("shifted", new BinaryArithmetic(BinaryKind.Add), value, shift)
                : context.EmitOutput(output, new BinaryArithmetic(BinaryKind.Add), value, shift);
        }
        if (scaler.ScaleValue.Count > 0)
        {
            var scale = context.Constant("scaleValue", Parameters(scaler.ScaleValue));
            value = context.EmitOutput(output, new BinaryArithmetic(BinaryKind.Multiply), value, scale);
        }
        if (value == rows) value = context.EmitOutput(output, new Identity(), rows);
        return new ClassicStageResult(new Dictionary<string, string> { [output] = value });
    }

    // One value per element broadcasts over rows [N, D]; a single value over any shape.
    private static Tensor Parameters(IReadOnlyList<double> values) =>
        values.Count == 1 ? Tensor.FromArray(ClassicStageContext.Floats(values), 1) : Tensor.FromArray(ClassicStageContext.Floats(values), 1, values.Count);

    private static string SingleOutput(ClassicStageContext context) => context.OutputFeatures.Count == 1
        ? context.OutputFeatures[0].Name
        : throw context.Error("output", $"declares {context.OutputFeatures.Count} output features; a scaler writes exactly 1.");
}
