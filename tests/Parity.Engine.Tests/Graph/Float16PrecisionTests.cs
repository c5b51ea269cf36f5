using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Graph;

public class Float16PrecisionTests
{
    private static readonly ExecutionOptions Fp16 = new() { Precision = Precision.Float16 };

    private static RunResult Run(Parity.Engine.Graph.Graph graph, Tensor x, ExecutionOptions? options = null) =>
        graph.Compile().Run(new Dictionary<string, Tensor> { ["x"] = x }, options);

    [Fact]
    public void Every_op_result_is_rounded_to_half()
    {
        // 2048 + 1 = 2049 is exact in float32; halves step by 2 in [2048, 4096) and the tie goes to even 2048.
        // So fp16 loses each increment while float32 counts 2048 -> 2049 -> 2050.
        var graph = new GraphBuilder()
            .AddInput("x", new TensorType(DType.Float32, new Shape(1)))
            .AddNode("one", new AddOne(), "x", "a")
            .AddNode("two", new AddOne(), "a", "b")
            .AddOutput("b")
            .Build();
        using var x = Tensor.FromArray([2048], 1);

        using (var fp32 = Run(graph, x)) Assert.Equal(2050f, fp32["b"].Floats[0]);
        using (var fp16 = Run(graph, x, Fp16)) Assert.Equal(2048f, fp16["b"].Floats[0]);
    }

    [Fact]
    public void Inputs_are_rounded_and_the_callers_tensor_is_left_alone()
    {
        // 0.1 = 1.6 * 2^-4; half keeps 10 mantissa bits: 0.6 * 1024 = 614.4 -> 614, so 1638/16384 = 0.0999755859375.
        var graph = new GraphBuilder()
            .AddInput("x", new TensorType(DType.Float32, new Shape(1)))
            .AddNode("same", new Identity(), "x", "y")
            .AddOutput("y")
            .Build();
        using var x = Tensor.FromArray([0.1f], 1);
        var observer = new InputObserver();

        using var result = Run(graph, x, Fp16 with { Observer = observer });
        Assert.Equal(0.0999755859375f, result["y"].Floats[0]);
        Assert.Equal(0.0999755859375f, observer.Seen);
        Assert.Equal(0.1f, x.Floats[0]);
    }

    [Fact]
    public void Results_beyond_the_half_range_overflow_to_infinity()
    {
        // 40000 * 2 = 80000 > 65504, the largest half.
        var graph = new GraphBuilder()
            .AddInput("x", new TensorType(DType.Float32, new Shape(2)))
            .AddNode("double", new Scale(2), "x", "y")
            .AddOutput("y")
            .Build();
        using var x = Tensor.FromArray([40000, -40000], 2);
        using var result = Run(graph, x, Fp16);
        Assert.Equal([float.PositiveInfinity, float.NegativeInfinity], result["y"].Floats.ToArray());
    }

    [Fact]
    public void Integer_values_are_not_touched()
    {
        // 70000 is no half (it would become infinity) but int32 results are left as they are.
        var graph = new GraphBuilder()
            .AddInput("x", new TensorType(DType.Float32, new Shape(1)))
            .AddNode("as_int", new Cast(DType.Int32), "x", "y")
            .AddOutput("y")
            .Build();
        using var x = Tensor.FromArray([7], 1);
        var constant = new GraphBuilder()
            .AddNode("c", new Constant(Tensor.FromSpan<int>([70000], new Shape(1))), [], ["k"])
            .AddOutput("k")
            .Build();

        using (var cast = Run(graph, x, Fp16)) Assert.Equal(7, cast["y"].Span<int>()[0]);
        using var k = constant.Compile().Run(new Dictionary<string, Tensor>(), Fp16);
        Assert.Equal(70000, k["k"].Span<int>()[0]);
    }

    private sealed class InputObserver : IExecutionObserver
    {
        public float Seen { get; private set; }

        public void OnGraphInput(string name, Tensor value) => Seen = value.Floats[0];

        public void OnValue(Node node, string valueName, Tensor value)
        {
        }
    }
}
