using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>
/// Checks chosen input shapes (`--shape`) against what a Core ML model declares it accepts: one of its enumerated shapes (image
/// sizes), or sizes within its ranges. A shape the model never accepts would check a computation no device runs.
/// Shapes are compared without leading size-1 axes (Core ML declares [3, H, W] where the graph takes [1, 3, H, W]).
/// </summary>
public static class CoreMLFlexibleShapes
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the input, the shape and what the model accepts when a shape does not fit; other formats pass.</summary>
    public static void Validate(string convertedPath, IReadOnlyDictionary<string, Shape> chosen)
    {
        if (chosen.Count == 0 || ModelFiles.FormatOf(convertedPath) != ModelFormat.CoreML) return;
        var description = CoreMLModelFile.Load(convertedPath).Model.Description;
        foreach (var (name, shape) in chosen)
        {
            var feature = description.Input.FirstOrDefault(i => i.Name == name);
            if (feature?.Type is null) continue;
            var problem = feature.Type.TypeCase switch
            {
                FeatureType.TypeOneofCase.MultiArrayType => ArrayProblem(feature.Type.MultiArrayType, Trim(shape.ToArray())),
                FeatureType.TypeOneofCase.ImageType => ImageProblem(feature.Type.ImageType, shape.ToArray()),
                _ => null,
            };
            if (problem is not null) throw new ArgumentException($"--shape {name}={string.Join("x", shape.ToArray())}: {problem}.");
        }
    }

    private static string? ArrayProblem(ArrayFeatureType array, long[] chosen)
    {
        string Text(IEnumerable<long> dims) => string.Join("x", dims);
        switch (array.ShapeFlexibilityCase)
        {
            case ArrayFeatureType.ShapeFlexibilityOneofCase.EnumeratedShapes:
                var shapes = array.EnumeratedShapes.Shapes.Select(s => Trim(s.Shape_.ToArray())).ToList();
                return shapes.Any(s => s.SequenceEqual(chosen)) ? null : $"the model accepts only the shapes {string.Join(", ", shapes.Select(Text))}";
            case ArrayFeatureType.ShapeFlexibilityOneofCase.ShapeRange:
                var ranges = array.ShapeRange.SizeRanges;
                var offset = ranges.Count - chosen.Length;
                var fits = chosen.Length <= ranges.Count && ranges.Take(offset).All(r => r.LowerBound <= 1)
                    && chosen.Select((d, k) => Within(d, ranges[offset + k])).All(ok => ok);
                return fits ? null : $"the model accepts sizes {string.Join(" x ", ranges.Select(Describe))}";
            default:
                var declared = Trim(array.Shape.ToArray());
                return declared.Length == 0 || declared.SequenceEqual(chosen) ? null : $"the input is not flexible: it takes {Text(declared)} only";
        }
    }

    private static string? ImageProblem(ImageFeatureType image, int[] chosen)
    {
        if (chosen.Length < 2) return "an image input takes [1, C, H, W]";
        var (height, width) = ((long)chosen[^2], (long)chosen[^1]);
        return image.SizeFlexibilityCase switch
        {
            ImageFeatureType.SizeFlexibilityOneofCase.EnumeratedSizes =>
                image.EnumeratedSizes.Sizes.Any(s => (long)s.Width == width && (long)s.Height == height) ? null
                    : $"the model accepts only the image sizes {string.Join(", ", image.EnumeratedSizes.Sizes.Select(s => $"{s.Width}x{s.Height}"))} (width x height)",
            ImageFeatureType.SizeFlexibilityOneofCase.ImageSizeRange =>
                Within(width, image.ImageSizeRange.WidthRange) && Within(height, image.ImageSizeRange.HeightRange) ? null
                    : $"the model accepts widths {Describe(image.ImageSizeRange.WidthRange)} and heights {Describe(image.ImageSizeRange.HeightRange)}",
            _ => (long)image.Width == width && (long)image.Height == height ? null : $"the image input is not flexible: it takes {image.Width}x{image.Height} only",
        };
    }

    private static bool Within(long size, SizeRange? range) =>
        range is null || size >= (long)range.LowerBound && (range.UpperBound < 0 || size <= range.UpperBound);

    private static string Describe(SizeRange? range) => range is null ? "any" : $"{range.LowerBound}..{(range.UpperBound < 0 ? "*" : range.UpperBound)}";

    private static long[] Trim(IEnumerable<long> dims) => dims.SkipWhile(d => d == 1).ToArray();

    private static long[] Trim(int[] dims) => Trim(dims.Select(d => (long)d));
}
