using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Tensors;
using static Parity.Spec.Tests.Keras.KerasOneLayerModel;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// For generated Conv3DTranspose layers (odd sizes, strides, kernels smaller and larger than the stride, valid and same,
/// output_padding, both data formats), the reader's graph computes TensorFlow's definition, evaluated here with plain loops
/// in double precision: conv_transpose is the adjoint of the forward convolution of an input of the requested length, so
/// input cell i and kernel tap k add x[i] * w[k] to output cell i * stride + k - pad_before, where the forward convolution's
/// "same" pads are pad_total = max((in - 1) * stride + k - out, 0), the smaller half first. The requested length is Keras's
/// deconv_output_length: valid in * stride + max(k - stride, 0), same in * stride, or with output_padding p
/// (in - 1) * stride + k - 2 * (k / 2) + p ("same") / (in - 1) * stride + k + p ("valid").
/// </summary>
public class KerasConvTranspose3DProperties
{
    public sealed record Problem(int[] Input, int[] Kernel, int[] Stride, bool Same, int[]? OutputPadding, int InChannels, int Filters, bool ChannelsFirst, int Seed)
    {
        public override string ToString() =>
            $"in {string.Join("x", Input)}x{InChannels} kernel {string.Join("x", Kernel)} filters {Filters} strides {string.Join("x", Stride)} " +
            $"{(Same ? "same" : "valid")} output_padding {(OutputPadding is null ? "none" : string.Join("x", OutputPadding))} {(ChannelsFirst ? "channels_first" : "channels_last")} seed {Seed}";
    }

    public static class Arbitraries
    {
        private static Gen<int[]> Triple(int low, int high) =>
            from a in Gen.Choose(low, high) from b in Gen.Choose(low, high) from c in Gen.Choose(low, high) select new[] { a, b, c };

        // TensorFlow refuses "same" lengths whose forward convolution does not give the input back (even kernel, no
        // output padding): those geometries are left out, as Keras cannot run them either.
        public static Arbitrary<Problem> Problems() =>
            (from input in Triple(1, 4)
             from kernel in Triple(1, 3)
             from stride in Triple(1, 3)
             from same in Gen.Elements(true, false)
             from padded in Gen.Elements(true, false)
             from pad in Triple(0, 2)
             from inChannels in Gen.Choose(1, 3)
             from filters in Gen.Choose(1, 3)
             from channelsFirst in Gen.Elements(true, false)
             from seed in Gen.Choose(0, 1_000_000)
             let outputPadding = padded ? pad.Select((p, a) => Math.Min(p, stride[a] - 1)).ToArray() : null
             select new Problem(input, kernel, stride, same, outputPadding, inChannels, filters, channelsFirst, seed))
            .Where(p => Enumerable.Range(0, 3).All(a => (Length(p, a) + p.Stride[a] - 1) / p.Stride[a] == p.Input[a] || !p.Same))
            .ToArbitrary();
    }

    private static int Length(Problem p, int a)
    {
        var (n, k, s) = (p.Input[a], p.Kernel[a], p.Stride[a]);
        if (p.OutputPadding is { } op) return (n - 1) * s + k - (p.Same ? 2 * (k / 2) : 0) + op[a];
        return p.Same ? n * s : n * s + Math.Max(k - s, 0);
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Arbitraries)])]
    public void Reader_computes_tensorflow_conv3d_transpose(Problem p)
    {
        var random = new Random(p.Seed);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var (ci, co) = (p.InChannels, p.Filters);
        var x = Enumerable.Range(0, p.Input[0] * p.Input[1] * p.Input[2] * ci).Select(_ => Next()).ToArray(); // [D, H, W, C_in]
        var w = Enumerable.Range(0, p.Kernel[0] * p.Kernel[1] * p.Kernel[2] * co * ci).Select(_ => Next()).ToArray(); // [KD, KH, KW, C_out, C_in]
        var bias = Enumerable.Range(0, co).Select(_ => Next()).ToArray();
        var output = Enumerable.Range(0, 3).Select(a => Length(p, a)).ToArray();
        var before = Enumerable.Range(0, 3).Select(a => p.Same ? Math.Max((p.Input[a] - 1) * p.Stride[a] + p.Kernel[a] - output[a], 0) / 2 : 0).ToArray();

        // Definition, channels last [D, H, W, C_out].
        var y = new double[output[0] * output[1] * output[2] * co];
        for (var i = 0; i < y.Length; i++) y[i] = bias[i % co];
        for (var d = 0; d < p.Input[0]; d++)
        for (var h = 0; h < p.Input[1]; h++)
        for (var v = 0; v < p.Input[2]; v++)
        for (var kd = 0; kd < p.Kernel[0]; kd++)
        for (var kh = 0; kh < p.Kernel[1]; kh++)
        for (var kw = 0; kw < p.Kernel[2]; kw++)
        {
            var (od, oh, ow) = (d * p.Stride[0] + kd - before[0], h * p.Stride[1] + kh - before[1], v * p.Stride[2] + kw - before[2]);
            if (od < 0 || od >= output[0] || oh < 0 || oh >= output[1] || ow < 0 || ow >= output[2]) continue;
            for (var o = 0; o < co; o++)
            for (var c = 0; c < ci; c++)
            {
                y[((od * output[1] + oh) * output[2] + ow) * co + o] +=
                    (double)x[((d * p.Input[1] + h) * p.Input[2] + v) * ci + c] * w[((((kd * p.Kernel[1] + kh) * p.Kernel[2] + kw) * co) + o) * ci + c];
            }
        }

        using var input = Tensor.FromArray(x, 1, p.Input[0], p.Input[1], p.Input[2], ci);
        using var fed = p.ChannelsFirst ? ChannelsFirst(input) : Tensor.FromArray(x, 1, p.Input[0], p.Input[1], p.Input[2], ci);
        var config = $$"""
            {"filters": {{co}}, "kernel_size": [{{string.Join(", ", p.Kernel)}}], "strides": [{{string.Join(", ", p.Stride)}}],
             "padding": "{{(p.Same ? "same" : "valid")}}", "data_format": "{{(p.ChannelsFirst ? "channels_first" : "channels_last")}}",
             "output_padding": {{(p.OutputPadding is null ? "null" : "[" + string.Join(", ", p.OutputPadding) + "]")}}}
            """;
        using var kernel = Tensor.FromArray(w, p.Kernel[0], p.Kernel[1], p.Kernel[2], co, ci);
        using var b = Tensor.FromArray(bias, co);
        var (values, shape) = Run("Conv3DTranspose", config, fed, [kernel, b]);
        int[] expectedShape = p.ChannelsFirst ? [1, co, .. output] : [1, .. output, co];
        Assert.Equal(expectedShape, shape);
        using var actualTensor = Tensor.FromArray(values, shape);
        using var actual = p.ChannelsFirst ? ChannelsLast(actualTensor) : Tensor.FromArray(values, shape);
        var scale = Math.Max(1.0, y.Max(Math.Abs));
        for (var i = 0; i < y.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - actual.Floats[i]) <= 1e-5 * scale, $"{p}: element {i} is {actual.Floats[i]}, definition gives {y[i]}");
        }
    }

    private static Tensor ChannelsFirst(Tensor t) => Permute(t, [0, 4, 1, 2, 3]);

    private static Tensor ChannelsLast(Tensor t) => Permute(t, [0, 2, 3, 4, 1]);

    private static Tensor Permute(Tensor t, int[] perm)
    {
        var result = Tensor.Uninitialized(DType.Float32, Parity.Engine.Kernels.Transpose.OutputShape(t.Shape, perm));
        Parity.Engine.Kernels.Transpose.Run<float>(t.Floats, t.Shape.Dims, perm, result.Floats);
        return result;
    }
}
