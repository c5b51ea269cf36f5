using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

public class TensorFlowPaddingTests
{
    // "same": out = ceil(in / stride); total = max((out - 1) * stride + (k - 1) * d + 1 - in, 0); the odd pad goes after.
    [Theory]
    [InlineData(28, 3, 1, 1, 1, 1)] // out 28: total = 27 + 3 - 28 = 2 -> (1, 1)
    [InlineData(28, 2, 1, 1, 0, 1)] // out 28: total = 27 + 2 - 28 = 1 -> (0, 1): TF pads the extra row at the end
    [InlineData(224, 3, 2, 1, 0, 1)] // out 112: total = 111 * 2 + 3 - 224 = 1 -> (0, 1)
    [InlineData(7, 3, 2, 1, 1, 1)] // out 4: total = 3 * 2 + 3 - 7 = 2 -> (1, 1)
    [InlineData(10, 3, 1, 2, 2, 2)] // out 10: effective kernel 5, total = 9 + 5 - 10 = 4 -> (2, 2)
    [InlineData(5, 1, 2, 1, 0, 0)] // out 3: total = 2 * 2 + 1 - 5 = 0
    [InlineData(6, 2, 2, 1, 0, 0)] // out 3: total = 2 * 2 + 2 - 6 = 0
    public void Same_padding_matches_tensorflow(int input, int kernel, int stride, int dilation, int before, int after)
    {
        Assert.Equal((before, after), TensorFlowPadding.Pads("same", input, kernel, stride, dilation));
    }

    [Fact]
    public void Valid_and_causal_padding()
    {
        Assert.Equal((0, 0), TensorFlowPadding.Pads("valid", 28, 3, 1, 1));
        Assert.Equal((4, 0), TensorFlowPadding.Pads("causal", 28, 3, 1, 2));
        Assert.Throws<ArgumentException>(() => TensorFlowPadding.Pads("full", 28, 3, 1, 1));
    }
}
