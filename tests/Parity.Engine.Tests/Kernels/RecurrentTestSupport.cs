namespace Parity.Engine.Tests.Kernels;

/// <summary>Comparison used by the recurrent-kernel tests.</summary>
public static class RecurrentTestSupport
{
    /// <summary>
    /// Fails unless |expected - actual| &lt;= bound * (1 + |expected|) everywhere (absolute near zero, relative for large
    /// values, which unbounded cell activations can produce).
    /// </summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double bound, object problem, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs((double)expected[i] - actual[i]);
            if (!(error <= bound * (1 + Math.Abs((double)expected[i]))))
            {
                Assert.Fail($"{what}[{i}]: expected {expected[i]}, got {actual[i]} (error {error:G3}) for {problem}");
            }
        }
    }

    /// <summary>A buffer of <paramref name="length"/> NaNs, so that any element a kernel forgets to write shows up.</summary>
    public static float[] Unwritten(int length)
    {
        var buffer = new float[length];
        Array.Fill(buffer, float.NaN);
        return buffer;
    }
}
