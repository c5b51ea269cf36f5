using BenchmarkDotNet.Attributes;
using Parity.Engine.Kernels;

namespace Parity.Benchmarks;

/// <summary>
/// Square single-precision GEMM (C = A·B, n x n) on 1 and 2 cores, unpacked and with B packed beforehand
/// (the constant-weights case). Compare the GFLOP/s column with OpenBLAS sgemm on the same machine.
/// </summary>
[Config(typeof(GflopsConfig))]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private PackedMatrix? _packedB;

    [Params(256, 512, 1024)]
    public int Size { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        (_a, _b, _c) = GemmBenchmarkData.Create(Size);
        _packedB = Gemm.PackB(Size, Size, _b, Size, transposeB: false);
    }

    [Benchmark(Baseline = true)]
    public void Optimized() => Gemm.Multiply(Size, Size, Size, _a, Size, false, _b, Size, false, _c, Size);

    [Benchmark]
    public void PrepackedB() => Gemm.Multiply(Size, _a, Size, false, _packedB!, _c, Size);
}

/// <summary>The double-accumulating reference triple loop, at 256 only (it is far too slow for larger sizes).</summary>
[Config(typeof(GflopsConfig))]
public class GemmReferenceBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    [Params(256)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => (_a, _b, _c) = GemmBenchmarkData.Create(Size);

    [Benchmark]
    public void Reference() => Parity.Engine.Kernels.Reference.Gemm.Multiply(Size, Size, Size, _a, Size, false, _b, Size, false, _c, Size);
}

/// <summary>Seeded operands in [0, 1) for the GEMM benchmarks.</summary>
internal static class GemmBenchmarkData
{
    public static (float[] A, float[] B, float[] C) Create(int n)
    {
        var random = new Random(42);
        var a = new float[n * n];
        var b = new float[n * n];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = random.NextSingle();
            b[i] = random.NextSingle();
        }
        return (a, b, new float[n * n]);
    }
}
