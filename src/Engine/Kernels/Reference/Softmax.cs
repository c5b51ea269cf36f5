namespace Parity.Engine.Kernels.Reference;

/// <summary>Reference twin of <see cref="Kernels.Softmax"/>: per slice, max, exp and sum in double.</summary>
public static class Softmax
{
    public static void Apply(ReadOnlySpan<float> input, Span<float> output, int outer, int axisLength, int inner) =>
        Run(input, output, outer, axisLength, inner, log: false);

    public static void ApplyLog(ReadOnlySpan<float> input, Span<float> output, int outer, int axisLength, int inner) =>
        Run(input, output, outer, axisLength, inner, log: true);

    private static void Run(ReadOnlySpan<float> input, Span<float> output, int outer, int axisLength, int inner, bool log)
    {
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < inner; j++)
            {
                int Index(int k) => (o * axisLength + k) * inner + j;
                var max = double.NegativeInfinity;
                for (var k = 0; k < axisLength; k++) max = Math.Max(max, input[Index(k)]);
                var sum = 0.0;
                for (var k = 0; k < axisLength; k++) sum += Math.Exp(input[Index(k)] - max);
                for (var k = 0; k < axisLength; k++)
                {
                    var shifted = input[Index(k)] - max;
                    output[Index(k)] = (float)(log ? shifted - Math.Log(sum) : Math.Exp(shifted) / sum);
                }
            }
        }
    }
}
