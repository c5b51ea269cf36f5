using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Tensors;

namespace Parity.Benchmarks;

/// <summary>Element-wise kernels against their scalar reference twins: add and GELU over 1M floats, softmax over 1000 rows of 1000.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ElementwiseBenchmarks
{
    private const int Count = 1 << 20;
    private const int Rows = 1000;
    private const int Columns = 1000;

    private readonly Shape _shape = new(Count);
    private float[] _x = [];
    private float[] _y = [];
    private float[] _output = [];
    private float[] _matrix = [];
    private float[] _matrixOutput = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _x = [.. Enumerable.Range(0, Count).Select(_ => (float)(rng.NextDouble() * 8 - 4))];
        _y = [.. Enumerable.Range(0, Count).Select(_ => (float)(rng.NextDouble() * 8 - 4))];
        _output = new float[Count];
        _matrix = [.. Enumerable.Range(0, Rows * Columns).Select(_ => (float)(rng.NextDouble() * 20 - 10))];
        _matrixOutput = new float[Rows * Columns];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Add 1M")]
    public void AddReference() => Parity.Engine.Kernels.Reference.Binary.Apply(BinaryKind.Add, _x, _shape, _y, _shape, _output);

    [Benchmark, BenchmarkCategory("Add 1M")]
    public void Add() => Binary.Apply(BinaryKind.Add, _x, _y, _output);

    [Benchmark(Baseline = true), BenchmarkCategory("GELU 1M")]
    public void GeluReference() => Parity.Engine.Kernels.Reference.Activations.Apply(new Activation(ActivationKind.Gelu), _x, _output);

    [Benchmark, BenchmarkCategory("GELU 1M")]
    public void Gelu() => Activations.Apply(new Activation(ActivationKind.Gelu), _x, _output);

    [Benchmark(Baseline = true), BenchmarkCategory("Softmax 1000x1000")]
    public void SoftmaxReference() => Parity.Engine.Kernels.Reference.Softmax.Apply(_matrix, _matrixOutput, Rows, Columns, 1);

    [Benchmark, BenchmarkCategory("Softmax 1000x1000")]
    public void Softmax() => Parity.Engine.Kernels.Softmax.Apply(_matrix, _matrixOutput, Rows, Columns, 1);
}
