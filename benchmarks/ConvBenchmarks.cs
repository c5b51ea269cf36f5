using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Convolution;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Benchmarks;

/// <summary>
/// conv2d 3x3, 64 -> 64 channels on 56x56 (a ResNet stage-1 layer), batch 1, in both layouts, beside one GEMM of the
/// shape both layouts' im2col feeds (64 x 576 by 576 x 3136, the pixels as the wide dimension). The design target is
/// a conv at 60% or more of the GEMM rate; <see cref="ConvGemmRatioBenchmarks"/> measures it against a square GEMM.
/// </summary>
[Config(typeof(ConvBenchmarkConfig))]
public class Conv2DBenchmarks
{
    private Conv2DParameters _p;
    private float[] _input = [], _weights = [], _bias = [], _output = [], _columns = [];

    [Params(Layout.Nhwc, Layout.Nchw)]
    public Layout Layout { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public static long Flops => Problem(Layout.Nhwc).Flops;

    private static Conv2DParameters Problem(Layout layout) =>
        new(layout, 1, 64, 56, 56, 64, 3, 3, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1);

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        _p = Problem(Layout);
        _input = ConvBenchmarkData.Random(_p.InputLength, 1);
        _weights = ConvBenchmarkData.Random(_p.WeightLength, 2);
        _bias = ConvBenchmarkData.Random(_p.OutChannels, 3);
        _output = new float[_p.OutputLength];
        _columns = ConvBenchmarkData.Random(_p.OutHeight * _p.OutWidth * _p.TermsPerOutput, 4);
    }

    [Benchmark]
    public void Conv2D() => Parity.Engine.Kernels.Convolution.Conv2D.Forward(_p, _input, _weights, _bias, _output);

    [Benchmark(Baseline = true)]
    public void GemmOfTheSameShape()
    {
        int pixels = _p.OutHeight * _p.OutWidth, terms = _p.TermsPerOutput;
        if (Layout == Layout.Nhwc) Gemm.Multiply(_p.OutChannels, pixels, terms, _weights, _p.OutChannels, true, _columns, pixels, false, _output, pixels);
        else Gemm.Multiply(_p.OutChannels, pixels, terms, _weights, terms, false, _columns, pixels, false, _output, pixels);
    }
}

/// <summary>
/// The design target in one run on one core: conv2d 3x3, 64 -> 64 on 56x56 in NHWC and in NCHW beside the square
/// 1024 GEMM (the baseline), so the ratios hold even when other processes load the machine.
/// </summary>
[Config(typeof(ConvBenchmarkConfig))]
public class ConvGemmRatioBenchmarks
{
    private const int GemmSize = 1024;
    private Conv2DParameters _nhwc, _nchw;
    private float[] _input = [], _weights = [], _bias = [], _output = [], _a = [], _b = [], _c = [];

    /// <summary>Flops of one run of <paramref name="method"/>.</summary>
    public static long Flops(string method) =>
        method == nameof(SquareGemm) ? 2L * GemmSize * GemmSize * GemmSize : Problem(Layout.Nhwc).Flops;

    private static Conv2DParameters Problem(Layout layout) =>
        new(layout, 1, 64, 56, 56, 64, 3, 3, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1);

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = 1;
        _nhwc = Problem(Layout.Nhwc);
        _nchw = Problem(Layout.Nchw);
        _input = ConvBenchmarkData.Random(_nhwc.InputLength, 1);
        _weights = ConvBenchmarkData.Random(_nhwc.WeightLength, 2);
        _bias = ConvBenchmarkData.Random(_nhwc.OutChannels, 3);
        _output = new float[_nhwc.OutputLength];
        _a = ConvBenchmarkData.Random(GemmSize * GemmSize, 4);
        _b = ConvBenchmarkData.Random(GemmSize * GemmSize, 5);
        _c = new float[GemmSize * GemmSize];
    }

    [Benchmark(Baseline = true)]
    public void SquareGemm() => Gemm.Multiply(GemmSize, GemmSize, GemmSize, _a, GemmSize, false, _b, GemmSize, false, _c, GemmSize);

    [Benchmark]
    public void ConvNhwc() => Conv2D.Forward(_nhwc, _input, _weights, _bias, _output);

    [Benchmark]
    public void ConvNchw() => Conv2D.Forward(_nchw, _input, _weights, _bias, _output);
}

/// <summary>Depthwise 3x3 ("same" padding) on a 112x112x128 NHWC image, the shape of an early MobileNet block.</summary>
[Config(typeof(ConvBenchmarkConfig))]
public class DepthwiseConvBenchmarks
{
    private Conv2DParameters _p;
    private float[] _input = [], _weights = [], _bias = [], _output = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    public static long Flops => Problem.Flops;

    private static Conv2DParameters Problem =>
        new(Layout.Nhwc, 1, 128, 112, 112, 128, 3, 3, Groups: 128, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1);

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        _p = Problem;
        _input = ConvBenchmarkData.Random(_p.InputLength, 1);
        _weights = ConvBenchmarkData.Random(_p.WeightLength, 2);
        _bias = ConvBenchmarkData.Random(_p.OutChannels, 3);
        _output = new float[_p.OutputLength];
    }

    [Benchmark]
    public void Depthwise3x3() => Conv2D.Forward(_p, _input, _weights, _bias, _output);
}

/// <summary>
/// Optimized against the reference twin on a small conv (3x3, 16 -> 16 on 14x14, NHWC and NCHW): the reference
/// accumulates in double through bounds-checked nested loops and is far too slow for the full-size problems.
/// </summary>
[Config(typeof(ConvBenchmarkConfig))]
public class ConvReferenceBenchmarks
{
    private Conv2DParameters _p;
    private float[] _input = [], _weights = [], _bias = [], _output = [];

    [Params(Layout.Nhwc, Layout.Nchw)]
    public Layout Layout { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    public static long Flops => Problem(Layout.Nhwc).Flops;

    private static Conv2DParameters Problem(Layout layout) =>
        new(layout, 1, 16, 14, 14, 16, 3, 3, PadTop: 1, PadBottom: 1, PadLeft: 1, PadRight: 1);

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        _p = Problem(Layout);
        _input = ConvBenchmarkData.Random(_p.InputLength, 1);
        _weights = ConvBenchmarkData.Random(_p.WeightLength, 2);
        _bias = ConvBenchmarkData.Random(_p.OutChannels, 3);
        _output = new float[_p.OutputLength];
    }

    [Benchmark]
    public void Optimized() => Conv2D.Forward(_p, _input, _weights, _bias, _output);

    [Benchmark(Baseline = true)]
    public void Reference() => Ref.Conv2D.Forward(_p, _input, _weights, _bias, _output);
}

/// <summary>Seeded inputs for the convolution benchmarks.</summary>
internal static class ConvBenchmarkData
{
    public static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (var i = 0; i < length; i++) data[i] = random.NextSingle() * 2 - 1;
        return data;
    }
}

/// <summary>Adds a GFLOP/s column from each benchmark class's flop count per run and the measured mean.</summary>
public sealed class ConvBenchmarkConfig : ManualConfig
{
    private static readonly Dictionary<Type, long> FlopsPerRun = new()
    {
        [typeof(Conv2DBenchmarks)] = Conv2DBenchmarks.Flops,
        [typeof(DepthwiseConvBenchmarks)] = DepthwiseConvBenchmarks.Flops,
        [typeof(ConvReferenceBenchmarks)] = ConvReferenceBenchmarks.Flops,
    };

    public ConvBenchmarkConfig() => AddColumn(new GflopsColumn(
        "Floating-point operations per second, in billions (2 x N x Hout x Wout x Cout x KH x KW x Cin/groups per conv run, 2 x 1024^3 per square GEMM)",
        c => c.Descriptor.Type == typeof(ConvGemmRatioBenchmarks) ? ConvGemmRatioBenchmarks.Flops(c.Descriptor.WorkloadMethod.Name)
            : FlopsPerRun.TryGetValue(c.Descriptor.Type, out var flops) ? flops : null));
}
