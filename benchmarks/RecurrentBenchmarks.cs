using BenchmarkDotNet.Attributes;
using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Recurrent;
using Ref = Parity.Engine.Kernels.Reference;

namespace Parity.Benchmarks;

/// <summary>
/// A Keras-default LSTM, batch 1, 100 steps, 256 features -> 256 units (sequence and final states returned): the
/// optimized kernel (one input GEMM, then a GEMV and fused gate math per step) against its reference twin.
/// </summary>
public class RecurrentBenchmarks
{
    private const int Time = 100, Features = 256, Units = 256;

    private LstmParameters _p;
    private float[] _input = [], _kernel = [], _recurrent = [], _bias = [], _sequence = [], _h = [], _c = [];

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        _p = LstmParameters.Keras(new RecurrentSequence(1, Time, Features, Units));
        var random = new Random(42);
        float[] Random(int length, double scale) => Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
        // Glorot-like scales keep the gates away from saturation, so every step does real work.
        _input = Random(Time * Features, 1);
        _kernel = Random(Features * 4 * Units, 1 / Math.Sqrt(Features));
        _recurrent = Random(Units * 4 * Units, 1 / Math.Sqrt(Units));
        _bias = Random(4 * Units, 0.1);
        _sequence = new float[Time * Units];
        _h = new float[Units];
        _c = new float[Units];
    }

    [Benchmark]
    public void LstmOptimized() =>
        Lstm.Run(_p, _input, new LstmWeights(_kernel, _recurrent, _bias, []), default, [], [], [], _sequence, _h, _c);

    [Benchmark(Baseline = true)]
    public void LstmReference() =>
        Ref.Lstm.Run(_p, _input, new LstmWeights(_kernel, _recurrent, _bias, []), default, [], [], [], _sequence, _h, _c);
}
