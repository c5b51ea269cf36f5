using BenchmarkDotNet.Attributes;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Pooling;

namespace Parity.Benchmarks;

/// <summary>ResNet-stem max pooling (3x3, stride 2, pad 1 on 112x112x64) in both layouts, against the reference twin.</summary>
[MemoryDiagnoser]
public class PoolingBenchmarks
{
    private const int Size = 112;
    private const int Channels = 64;
    private static readonly Pool2DParameters Stem = new(PoolKind.Max, 3, 3, 2, 2, 1, 1, 1, 1);

    private float[] _input = [];
    private float[] _output = [];

    [Params(Layout.Nhwc, Layout.Nchw)]
    public Layout Layout { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _input = Enumerable.Range(0, Size * Size * Channels).Select(_ => (float)rng.NextDouble()).ToArray();
        _output = new float[Stem.OutputHeight(Size) * Stem.OutputWidth(Size) * Channels];
    }

    [Benchmark(Baseline = true)]
    public void Reference() => Parity.Engine.Kernels.Reference.Pool2D.Run(_input, Layout, 1, Size, Size, Channels, Stem, _output);

    [Benchmark]
    public void Optimized() => Pool2D.Run(_input, Layout, 1, Size, Size, Channels, Stem, _output);
}
