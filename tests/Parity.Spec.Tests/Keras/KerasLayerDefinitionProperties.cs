using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Parity.Engine.Tensors;
using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// For generated one-layer Keras models (Conv2D, MaxPooling2D, AveragePooling2D, Dense; odd sizes, strides, dilation,
/// 'valid' and 'same'), the Keras reader's graph computes what the layer's definition says, evaluated here with plain
/// loops in double precision and TensorFlow's 'same' rule: out = ceil(in / stride), pad_total =
/// max((out - 1) * stride + dilation * (k - 1) + 1 - in, 0), the smaller half before (top/left), the rest after.
/// Average pooling divides by the number of window elements inside the input (TF excludes padding).
/// </summary>
public class KerasLayerDefinitionProperties
{
    public enum Kind { Conv2D, MaxPooling2D, AveragePooling2D, Dense }

    public sealed record Problem(Kind Kind, int Height, int Width, int Channels, int Filters,
        int KernelH, int KernelW, int StrideH, int StrideW, int Dilation, bool Same, int Seed)
    {
        public int EffectiveH => Dilation * (KernelH - 1) + 1;

        public int EffectiveW => Dilation * (KernelW - 1) + 1;

        public override string ToString() =>
            $"{Kind} in {Height}x{Width}x{Channels} filters {Filters} kernel {KernelH}x{KernelW} strides {StrideH}x{StrideW} dilation {Dilation} {(Same ? "same" : "valid")} seed {Seed}";
    }

    public static class Arbitraries
    {
        // Keras refuses strides > 1 together with dilation > 1, and pooling has no dilation; 'valid' needs the
        // (dilated) window to fit.
        public static Arbitrary<Problem> Problems() =>
            (from kind in Gen.Elements(Kind.Conv2D, Kind.MaxPooling2D, Kind.AveragePooling2D, Kind.Dense)
             from height in Gen.Choose(1, 9)
             from width in Gen.Choose(1, 9)
             from channels in Gen.Choose(1, 5)
             from filters in Gen.Choose(1, 6)
             from kh in Gen.Choose(1, 4)
             from kw in Gen.Choose(1, 4)
             from sh in Gen.Choose(1, 3)
             from sw in Gen.Choose(1, 3)
             from dilation in Gen.Choose(1, 3)
             from same in Gen.Elements(true, false)
             from seed in Gen.Choose(0, 1_000_000)
             let d = kind == Kind.Conv2D && sh == 1 && sw == 1 ? dilation : 1
             select new Problem(kind, height, width, channels, filters, kh, kw, sh, sw, d, same, seed))
            .Where(p => p.Same || (p.EffectiveH <= p.Height && p.EffectiveW <= p.Width))
            .ToArbitrary();
    }

    [Property(MaxTest = 80, Arbitrary = [typeof(Arbitraries)])]
    public void Reader_computes_the_layer_definition(Problem p)
    {
        var random = new Random(p.Seed);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var inputShape = p.Kind == Kind.Dense ? new[] { 1, p.Channels } : [1, p.Height, p.Width, p.Channels];
        var input = Enumerable.Range(0, inputShape.Aggregate(1, (a, b) => a * b)).Select(_ => Next()).ToArray();
        var kernel = p.Kind switch
        {
            Kind.Conv2D => Enumerable.Range(0, p.KernelH * p.KernelW * p.Channels * p.Filters).Select(_ => Next()).ToArray(),
            Kind.Dense => Enumerable.Range(0, p.Channels * p.Filters).Select(_ => Next()).ToArray(),
            _ => [],
        };
        var bias = Enumerable.Range(0, p.Filters).Select(_ => Next()).ToArray();

        var (expected, expectedShape) = p.Kind == Kind.Dense ? Dense(p, input, kernel, bias) : Windowed(p, input, kernel, bias);
        var actual = Run(p, input, inputShape, kernel, bias);

        Assert.Equal(expectedShape, actual.Shape.Dims.ToArray());
        var scale = Math.Max(1.0, expected.Max(Math.Abs));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual.Floats[i]) <= 1e-5 * scale, $"{p}: element {i} is {actual.Floats[i]}, definition gives {expected[i]}");
        }
    }

    private static (double[] Values, int[] Shape) Dense(Problem p, float[] x, float[] kernel, float[] bias)
    {
        // y[j] = sum_i x[i] * kernel[i, j] + bias[j]
        var y = new double[p.Filters];
        for (var j = 0; j < p.Filters; j++)
        {
            double sum = bias[j];
            for (var i = 0; i < p.Channels; i++) sum += (double)x[i] * kernel[i * p.Filters + j];
            y[j] = sum;
        }
        return (y, [1, p.Filters]);
    }

    private static (int Out, int PadBefore) Axis(int size, int kernel, int stride, bool same)
    {
        if (!same) return ((size - kernel) / stride + 1, 0);
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + kernel - size, 0);
        return (output, total / 2);
    }

    private static (double[] Values, int[] Shape) Windowed(Problem p, float[] x, float[] kernel, float[] bias)
    {
        var (outH, top) = Axis(p.Height, p.EffectiveH, p.StrideH, p.Same);
        var (outW, left) = Axis(p.Width, p.EffectiveW, p.StrideW, p.Same);
        var channelsOut = p.Kind == Kind.Conv2D ? p.Filters : p.Channels;
        var y = new double[outH * outW * channelsOut];
        double X(int h, int w, int c) => x[(h * p.Width + w) * p.Channels + c];
        for (var oh = 0; oh < outH; oh++)
        {
            for (var ow = 0; ow < outW; ow++)
            {
                for (var o = 0; o < channelsOut; o++)
                {
                    double sum = p.Kind == Kind.Conv2D ? bias[o] : 0, max = double.NegativeInfinity;
                    var count = 0;
                    for (var i = 0; i < p.KernelH; i++)
                    {
                        for (var j = 0; j < p.KernelW; j++)
                        {
                            var h = oh * p.StrideH - top + i * p.Dilation;
                            var w = ow * p.StrideW - left + j * p.Dilation;
                            if (h < 0 || h >= p.Height || w < 0 || w >= p.Width) continue; // padding: zeros for conv, skipped by pooling
                            count++;
                            if (p.Kind == Kind.Conv2D)
                            {
                                // kernel[i, j, c, o] in Keras's [kh, kw, in, out] layout
                                for (var c = 0; c < p.Channels; c++) sum += X(h, w, c) * kernel[((i * p.KernelW + j) * p.Channels + c) * p.Filters + o];
                            }
                            else
                            {
                                sum += X(h, w, o);
                                max = Math.Max(max, X(h, w, o));
                            }
                        }
                    }
                    y[(oh * outW + ow) * channelsOut + o] = p.Kind switch
                    {
                        Kind.MaxPooling2D => max,
                        Kind.AveragePooling2D => sum / count,
                        _ => sum,
                    };
                }
            }
        }
        return (y, [1, outH, outW, channelsOut]);
    }

    private static Tensor Run(Problem p, float[] input, int[] inputShape, float[] kernel, float[] bias)
    {
        var config = new JsonObject
        {
            ["name"] = "layer",
            ["batch_input_shape"] = new JsonArray([null, .. inputShape[1..].Select(d => (JsonNode)d)]),
        };
        var weights = new List<KerasWeight>();
        switch (p.Kind)
        {
            case Kind.Dense:
                config["units"] = p.Filters;
                weights.Add(new("layer/kernel:0", Tensor.FromArray(kernel, p.Channels, p.Filters)));
                weights.Add(new("layer/bias:0", Tensor.FromArray(bias, p.Filters)));
                break;
            case Kind.Conv2D:
                config["filters"] = p.Filters;
                config["kernel_size"] = new JsonArray(p.KernelH, p.KernelW);
                config["strides"] = new JsonArray(p.StrideH, p.StrideW);
                config["dilation_rate"] = new JsonArray(p.Dilation, p.Dilation);
                config["padding"] = p.Same ? "same" : "valid";
                weights.Add(new("layer/kernel:0", Tensor.FromArray(kernel, p.KernelH, p.KernelW, p.Channels, p.Filters)));
                weights.Add(new("layer/bias:0", Tensor.FromArray(bias, p.Filters)));
                break;
            default:
                config["pool_size"] = new JsonArray(p.KernelH, p.KernelW);
                config["strides"] = new JsonArray(p.StrideH, p.StrideW);
                config["padding"] = p.Same ? "same" : "valid";
                break;
        }
        var model = new JsonObject
        {
            ["class_name"] = "Sequential",
            ["config"] = new JsonArray(new JsonObject { ["class_name"] = p.Kind.ToString(), ["config"] = config }),
        };
        var file = new KerasFile("property", "2.2.4", "tensorflow", model, new Dictionary<string, IReadOnlyList<KerasWeight>> { ["layer"] = weights });
        var graph = KerasGraphReader.Read(file).Graph;
        var feed = new Dictionary<string, Tensor> { [graph.Inputs[0].Name] = Tensor.FromArray(input, inputShape) };
        using var result = graph.Compile(feed.ToDictionary(kv => kv.Key, kv => kv.Value.Type)).Run(feed);
        var output = result.Outputs[graph.Outputs[0]];
        return Tensor.FromSpan<float>(output.Floats, output.Shape);
    }
}
