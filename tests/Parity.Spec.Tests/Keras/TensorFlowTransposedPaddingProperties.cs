using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// TensorFlow computes a transposed convolution as the gradient of the forward convolution whose input has the
/// requested length, and refuses lengths that forward convolution would not map back to the transposed input. So for
/// every geometry TensorFlow accepts: the crops are the forward convolution's own pads (TensorFlowPadding.Pads on the
/// output length), the forward output length is the transposed input, and cropped full result plus extra cells is the length.
/// </summary>
public class TensorFlowTransposedPaddingProperties
{
    public sealed record Geometry(string Mode, int Input, int Kernel, int Stride, int Dilation, int? OutputPadding)
    {
        public int Effective => (Kernel - 1) * Dilation + 1;

        public override string ToString() => $"{Mode} in {Input} kernel {Kernel} stride {Stride} dilation {Dilation} output_padding {OutputPadding?.ToString() ?? "none"}";
    }

    public static class Arbitraries
    {
        // Keras requires output_padding < stride.
        public static Arbitrary<Geometry> Geometries() =>
            (from mode in Gen.Elements("valid", "same")
             from input in Gen.Choose(1, 12)
             from kernel in Gen.Choose(1, 6)
             from stride in Gen.Choose(1, 4)
             from dilation in Gen.Choose(1, 3)
             from padded in Gen.Elements(true, false)
             from outputPadding in Gen.Choose(0, stride - 1)
             select new Geometry(mode, input, kernel, stride, dilation, padded ? outputPadding : null))
            .ToArbitrary();
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(Arbitraries)])]
    public void Transposed_geometry_inverts_the_forward_convolution(Geometry g)
    {
        var t = TensorFlowPadding.Transposed(g.Mode, g.Input, g.Kernel, g.Stride, g.Dilation, g.OutputPadding);
        var forwardOut = g.Mode == "same"
            ? (t.Output + g.Stride - 1) / g.Stride
            : t.Output >= g.Effective ? (t.Output - g.Effective) / g.Stride + 1 : 0;
        if (forwardOut != g.Input) return; // TensorFlow rejects this geometry (e.g. "same", an even kernel and output_padding 0).

        Assert.Equal(TensorFlowPadding.Pads(g.Mode, t.Output, g.Kernel, g.Stride, g.Dilation), (t.CropBefore, t.CropAfter));
        Assert.True(t.Extra >= 0, $"{g}: extra {t.Extra}");
        var full = (g.Input - 1) * g.Stride + g.Effective;
        Assert.Equal(t.Output, full - t.CropBefore - t.CropAfter + t.Extra);
    }

    [Fact]
    public void Without_output_padding_keras_lengths_are_what_its_docs_state()
    {
        // "same": in * stride. "valid": in * stride + max(k - stride, 0), e.g. 3 * 2 + max(3 - 2, 0) = 7 and 3 * 4 + 0 = 12.
        Assert.Equal(6, TensorFlowPadding.Transposed("same", 3, 3, 2, 1, null).Output);
        Assert.Equal(7, TensorFlowPadding.Transposed("valid", 3, 3, 2, 1, null).Output);
        Assert.Equal(12, TensorFlowPadding.Transposed("valid", 3, 3, 4, 1, null).Output);
        Assert.Throws<ArgumentException>(() => TensorFlowPadding.Transposed("causal", 3, 3, 1, 1, null));
    }
}
