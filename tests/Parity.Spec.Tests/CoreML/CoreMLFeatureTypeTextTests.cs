using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using static Parity.Spec.CoreML.Format.ArrayFeatureType.Types;

namespace Parity.Spec.Tests.CoreML;

public class CoreMLFeatureTypeTextTests
{
    [Fact]
    public void Scalars_render_by_kind()
    {
        Assert.Equal("Int64", CoreMLFeatureTypeText.Format(new FeatureType { Int64Type = new Int64FeatureType() }));
        Assert.Equal("Double", CoreMLFeatureTypeText.Format(new FeatureType { DoubleType = new DoubleFeatureType() }));
        Assert.Equal("String", CoreMLFeatureTypeText.Format(new FeatureType { StringType = new StringFeatureType() }));
        Assert.Equal("Unspecified", CoreMLFeatureTypeText.Format(new FeatureType()));
        Assert.Equal("Unspecified", CoreMLFeatureTypeText.Format(null));
    }

    [Fact]
    public void Multi_array_shows_element_type_and_shape()
    {
        var type = new FeatureType { MultiArrayType = new ArrayFeatureType { DataType = ArrayDataType.Float32, Shape = { 1, 28, 28 } } };

        Assert.Equal("MultiArray<float32>[1,28,28]", CoreMLFeatureTypeText.Format(type));
    }

    [Fact]
    public void Multi_array_flexibility_follows_the_default_shape()
    {
        var enumerated = new ArrayFeatureType
        {
            DataType = ArrayDataType.Float16,
            Shape = { 1, 3 },
            EnumeratedShapes = new EnumeratedShapes { Shapes = { new ArrayFeatureType.Types.Shape { Shape_ = { 1, 3 } }, new ArrayFeatureType.Types.Shape { Shape_ = { 1, 5 } } } },
        };
        var ranged = new ArrayFeatureType
        {
            DataType = ArrayDataType.Double,
            ShapeRange = new ShapeRange { SizeRanges = { new SizeRange { LowerBound = 1, UpperBound = -1 }, new SizeRange { LowerBound = 3, UpperBound = 3 } } },
        };

        Assert.Equal("MultiArray<float16>[1,3] shapes {[1,3],[1,5]}", CoreMLFeatureTypeText.Format(new FeatureType { MultiArrayType = enumerated }));
        Assert.Equal("MultiArray<double> ranges [1..*,3..3]", CoreMLFeatureTypeText.Format(new FeatureType { MultiArrayType = ranged }));
    }

    [Fact]
    public void Image_shows_color_space_and_size()
    {
        var image = new ImageFeatureType { ColorSpace = ImageFeatureType.Types.ColorSpace.Rgb, Width = 224, Height = 224 };
        var flexible = new ImageFeatureType
        {
            ColorSpace = ImageFeatureType.Types.ColorSpace.Bgr,
            Width = 64,
            Height = 32,
            ImageSizeRange = new ImageFeatureType.Types.ImageSizeRange
            {
                WidthRange = new SizeRange { LowerBound = 64, UpperBound = 512 },
                HeightRange = new SizeRange { LowerBound = 32, UpperBound = -1 },
            },
        };

        Assert.Equal("Image<RGB 224x224>", CoreMLFeatureTypeText.Format(new FeatureType { ImageType = image }));
        Assert.Equal("Image<BGR 64x32> sizes 64..512x32..*", CoreMLFeatureTypeText.Format(new FeatureType { ImageType = flexible }));
    }

    [Fact]
    public void Containers_show_their_key_or_element_type()
    {
        var dictionary = new DictionaryFeatureType { StringKeyType = new StringFeatureType() };
        var sequence = new SequenceFeatureType { Int64Type = new Int64FeatureType(), SizeRange = new SizeRange { LowerBound = 0, UpperBound = -1 } };
        var state = new StateFeatureType { ArrayType = new ArrayFeatureType { DataType = ArrayDataType.Float16, Shape = { 1, 2 } } };

        Assert.Equal("Dictionary<string,double>", CoreMLFeatureTypeText.Format(new FeatureType { DictionaryType = dictionary }));
        Assert.Equal("Sequence<int64> length 0..*", CoreMLFeatureTypeText.Format(new FeatureType { SequenceType = sequence }));
        Assert.Equal("State<MultiArray<float16>[1,2]>", CoreMLFeatureTypeText.Format(new FeatureType { StateType = state }));
    }
}
