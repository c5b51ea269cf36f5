using Parity.Engine.Graph;
using Parity.Engine.Ops.Core;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Graph;

public class MemoryPlanTests
{
    private static TensorType F32(params int[] dims) => new(DType.Float32, new Shape(dims));

    private static Parity.Engine.Graph.Graph LongChain(int length, int width, Func<IOperator> op)
    {
        var builder = new GraphBuilder().AddInput("x", F32(width));
        var previous = "x";
        for (var i = 0; i < length; i++)
        {
            builder.AddNode($"n{i}", op(), previous, $"v{i}");
            previous = $"v{i}";
        }
        return builder.AddOutput(previous).Build();
    }

    [Fact]
    public void Long_chain_needs_two_buffers_instead_of_one_per_value()
    {
        var plan = LongChain(50, 1024, () => new AddOne()).Compile();
        var memory = plan.Memory;

        // 50 values of 1024 floats = 50 * 4096 bytes; each intermediate dies once the next node has read it,
        // so two alternating slots hold all 49 intermediates, and the output has its own 4096 bytes.
        Assert.Equal(50 * 4096, memory.TotalValueBytes);
        Assert.Equal(2, memory.SlotCount);
        Assert.Equal(2 * 4096, memory.PlannedBytes);
        Assert.Equal(4096, memory.OutputBytes);
        Assert.Equal(3 * 4096, memory.PeakBytes);
        Assert.True(memory.PeakBytes * 10 < memory.TotalValueBytes);
        Assert.Equal(-1, memory.SlotOf("v49"));
        Assert.Equal(-1, memory.SlotOf("x"));
    }

    [Fact]
    public void Runs_reuse_the_planned_buffers_and_still_compute_correctly()
    {
        var addresses = new List<nint>();
        var plan = LongChain(20, 256, () => new AddOneRecordingBuffers(addresses)).Compile();
        using var x = Tensor.FromSpan<float>(Enumerable.Range(0, 256).Select(i => (float)i).ToArray(), new Shape(256));

        for (var run = 0; run < 3; run++)
        {
            addresses.Clear();
            using var result = plan.Run(new Dictionary<string, Tensor> { ["x"] = x });
            Assert.Equal(Enumerable.Range(0, 256).Select(i => i + 20f), result["v19"].Floats.ToArray());
            // 19 intermediates written into 2 slot buffers; the output got a buffer of its own.
            Assert.Equal(2, addresses.Take(19).Distinct().Count());
            Assert.DoesNotContain(addresses[19], addresses.Take(19));
        }
    }

    [Fact]
    public void Value_read_later_keeps_its_buffer_until_its_last_reader()
    {
        // a is read by "late" after b and c exist, so a may share with neither; a wrong plan would overwrite a.
        var plan = new GraphBuilder()
            .AddInput("x", F32(4))
            .AddNode("make_a", new AddOne(), "x", "a")
            .AddNode("make_b", new Scale(10), "a", "b")
            .AddNode("make_c", new AddOne(), "b", "c")
            .AddNode("late", new Add(), ["a", "c"], ["y"])
            .AddOutput("y")
            .Build()
            .Compile();
        var m = plan.Memory;
        Assert.NotEqual(m.SlotOf("a"), m.SlotOf("b"));
        Assert.NotEqual(m.SlotOf("a"), m.SlotOf("c"));
        // b dies when make_c has read it, but c is placed before b is released, so they differ too.
        Assert.NotEqual(m.SlotOf("b"), m.SlotOf("c"));

        using var x = Tensor.FromArray([0, 1, 2, 3], 4);
        using var result = plan.Run(new Dictionary<string, Tensor> { ["x"] = x });
        // a = x+1, c = 10a+1, y = a + c = 11(x+1)+1.
        Assert.Equal([12f, 23, 34, 45], result["y"].Floats.ToArray());
    }

    [Fact]
    public void Outputs_are_never_recycled_even_when_later_nodes_read_them()
    {
        var plan = new GraphBuilder()
            .AddInput("x", F32(3))
            .AddNode("first", new AddOne(), "x", "early")
            .AddNode("second", new AddOne(), "early", "mid")
            .AddNode("third", new Scale(5), "mid", "late")
            .AddNode("fourth", new AddOne(), "late", "last")
            .AddOutput("early")
            .AddOutput("last")
            .Build()
            .Compile();
        Assert.Equal(-1, plan.Memory.SlotOf("early"));

        using var x = Tensor.FromArray([1, 2, 3], 3);
        using var result = plan.Run(new Dictionary<string, Tensor> { ["x"] = x });
        Assert.Equal([2f, 3, 4], result["early"].Floats.ToArray());
        // last = 5(x+2)+1.
        Assert.Equal([16f, 21, 26], result["last"].Floats.ToArray());
    }

    [Fact]
    public void A_slot_holds_values_of_different_dtypes_in_turn()
    {
        // f32 -> f64 -> i32 -> u8 -> f16 -> f32 -> +1: each value views its slot with its own element type.
        var builder = new GraphBuilder().AddInput("x", F32(5));
        var previous = "x";
        foreach (var dtype in new[] { DType.Float64, DType.Int32, DType.UInt8, DType.Float16, DType.Float32 })
        {
            builder.AddNode($"to_{dtype}", new Cast(dtype), previous, $"v_{dtype}");
            previous = $"v_{dtype}";
        }
        var plan = builder.AddNode("plus", new AddOne(), previous, "y").AddOutput("y").Build().Compile();
        Assert.Equal(2, plan.Memory.SlotCount);
        // The f64 value is the largest: 5 * 8 = 40 bytes; the slots are 40 (f64, then u8, then f32) and 24 (i32 20 -> 24, f16).
        Assert.Equal(40 + 24, plan.Memory.PlannedBytes);

        using var x = Tensor.FromArray([0.5f, 1.5f, 200.7f, 255f, 3f], 5);
        for (var run = 0; run < 2; run++)
        {
            using var result = plan.Run(new Dictionary<string, Tensor> { ["x"] = x });
            // Truncation to int: 0, 1, 200, 255, 3; all fit a byte and a half exactly; then +1.
            Assert.Equal([1f, 2, 201, 256, 4], result["y"].Floats.ToArray());
        }
    }

    [Fact]
    public void Best_fit_places_a_small_value_in_a_free_larger_slot()
    {
        // x[256] -> a[256] -> b[16] -> c[16] -> d[16]. While b is made, a is still read, so b takes a new slot;
        // then a's 1024-byte slot is free and c fits in it rather than needing a third slot.
        var plan = new GraphBuilder()
            .AddInput("x", F32(256))
            .AddNode("wide", new AddOne(), "x", "a")
            .AddNode("narrow", new Head(16), "a", "b")
            .AddNode("c", new AddOne(), "b", "c")
            .AddNode("d", new AddOne(), "c", "d")
            .AddOutput("d")
            .Build()
            .Compile();

        Assert.Equal(2, plan.Memory.SlotCount);
        Assert.Equal(plan.Memory.SlotOf("a"), plan.Memory.SlotOf("c"));
        Assert.Equal(1024 + 64, plan.Memory.PlannedBytes);

        using var x = Tensor.FromSpan<float>(Enumerable.Range(0, 256).Select(i => (float)i).ToArray(), new Shape(256));
        using var result = plan.Run(new Dictionary<string, Tensor> { ["x"] = x });
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i + 3f), result["d"].Floats.ToArray());
    }
}
