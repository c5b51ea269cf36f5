namespace Parity.Engine.Tests.Kernels;

/// <summary>Axis permutations and tolerance checks shared by the convolution tests.</summary>
internal static class ConvTestSupport
{
    /// <summary>Row-major transpose: result axis i is source axis perm[i].</summary>
    public static float[] Permute(float[] data, int[] dims, int[] perm)
    {
        var rank = dims.Length;
        var outDims = perm.Select(a => dims[a]).ToArray();
        var strides = new int[rank];
        for (int i = rank - 1, s = 1; i >= 0; s *= dims[i], i--) strides[i] = s;
        var result = new float[data.Length];
        var index = new int[rank];
        for (var o = 0; o < result.Length; o++)
        {
            var source = 0;
            for (var i = 0; i < rank; i++) source += index[i] * strides[perm[i]];
            result[o] = data[source];
            for (var i = rank - 1; i >= 0 && ++index[i] == outDims[i]; i--) index[i] = 0;
        }
        return result;
    }

    /// <summary>[N, H, W, C] to [N, C, H, W].</summary>
    public static float[] NhwcToNchw(float[] data, int n, int h, int w, int c) => Permute(data, [n, h, w, c], [0, 3, 1, 2]);

    /// <summary>[N, C, H, W] to [N, H, W, C].</summary>
    public static float[] NchwToNhwc(float[] data, int n, int c, int h, int w) => Permute(data, [n, c, h, w], [0, 2, 3, 1]);

    /// <summary>[KH, KW, A, B] (Keras kernels) to [B, A, KH, KW] (Core ML/PyTorch kernels).</summary>
    public static float[] KerasToChannelsFirstWeights(float[] data, int kh, int kw, int a, int b) => Permute(data, [kh, kw, a, b], [3, 2, 0, 1]);

    /// <summary>Fails with the first index where |expected - actual| exceeds <paramref name="bound"/>.</summary>
    public static void AssertWithin(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double bound, object problem)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs((double)expected[i] - actual[i]);
            if (!(error <= bound))
            {
                Assert.Fail($"Element {i}: expected {expected[i]}, got {actual[i]} (error {error:G3} > bound {bound:G3}) for {problem}");
            }
        }
    }

    public static double MaxAbs(float[] values) => values.Length == 0 ? 0 : values.Max(v => Math.Abs((double)v));
}
