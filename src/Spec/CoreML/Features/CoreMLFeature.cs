using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;

namespace Parity.Spec.CoreML.Features;

/// <summary>How a Core ML feature travels through the runtime.</summary>
public enum FeatureKind
{
    /// <summary>An MLMultiArray.</summary>
    MultiArray,

    /// <summary>A CVPixelBuffer.</summary>
    Image,

    /// <summary>A double scalar.</summary>
    Double,

    /// <summary>An int64 scalar.</summary>
    Int64,

    /// <summary>Strings, dictionaries, sequences, states: not exchanged with engine tensors.</summary>
    Other,
}

/// <summary>The channel layouts of Core ML image features.</summary>
public enum ImageColor
{
    Grayscale,
    Rgb,
    Bgr,
    GrayscaleFloat16,
}

/// <summary>An image feature's size and colour layout.</summary>
public sealed record ImageFormat(int Width, int Height, ImageColor Color)
{
    public int Channels => Color is ImageColor.Rgb or ImageColor.Bgr ? 3 : 1;
}

/// <summary>
/// A model input or output as the specification declares it (ModelDescription), reduced to what the runtime needs
/// to build or read its value. <paramref name="Shape"/> is the declared default shape (empty when not fixed).
/// </summary>
public sealed record CoreMLFeature(string Name, FeatureKind Kind, MultiArrayDataType DataType, IReadOnlyList<long> Shape, ImageFormat? Image, string TypeName)
{
    /// <summary>
    /// The engine tensor this feature is exchanged as: multi-arrays in their declared dtype and shape, images as raw
    /// float32 pixels [1, C, H, W] (the managed Core ML reader's layout), numbers as one-element tensors.
    /// </summary>
    public TensorType TensorType => Kind switch
    {
        FeatureKind.MultiArray when Shape.Count == 0 || Shape.Any(d => d < 1 || d > int.MaxValue) =>
            throw new ArgumentException($"Core ML input '{Name}' declares no fixed shape; give its values with --input {Name}=FILE.npy."),
        FeatureKind.MultiArray => new TensorType(MultiArrayDataTypes.ToDType(DataType), new Shape(Shape.Select(d => (int)d).ToArray())),
        FeatureKind.Image => new TensorType(DType.Float32, new Shape(Shape.Select(d => (int)d).ToArray())),
        FeatureKind.Double => new TensorType(DType.Float64, new Shape(1)),
        FeatureKind.Int64 => new TensorType(DType.Int64, new Shape(1)),
        _ => throw new ArgumentException($"Core ML input '{Name}' is a {TypeName}; Parity feeds multi-arrays, images and numbers."),
    };

    /// <summary>The declared inputs and outputs of the .mlmodel file or .mlpackage at <paramref name="path"/>.</summary>
    public static (IReadOnlyList<CoreMLFeature> Inputs, IReadOnlyList<CoreMLFeature> Outputs) ReadFile(string path)
    {
        RequireCoreMLFile(path);
        return Read(CoreMLModelFile.Load(path).Model);
    }

    /// <summary>Refuses files Core ML cannot run (e.g. the Keras side of a pair) with a message saying what it takes.</summary>
    public static void RequireCoreMLFile(string path)
    {
        if (ModelFiles.FormatOf(path) != ModelFormat.CoreML)
        {
            throw new ArgumentException($"--runtime coreml runs Core ML models (.mlmodel or .mlpackage); {path} is not one.");
        }
    }

    /// <summary>The declared inputs and outputs of <paramref name="model"/>.</summary>
    public static (IReadOnlyList<CoreMLFeature> Inputs, IReadOnlyList<CoreMLFeature> Outputs) Read(Model model)
    {
        var description = model.Description ?? throw new ArgumentException("The model has no description: its inputs and outputs are not declared.");
        return (description.Input.Select(From).ToList(), description.Output.Select(From).ToList());
    }

    public static CoreMLFeature From(FeatureDescription feature)
    {
        var type = feature.Type;
        switch (type?.TypeCase)
        {
            case FeatureType.TypeOneofCase.MultiArrayType:
                var array = type.MultiArrayType;
                return new CoreMLFeature(feature.Name, FeatureKind.MultiArray, DataTypeOf(array.DataType), array.Shape.ToList(), null, "multi-array");
            case FeatureType.TypeOneofCase.ImageType:
                var image = type.ImageType;
                var color = image.ColorSpace switch
                {
                    ImageFeatureType.Types.ColorSpace.Grayscale => ImageColor.Grayscale,
                    ImageFeatureType.Types.ColorSpace.Rgb => ImageColor.Rgb,
                    ImageFeatureType.Types.ColorSpace.Bgr => ImageColor.Bgr,
                    ImageFeatureType.Types.ColorSpace.GrayscaleFloat16 => ImageColor.GrayscaleFloat16,
                    var other => throw new ArgumentException($"Feature '{feature.Name}' is an image with colour space {other}; expected GRAYSCALE, RGB, BGR or GRAYSCALE_FLOAT16."),
                };
                if (image.Width is < 1 or > 1 << 16 || image.Height is < 1 or > 1 << 16)
                {
                    throw new ArgumentException($"Feature '{feature.Name}' is a {image.Width}x{image.Height} image; expected sizes between 1 and 65536.");
                }
                var format = new ImageFormat((int)image.Width, (int)image.Height, color);
                return new CoreMLFeature(feature.Name, FeatureKind.Image, MultiArrayDataType.Float32, [1, format.Channels, format.Height, format.Width], format, "image");
            case FeatureType.TypeOneofCase.DoubleType:
                return new CoreMLFeature(feature.Name, FeatureKind.Double, MultiArrayDataType.Double, [], null, "double");
            case FeatureType.TypeOneofCase.Int64Type:
                return new CoreMLFeature(feature.Name, FeatureKind.Int64, MultiArrayDataType.Int32, [], null, "int64");
            default:
                var name = type?.TypeCase.ToString() ?? "untyped";
                return new CoreMLFeature(feature.Name, FeatureKind.Other, MultiArrayDataType.Float32, [], null, name.Replace("Type", "", StringComparison.Ordinal).ToLowerInvariant());
        }
    }

    // An unset data type (older files) means FLOAT32, Core ML's default; INT8 arrays cannot be built through MLMultiArray.
    private static MultiArrayDataType DataTypeOf(ArrayFeatureType.Types.ArrayDataType type) => type switch
    {
        ArrayFeatureType.Types.ArrayDataType.InvalidArrayDataType => MultiArrayDataType.Float32,
        ArrayFeatureType.Types.ArrayDataType.Int8 => throw new ArgumentException("INT8 multi-arrays are not exchanged with Core ML by Parity; expected FLOAT16, FLOAT32, DOUBLE or INT32."),
        var other => MultiArrayDataTypes.FromNative((long)other),
    };
}
