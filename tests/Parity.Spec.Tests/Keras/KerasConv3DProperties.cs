using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Tensors;
using static Parity.Spec.Tests.Keras.KerasOneLayerModel;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// For generated Conv3D layers (odd sizes, strides, dilation, groups, valid and same, both data formats), the reader's
/// graph computes the layer's definition, evaluated with plain loops in double precision: output cell o on each axis reads
/// input o * stride + k * dilation - pad_before for tap k (zero outside), with TensorFlow's "same" rule out = ceil(in / stride),
/// pad_total = max((out - 1) * stride + dilation * (k - 1) + 1 - in, 0), the smaller half before; group g's filters see input
/// channels g * C_in/groups onwards through the kernel [KD, KH, KW, C_in/groups, filters].
/// </summary>
public class KerasConv3DProperties
{
    public sealed record Problem(int[] Input, int[] Kernel, int[] Stride, int[] Dilation, bool Same, int Groups, int GroupIn, int GroupOut, bool ChannelsFirst, int Seed)
    {
        public override string ToString() =>
            $"in {string.Join("x", Input)} kernel {string.Join("x", Kernel)} strides {string.Join("x", Stride)} dilation {string.Join("x", Dilation)} " +
            $"{(Same ? "same" : "valid")} groups {Groups} ({GroupIn} in, {GroupOut} out each) {(ChannelsFirst ? "channels_first" : "channels_last")} seed {Seed}";
    }

    public static class Arbitraries
    {
        private static Gen<int[]> Triple(int low, int high) =>
            from a in Gen.Choose(low, high) from b in Gen.Choose(low, high) from c in Gen.Choose(low, high) select new[] { a, b, c };

        // Keras refuses strides > 1 together with dilation > 1; "valid" needs the dilated window to fit.
        public static Arbitrary<Problem> Problems() =>
            (from input in Triple(1, 5)
             from kernel in Triple(1, 3)
             from stride in Triple(1, 3)
             from dilation in Triple(1, 2)
             from dilated in Gen.Elements(true, false)
             from same in Gen.Elements(true, false)
             from groups in Gen.Choose(1, 2)
             from groupIn in Gen.Choose(1, 2)
             from groupOut in Gen.Choose(1, 2)
             from channelsFirst in Gen.Elements(true, false)
             from seed in Gen.Choose(0, 1_000_000)
             select new Problem(input, kernel, dilated ? [1, 1, 1] : stride, dilated ? dilation : [1, 1, 1], same, groups, groupIn, groupOut, channelsFirst, seed))
            .Where(p => p.Same || Enumerable.Range(0, 3).All(a => (p.Kernel[a] - 1) * p.Dilation[a] + 1 <= p.Input[a]))
            .ToArbitrary();
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Arbitraries)])]
    public void Reader_computes_the_conv3d_definition(Problem p)
    {
        var random = new Random(p.Seed);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var (ci, co) = (p.Groups * p.GroupIn, p.Groups * p.GroupOut);
        var x = Enumerable.Range(0, p.Input[0] * p.Input[1] * p.Input[2] * ci).Select(_ => Next()).ToArray(); // [D, H, W, C_in]
        var w = Enumerable.Range(0, p.Kernel[0] * p.Kernel[1] * p.Kernel[2] * p.GroupIn * co).Select(_ => Next()).ToArray();
        var bias = Enumerable.Range(0, co).Select(_ => Next()).ToArray();
        var output = new int[3];
        var before = new int[3];
        for (var a = 0; a < 3; a++)
        {
            var effective = (p.Kernel[a] - 1) * p.Dilation[a] + 1;
            output[a] = p.Same ? (p.Input[a] + p.Stride[a] - 1) / p.Stride[a] : (p.Input[a] - effective) / p.Stride[a] + 1;
            before[a] = p.Same ? Math.Max((output[a] - 1) * p.Stride[a] + effective - p.Input[a], 0) / 2 : 0;
        }

        var y = new double[output[0] * output[1] * output[2] * co];
        for (var od = 0; od < output[0]; od++)
        for (var oh = 0; oh < output[1]; oh++)
        for (var ow = 0; ow < output[2]; ow++)
        for (var o = 0; o < co; o++)
        {
            double sum = bias[o];
            var group = o / p.GroupOut;
            for (var kd = 0; kd < p.Kernel[0]; kd++)
            for (var kh = 0; kh < p.Kernel[1]; kh++)
            for (var kw = 0; kw < p.Kernel[2]; kw++)
            {
                var d = od * p.Stride[0] + kd * p.Dilation[0] - before[0];
                var h = oh * p.Stride[1] + kh * p.Dilation[1] - before[1];
                var v = ow * p.Stride[2] + kw * p.Dilation[2] - before[2];
                if (d < 0 || d >= p.Input[0] || h < 0 || h >= p.Input[1] || v < 0 || v >= p.Input[2]) continue;
                for (var c = 0; c < p.GroupIn; c++)
                {
                    sum += (double)x[((d * p.Input[1] + h) * p.Input[2] + v) * ci + group * p.GroupIn + c]
                        * w[((((kd * p.Kernel[1] + kh) * p.Kernel[2] + kw) * p.GroupIn) + c) * co + o];
                }
            }
            y[((od * output[1] + oh) * output[2] + ow) * co + o] = sum;
        }

        using var input = Tensor.FromArray(x, 1, p.Input[0], p.Input[1], p.Input[2], ci);
        using var fed = p.ChannelsFirst ? Permute(input, [0, 4, 1, 2, 3]) : Tensor.FromArray(x, 1, p.Input[0], p.Input[1], p.Input[2], ci);
        var config = $$"""
            {"filters": {{co}}, "kernel_size": [{{string.Join(", ", p.Kernel)}}], "strides": [{{string.Join(", ", p.Stride)}}],
             "dilation_rate": [{{string.Join(", ", p.Dilation)}}], "groups": {{p.Groups}}, "padding": "{{(p.Same ? "same" : "valid")}}",
             "data_format": "{{(p.ChannelsFirst ? "channels_first" : "channels_last")}}"}
            """;
        using var kernel = Tensor.FromArray(w, p.Kernel[0], p.Kernel[1], p.Kernel[2], p.GroupIn, co);
        using var b = Tensor.FromArray(bias, co);
        var (values, shape) = Run("Conv3D", config, fed, [kernel, b]);
        int[] expectedShape = p.ChannelsFirst ? [1, co, .. output] : [1, .. output, co];
        Assert.Equal(expectedShape, shape);
        using var produced = Tensor.FromArray(values, shape);
        using var actual = p.ChannelsFirst ? Permute(produced, [0, 2, 3, 4, 1]) : Tensor.FromArray(values, shape);
        var scale = Math.Max(1.0, y.Max(Math.Abs));
        for (var i = 0; i < y.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - actual.Floats[i]) <= 1e-5 * scale, $"{p}: element {i} is {actual.Floats[i]}, definition gives {y[i]}");
        }
    }

    private static Tensor Permute(Tensor t, int[] perm)
    {
        var result = Tensor.Uninitialized(DType.Float32, Parity.Engine.Kernels.Transpose.OutputShape(t.Shape, perm));
        Parity.Engine.Kernels.Transpose.Run<float>(t.Floats, t.Shape.Dims, perm, result.Floats);
        return result;
    }
}
