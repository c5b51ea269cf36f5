using System.Globalization;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML;

/// <summary>
/// Renders a Core ML feature type for people: "MultiArray&lt;float32&gt;[1,28,28]", "Image&lt;RGB 224x224&gt;",
/// "Dictionary&lt;string,double&gt;". Flexible shapes and sizes follow the fixed ones (e.g. " shapes {[1,3],[1,5]}").
/// </summary>
public static class CoreMLFeatureTypeText
{
    /// <summary>The readable form of <paramref name="type"/>; "Unspecified" when the type is absent or empty.</summary>
    public static string Format(FeatureType? type) => type?.TypeCase switch
    {
        FeatureType.TypeOneofCase.Int64Type => "Int64",
        FeatureType.TypeOneofCase.DoubleType => "Double",
        FeatureType.TypeOneofCase.StringType => "String",
        FeatureType.TypeOneofCase.ImageType => Image(type.ImageType),
        FeatureType.TypeOneofCase.MultiArrayType => MultiArray(type.MultiArrayType),
        FeatureType.TypeOneofCase.DictionaryType => Dictionary(type.DictionaryType),
        FeatureType.TypeOneofCase.SequenceType => Sequence(type.SequenceType),
        FeatureType.TypeOneofCase.StateType => State(type.StateType),
        _ => "Unspecified",
    };

    /// <summary>The lower-case element type name of a multi-array ("float32", "float16", "double", "int32", "int8").</summary>
    public static string ElementType(ArrayFeatureType.Types.ArrayDataType dataType) => dataType switch
    {
        ArrayFeatureType.Types.ArrayDataType.Float16 => "float16",
        ArrayFeatureType.Types.ArrayDataType.Float32 => "float32",
        ArrayFeatureType.Types.ArrayDataType.Double => "double",
        ArrayFeatureType.Types.ArrayDataType.Int32 => "int32",
        ArrayFeatureType.Types.ArrayDataType.Int8 => "int8",
        ArrayFeatureType.Types.ArrayDataType.InvalidArrayDataType => "unspecified",
        _ => $"type {(int)dataType}",
    };

    private static string Image(ImageFeatureType image)
    {
        string colorSpace = image.ColorSpace switch
        {
            ImageFeatureType.Types.ColorSpace.Grayscale => "Gray",
            ImageFeatureType.Types.ColorSpace.Rgb => "RGB",
            ImageFeatureType.Types.ColorSpace.Bgr => "BGR",
            ImageFeatureType.Types.ColorSpace.GrayscaleFloat16 => "GrayFloat16",
            ImageFeatureType.Types.ColorSpace.InvalidColorSpace => "unspecified",
            _ => $"color space {(int)image.ColorSpace}",
        };
        string text = Invariant($"Image<{colorSpace} {image.Width}x{image.Height}>");
        return image.SizeFlexibilityCase switch
        {
            ImageFeatureType.SizeFlexibilityOneofCase.EnumeratedSizes =>
                text + " sizes {" + string.Join(",", image.EnumeratedSizes.Sizes.Select(s => Invariant($"{s.Width}x{s.Height}"))) + "}",
            ImageFeatureType.SizeFlexibilityOneofCase.ImageSizeRange =>
                text + " sizes " + Range(image.ImageSizeRange.WidthRange) + "x" + Range(image.ImageSizeRange.HeightRange),
            _ => text,
        };
    }

    private static string MultiArray(ArrayFeatureType array)
    {
        string text = $"MultiArray<{ElementType(array.DataType)}>" + (array.Shape.Count > 0 ? Shape(array.Shape) : "");
        return array.ShapeFlexibilityCase switch
        {
            ArrayFeatureType.ShapeFlexibilityOneofCase.EnumeratedShapes =>
                text + " shapes {" + string.Join(",", array.EnumeratedShapes.Shapes.Select(s => Shape(s.Shape_))) + "}",
            ArrayFeatureType.ShapeFlexibilityOneofCase.ShapeRange =>
                text + " ranges [" + string.Join(",", array.ShapeRange.SizeRanges.Select(Range)) + "]",
            _ => text,
        };
    }

    private static string Dictionary(DictionaryFeatureType dictionary)
    {
        string key = dictionary.KeyTypeCase switch
        {
            DictionaryFeatureType.KeyTypeOneofCase.Int64KeyType => "int64",
            DictionaryFeatureType.KeyTypeOneofCase.StringKeyType => "string",
            _ => "unspecified",
        };
        return $"Dictionary<{key},double>";
    }

    private static string Sequence(SequenceFeatureType sequence)
    {
        string element = sequence.TypeCase switch
        {
            SequenceFeatureType.TypeOneofCase.Int64Type => "int64",
            SequenceFeatureType.TypeOneofCase.StringType => "string",
            _ => "unspecified",
        };
        string text = $"Sequence<{element}>";
        return sequence.SizeRange is null ? text : text + " length " + Range(sequence.SizeRange);
    }

    private static string State(StateFeatureType state) =>
        state.TypeCase == StateFeatureType.TypeOneofCase.ArrayType ? $"State<{MultiArray(state.ArrayType)}>" : "State<unspecified>";

    private static string Shape(IEnumerable<long> dimensions) =>
        "[" + string.Join(",", dimensions.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    // A negative upper bound means unbounded.
    private static string Range(SizeRange? range) => range is null
        ? "?"
        : Invariant($"{range.LowerBound}..") + (range.UpperBound < 0 ? "*" : range.UpperBound.ToString(CultureInfo.InvariantCulture));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
