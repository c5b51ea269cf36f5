using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Format.Mil;

namespace Parity.Spec.CoreML.MLProgram;

/// <summary>Counts, per op of an ML Program's main block, the elements of the float tensors of rank 1 or more it reads from const ops: its weights.</summary>
internal static class MilParameterCount
{
    /// <summary>Weight elements by the op's first output name (empty for a program without a readable main block).</summary>
    public static IReadOnlyDictionary<string, long> ByOperation(Model model)
    {
        var counts = new Dictionary<string, long>();
        if (model.TypeCase != Model.TypeOneofCase.MlProgram) return counts;
        var program = model.MlProgram;
        var name = model.Description?.DefaultFunctionName is { Length: > 0 } named ? named : "main";
        var function = program.Functions.TryGetValue(name, out var f) ? f : program.Functions.Values.FirstOrDefault();
        if (function is null) return counts;
        var block = function.BlockSpecializations.TryGetValue(function.Opset, out var b) ? b : function.BlockSpecializations.Values.FirstOrDefault();
        if (block is null) return counts;
        var constants = new Dictionary<string, long>();
        foreach (var operation in block.Operations)
        {
            if (operation.Outputs.Count == 0) continue;
            var output = operation.Outputs[0];
            if (operation.Type == "const")
            {
                if (output.Type?.TensorType is { Rank: > 0 } type && MilConstant.IsFloat(type.DataType))
                {
                    constants[output.Name] = type.Dimensions.Aggregate(1L, (n, d) => n * (long)(d.Constant?.Size ?? 0));
                }
                continue;
            }
            counts[output.Name] = operation.Inputs.Values.SelectMany(a => a.Arguments)
                .Where(a => a.BindingCase == Argument.Types.Binding.BindingOneofCase.Name)
                .Sum(a => constants.GetValueOrDefault(a.Name));
        }
        return counts;
    }
}
