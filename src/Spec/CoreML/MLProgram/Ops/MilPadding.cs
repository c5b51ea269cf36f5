namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// MIL's pad_type rule shared by conv and the pools: "valid" pads nothing, "custom" reads pad = [begin0, end0, begin1,
/// end1, ...], "same" pads so the output is ceil(input / stride) with the odd extra at the end, "same_lower" with it
/// at the beginning (coremltools mil/ops/defs/_utils.py spatial_dimensions_out_shape and aggregated_pad).
/// </summary>
internal static class MilPadding
{
    /// <summary>Begin and end pads per spatial axis for inputs of <paramref name="sizes"/>.</summary>
    public static (int[] Begin, int[] End) Resolve(MilOpContext context, int[] sizes, int[] kernel, int[] strides, int[] dilations)
    {
        var axes = sizes.Length;
        var begin = new int[axes];
        var end = new int[axes];
        var type = context.String("pad_type", "valid");
        switch (type)
        {
            case "valid":
                break;
            case "custom":
                var pad = context.Ints("pad", new int[2 * axes]);
                if (pad.Length != 2 * axes) throw context.Error("pad", $"holds {pad.Length} values; {axes} spatial axes need {2 * axes} (begin, end per axis).");
                if (pad.Any(p => p < 0)) throw context.Error("pad", $"is {MilOpContext.Text(pad)}; pads cannot be negative.");
                for (var i = 0; i < axes; i++) (begin[i], end[i]) = (pad[2 * i], pad[2 * i + 1]);
                break;
            case "same" or "same_lower":
                for (var i = 0; i < axes; i++)
                {
                    var effective = (kernel[i] - 1) * dilations[i] + 1;
                    var output = (sizes[i] + strides[i] - 1) / strides[i];
                    var total = Math.Max(0, (output - 1) * strides[i] + effective - sizes[i]);
                    var small = total / 2;
                    (begin[i], end[i]) = type == "same" ? (small, total - small) : (total - small, small);
                }
                break;
            default:
                throw context.Error("pad_type", $"is '{type}'; expected valid, same, same_lower or custom.");
        }
        return (begin, end);
    }

    /// <summary>A per-spatial-axis argument (strides, dilations, kernel_sizes) with MIL's default of all ones.</summary>
    public static int[] PerAxis(MilOpContext context, string argument, int axes, bool required = false)
    {
        var values = required ? context.Ints(argument) : context.Ints(argument, Enumerable.Repeat(1, axes).ToArray());
        if (values.Length != axes) throw context.Error(argument, $"holds {values.Length} values; the input has {axes} spatial axes.");
        if (values.Any(v => v < 1)) throw context.Error(argument, $"is {MilOpContext.Text(values)}; every value must be at least 1.");
        return values;
    }
}
