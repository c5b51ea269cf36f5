using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Features;

namespace Parity.Spec.Tests.CoreML;

public class MultiArrayDataTypeTests
{
    [Fact]
    public void Values_are_the_ones_in_apples_header()
    {
        // CoreML/MLMultiArray.h: Float16 = 0x10000 | 16, Float32 = 0x10000 | 32, Double = 0x10000 | 64, Int32 = 0x20000 | 32.
        Assert.Equal(65536 + 16, (long)MultiArrayDataType.Float16); // 65552
        Assert.Equal(65536 + 32, (long)MultiArrayDataType.Float32); // 65568
        Assert.Equal(65536 + 64, (long)MultiArrayDataType.Double); // 65600
        Assert.Equal(131072 + 32, (long)MultiArrayDataType.Int32); // 131104
    }

    [Fact]
    public void Values_equal_the_specifications_array_data_types()
    {
        Assert.Equal((long)ArrayFeatureType.Types.ArrayDataType.Float16, (long)MultiArrayDataType.Float16);
        Assert.Equal((long)ArrayFeatureType.Types.ArrayDataType.Float32, (long)MultiArrayDataType.Float32);
        Assert.Equal((long)ArrayFeatureType.Types.ArrayDataType.Double, (long)MultiArrayDataType.Double);
        Assert.Equal((long)ArrayFeatureType.Types.ArrayDataType.Int32, (long)MultiArrayDataType.Int32);
    }

    [Theory]
    [InlineData(65552, 2, DType.Float16)]
    [InlineData(65568, 4, DType.Float32)]
    [InlineData(65600, 8, DType.Float64)]
    [InlineData(131104, 4, DType.Int32)]
    public void Native_values_map_to_sizes_and_engine_dtypes(long native, int size, DType dtype)
    {
        var type = MultiArrayDataTypes.FromNative(native);
        Assert.Equal(size, MultiArrayDataTypes.SizeOf(type));
        Assert.Equal(dtype, MultiArrayDataTypes.ToDType(type));
    }

    [Fact]
    public void An_unknown_native_value_is_refused_with_the_known_ones_listed()
    {
        var e = Assert.Throws<ArgumentException>(() => MultiArrayDataTypes.FromNative(131080));
        Assert.Contains("131080", e.Message);
        Assert.Contains("FLOAT32 (65568)", e.Message);
    }
}
