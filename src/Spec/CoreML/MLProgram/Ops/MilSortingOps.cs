using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Linear;
using Parity.Engine.Ops.Reduction;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML.Format.Mil;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.MLProgram.Ops;

/// <summary>
/// topk, argsort, cumsum (MIL tensor_operation.py, iOS 15/16/17), the read-time generators fill and range_1d, and
/// einsum in the one family of equations MIL defines (linear.py): a matmul over axes -1 and -3 batched over the others.
/// </summary>
internal static class MilSortingOps
{
    /// <summary>topk(x, k = 1, axis = -1, ascending = false[, sort = true, return_indices = true]): values and int32 indices, ties by position.</summary>
    public static void TopK(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        var op = new TopK(context.Int("axis", -1), context.Int("k", 1), smallest: context.Bool("ascending", false));
        var results = context.EmitSteps("topk", op, 2, x);
        EmitValues(context, 0, results[0]);
        if (context.OutputCount > 1) context.EmitOutput(1, new Cast(IndexType(context, 1)), results[1]);
    }

    /// <summary>argsort(x, axis = -1, ascending = false): int32 positions that sort each slice, ties by position.</summary>
    public static void ArgSort(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        var shape = context.ShapeOf(x);
        var axis = MilDataMovementOps.Axis(context, "axis", shape.Rank, -1);
        var results = context.EmitSteps("sorted", new TopK(axis, Math.Max(1, shape[axis]), smallest: context.Bool("ascending", false)), 2, x);
        context.Emit(new Cast(IndexType(context, 0)), results[1]);
    }

    /// <summary>cumsum(x, axis = 0, exclusive = false, reverse = false).</summary>
    public static void CumSum(MilOpContext context)
    {
        var x = MilFloatOperands.Input(context, "x");
        MilFloatOperands.EmitAsDeclared(context, new CumulativeSum(context.Int("axis", 0), context.Bool("exclusive", false), context.Bool("reverse", false)), x);
    }

    /// <summary>fill(shape, value = 0): a read-time constant (the shape must be known while reading, e.g. from a shape op).</summary>
    public static void Fill(MilOpContext context)
    {
        var dims = context.Ints("shape");
        if (dims.Any(d => d < 0)) throw context.Error("shape", $"is {MilOpContext.Text(dims)}; sizes cannot be negative.");
        var shape = new Shape(dims);
        var value = context.Float("value", 0f);
        context.SetConstant(0, Generated(context, shape, Enumerable.Repeat((double)value, shape.ElementCount)));
    }

    /// <summary>range_1d(end, start, step): numpy.arange(start, end, step), computed while reading (all three must be known).</summary>
    public static void Range1D(MilOpContext context)
    {
        var (start, end, step) = (Number(context, "start"), Number(context, "end"), Number(context, "step"));
        if (step == 0) throw context.Error("step", "is 0; range_1d needs a non-zero step.");
        var count = Math.Max(0, (long)Math.Ceiling((end - start) / step));
        if (count > MilValueDecoder.MaxElements) throw context.Error("end", $"makes {count} elements; at most {MilValueDecoder.MaxElements} are generated.");
        context.SetConstant(0, Generated(context, new Shape((int)count), Enumerable.Range(0, (int)count).Select(i => start + i * step)));
    }

    /// <summary>
    /// einsum(values = (a, b), equation): a [*B, C, H, W1] times b [*B, W1, H, W2] gives [*B, C, H, W2] (ranks 3 and 4,
    /// "nchw,nwhu->nchu" and its relabellings), built as transposes around a batched matmul.
    /// </summary>
    public static void Einsum(MilOpContext context)
    {
        var values = context.Inputs("values");
        if (values.Count != 2) throw context.Error("values", $"binds {values.Count} tensors; einsum multiplies two.");
        var equation = context.String("equation").Replace(" ", "", StringComparison.Ordinal);
        var rank = context.ShapeOf(values[0]).Rank;
        if (rank is not (3 or 4) || context.ShapeOf(values[1]).Rank != rank || !IsMatMulOverAxes(equation, rank))
        {
            throw context.Unsupported($"einsum '{equation}' on ranks {rank} and {context.ShapeOf(values[1]).Rank} is not executed (MIL defines \"nchw,nwhu->nchu\" and \"chw,whr->chr\" forms).");
        }
        // Bring H in front of the matrix axes: [*B, C, H, W1] -> [*B, H, C, W1]; [*B, W1, H, W2] -> [*B, H, W1, W2].
        int[] swap = rank == 4 ? [0, 2, 1, 3] : [1, 0, 2];
        var a = context.EmitStep("a_hcw", new TransposeOp(swap), values[0]);
        var b = context.EmitStep("b_hwu", new TransposeOp(swap), values[1]);
        var product = context.EmitStep("product", new MatMul(), a, b);
        context.Emit(new TransposeOp(swap), product);
    }

    /// <summary>True for "abcd,adce->abce" (rank 4) or "abc,cbd->abd" (rank 3) with distinct letters.</summary>
    private static bool IsMatMulOverAxes(string equation, int rank)
    {
        var parts = equation.Split("->");
        if (parts.Length != 2) return false;
        var inputs = parts[0].Split(',');
        if (inputs.Length != 2 || inputs.Any(i => i.Length != rank) || parts[1].Length != rank) return false;
        var (x, y, output) = (inputs[0], inputs[1], parts[1]);
        if (x.Distinct().Count() != rank) return false;
        var batch = rank == 4 ? x[..1] : "";
        var (c, h, w1) = (x[^3], x[^2], x[^1]);
        var w2 = y[^1];
        return y == batch + w1 + h + w2 && output == batch + c + h + w2 && !x.Contains(w2);
    }

    private static void EmitValues(MilOpContext context, int index, string values)
    {
        var target = MilConstant.EngineType(context.OutputDataType(index)) ?? DType.Float32;
        context.EmitOutput(index, target == DType.Float32 ? new Identity() : new Cast(target), values);
    }

    private static DType IndexType(MilOpContext context, int index) => MilConstant.EngineType(context.OutputDataType(index)) ?? DType.Int32;

    private static double Number(MilOpContext context, string argument)
    {
        var values = context.Constant(argument).ToFloats();
        return values.Length == 1 ? values[0] : throw context.Error(argument, $"holds {values.Length} values; expected one number.");
    }

    /// <summary>A generated constant in the op's declared output type (float unless it declares an integer type).</summary>
    private static MilConstant Generated(MilOpContext context, Shape shape, IEnumerable<double> values)
    {
        var declared = context.OutputDataType() is var d && d != DataType.UnusedType ? d : DataType.Float32;
        var numbers = values.ToArray();
        Tensor tensor = MilConstant.EngineType(declared) switch
        {
            DType.Float32 => Tensor.FromSpan<float>(numbers.Select(v => declared == DataType.Float16 ? (float)(Half)v : (float)v).ToArray(), shape),
            DType.Int32 => Tensor.FromSpan<int>(numbers.Select(v => (int)v).ToArray(), shape),
            DType.Int64 => Tensor.FromSpan<long>(numbers.Select(v => (long)v).ToArray(), shape),
            DType.Bool => Tensor.FromBools(numbers.Select(v => v != 0).ToArray(), shape),
            _ => throw context.Unsupported($"generating a {declared} tensor is not executed (float, int32, int64 and bool are)."),
        };
        return MilConstant.FromTensor(declared, tensor);
    }
}
