using BenchmarkDotNet.Attributes;
using Parity.Engine.Kernels;

namespace Parity.Benchmarks;

/// <summary>Layout changes and resizes at MobileNet-like feature-map sizes, against a plain memory copy of the same bytes.</summary>
[MemoryDiagnoser]
public class DataMovementBenchmarks
{
    private static readonly int[] Nhwc = [1, 112, 112, 64];
    private float[] _input = [];
    private float[] _output = [];
    private float[] _upsampled = [];

    [GlobalSetup]
    public void Setup()
    {
        _input = Enumerable.Range(0, 112 * 112 * 64).Select(i => (float)i).ToArray();
        _output = new float[_input.Length];
        _upsampled = new float[_input.Length * 4];
    }

    [Benchmark(Baseline = true)]
    public void Copy() => _input.AsSpan().CopyTo(_output);

    [Benchmark]
    public void NhwcToNchw() => Transpose.Run<float>(_input, Nhwc, [0, 3, 1, 2], _output);

    [Benchmark]
    public void NchwToNhwc() => Transpose.Run<float>(_input, [1, 64, 112, 112], [0, 2, 3, 1], _output);

    [Benchmark]
    public void BilinearUpsample2xNhwc() =>
        Resize.Bilinear(_input, Nhwc, 224, 224, new ResizeParameters(Layout.Nhwc, ResizeCoordinates.HalfPixel), _upsampled);

    [Benchmark]
    public void NearestUpsample2xNchw() =>
        Resize.Nearest<float>(_input, [1, 64, 112, 112], 224, 224, new ResizeParameters(Layout.Nchw, ResizeCoordinates.Asymmetric), _upsampled);
}
