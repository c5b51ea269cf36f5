using Parity.Engine.Tensors;
using PureHDF;

namespace Parity.Spec.Keras;

/// <summary>
/// Reads an HDF5 dataset of weights into a float32 tensor, checking its size first. Integer datasets are read too: an
/// adapted Normalization layer stores its sample count as int64 beside its float mean and variance.
/// </summary>
internal static class Hdf5Tensors
{
    public static Tensor ReadFloat32(IH5Dataset dataset, long fileLength)
    {
        var dims = dataset.Space.Dimensions;
        var count = 1L;
        foreach (var d in dims)
        {
            count *= (long)d;
            if (count > Shape.MaxElements) throw new InvalidDataException($"dataset '{dataset.Name}' declares {string.Join("x", dims)} elements, more than a weight can hold.");
        }
        if (dataset.Type.Class is not (H5DataTypeClass.FloatingPoint or H5DataTypeClass.FixedPoint))
        {
            throw new InvalidDataException($"dataset '{dataset.Name}' holds {dataset.Type.Class} values, expected floating-point or integer weights.");
        }
        // Contiguous uncompressed weights cannot be larger than the file; a larger declaration is a corrupt header.
        if (dataset.Layout.Class == H5DataLayoutClass.Contiguous && count * dataset.Type.Size > fileLength)
        {
            throw new InvalidDataException($"dataset '{dataset.Name}' declares {count * dataset.Type.Size} bytes, more than the whole file ({fileLength} bytes).");
        }

        var shape = new Shape(dims.Select(d => checked((int)d)).ToArray());
        var values = dataset.Type.Class == H5DataTypeClass.FixedPoint ? Integers(dataset) : dataset.Type.Size switch
        {
            4 => dataset.Read<float[]>(),
            8 => Array.ConvertAll(dataset.Read<double[]>(), v => (float)v),
            2 => Array.ConvertAll(dataset.Read<Half[]>(), v => (float)v),
            _ => throw new InvalidDataException($"dataset '{dataset.Name}' holds {dataset.Type.Size}-byte floats, expected 2, 4 or 8 bytes."),
        };
        if (values.Length != shape.ElementCount)
        {
            throw new InvalidDataException($"dataset '{dataset.Name}' gave {values.Length} values for shape {shape}.");
        }
        return Tensor.FromSpan<float>(values, shape);
    }

    private static float[] Integers(IH5Dataset dataset) => (dataset.Type.Size, dataset.Type.FixedPoint.IsSigned) switch
    {
        (1, true) => Array.ConvertAll(dataset.Read<sbyte[]>(), v => (float)v),
        (1, false) => Array.ConvertAll(dataset.Read<byte[]>(), v => (float)v),
        (2, true) => Array.ConvertAll(dataset.Read<short[]>(), v => (float)v),
        (2, false) => Array.ConvertAll(dataset.Read<ushort[]>(), v => (float)v),
        (4, true) => Array.ConvertAll(dataset.Read<int[]>(), v => (float)v),
        (4, false) => Array.ConvertAll(dataset.Read<uint[]>(), v => (float)v),
        (8, true) => Array.ConvertAll(dataset.Read<long[]>(), v => (float)v),
        (8, false) => Array.ConvertAll(dataset.Read<ulong[]>(), v => (float)v),
        _ => throw new InvalidDataException($"dataset '{dataset.Name}' holds {dataset.Type.Size}-byte integers, expected 1, 2, 4 or 8 bytes."),
    };
}
