using Parity.Engine.Ops.DataMovement;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.Classic;

/// <summary>
/// The feature vector of models that index their features (tree ensembles, SVMs): the declared input features
/// concatenated in order, a scalar (double or int64) adding one number and a multi-array all its elements. coremltools
/// numbers the features this way (feature_names index i is column i).
/// </summary>
internal static class ClassicFeatureVector
{
    /// <summary>Emits the features as rows [N, width]; returns the value and the width.</summary>
    public static (string Rows, int Width) Rows(ClassicStageContext context)
    {
        var features = context.InputFeatures;
        if (features.Count == 0) throw context.Error("input", "declares no input features; the model needs at least one.");
        var columns = new List<(string Value, int Width)>();
        foreach (var feature in features)
        {
            var width = feature.Type?.TypeCase switch
            {
                FeatureType.TypeOneofCase.DoubleType or FeatureType.TypeOneofCase.Int64Type => 1,
                FeatureType.TypeOneofCase.MultiArrayType when feature.Type.MultiArrayType.Shape.Count > 0 => ArrayWidth(context, feature),
                var other => throw context.Unsupported($"input '{feature.Name}' is {other?.ToString() ?? "untyped"}; Parity feeds these models doubles, int64s and multi-arrays of declared shape."),
            };
            columns.Add((context.Rows(context.ValueOf(feature.Name), width, $"input '{feature.Name}'"), width));
        }
        if (columns.Count == 1) return columns[0];
        var total = columns.Sum(c => (long)c.Width);
        if (total > int.MaxValue / 16) throw context.Error("input", $"features add up to {total} numbers per prediction; expected at most {int.MaxValue / 16}.");
        return (context.Emit("features", new ConcatOp(1), [.. columns.Select(c => c.Value)]), (int)total);
    }

    private static int ArrayWidth(ClassicStageContext context, FeatureDescription feature)
    {
        var shape = feature.Type.MultiArrayType.Shape;
        var width = 1L;
        foreach (var d in shape)
        {
            if (d < 1 || d > int.MaxValue / 16) throw context.Error($"input '{feature.Name}'", $"has shape [{string.Join(", ", shape)}]; every dimension must be between 1 and {int.MaxValue / 16}.");
            width *= d;
            if (width > int.MaxValue / 16) throw context.Error($"input '{feature.Name}'", $"has shape [{string.Join(", ", shape)}], more than {int.MaxValue / 16} numbers per prediction.");
        }
        return (int)width;
    }
}
