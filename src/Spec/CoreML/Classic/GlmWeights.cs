using Google.Protobuf.Collections;
using Parity.Engine.Ops.Linear;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.Classic;

/// <summary>
/// The linear part shared by GLMRegressor and GLMClassifier: K weight rows of D input weights each and K offsets, the
/// scores s[n, k] = sum_d x[n, d] * weights[k][d] + offset[k] as one dense node over the input rows.
/// </summary>
internal static class GlmWeights
{
    /// <summary>Emits the scores [N, K]; returns them with K.</summary>
    public static (string Scores, int Outputs) Scores(ClassicStageContext context, IReadOnlyList<IReadOnlyList<double>> rows, RepeatedField<double> offsets)
    {
        if (rows.Count == 0) throw context.Error("weights", "is empty; expected one row of input weights per output.");
        var width = rows[0].Count;
        if (width == 0 || width > int.MaxValue / 16 / rows.Count) throw context.Error("weights", $"has rows of {width} values; expected between 1 and {int.MaxValue / 16 / rows.Count}.");
        for (var k = 1; k < rows.Count; k++)
        {
            if (rows[k].Count != width) throw context.Error($"weights[{k}]", $"has {rows[k].Count} values; row 0 has {width}.");
        }
        if (offsets.Count != rows.Count) throw context.Error("offset", $"has {offsets.Count} values; expected one per weight row ({rows.Count}).");

        // Dense takes its kernel [inputs, outputs]: the transpose of the stored rows.
        var kernel = new float[width * rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            for (var d = 0; d < width; d++) kernel[d * rows.Count + k] = (float)rows[k][d];
        }
        var input = context.InputFeatures.Count == 1 ? context.InputFeatures[0].Name : "input";
        var x = context.Rows(context.Input, width, $"input '{input}'");
        var dense = new Dense(Tensor.FromArray(kernel, width, rows.Count), Tensor.FromArray(ClassicStageContext.Floats(offsets), rows.Count));
        return (context.Emit("scores", dense, x), rows.Count);
    }
}
