using Parity.Engine.Tensors;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>How the two inputs advance along one contiguous output run.</summary>
internal enum RunShape
{
    /// <summary>Both inputs advance with the output.</summary>
    BothContiguous,

    /// <summary>The left input stays on one element (broadcast along the run); the right advances.</summary>
    LeftScalar,

    /// <summary>The right input stays on one element; the left advances.</summary>
    RightScalar,
}

/// <summary>Processes one contiguous run of the output of a broadcast binary kernel.</summary>
internal interface IBroadcastRun
{
    void Run(int outputOffset, int leftOffset, int rightOffset, int length, RunShape shape);
}

/// <summary>
/// The loop nest of a broadcast binary operation after simplification: output axes of size 1 are dropped and
/// neighbouring axes on which each input either advances or is broadcast in the same way are merged. Equal shapes
/// become one run, [N, C] + [C] becomes N runs of C, [N, C, HW] + [C, 1] becomes N*C runs of HW against one
/// scalar each; every run is handed to a vectorized driver.
/// </summary>
internal sealed class BroadcastPlan
{
    // Below this many output elements per thread, splitting costs more than it saves.
    private const int MinElementsPerThread = 1 << 15;

    private readonly int[] _dims;
    private readonly int[] _leftStrides;
    private readonly int[] _rightStrides;

    public BroadcastPlan(Shape left, Shape right)
    {
        OutputShape = Broadcasting.ResultShape(left, right);
        var rank = OutputShape.Rank;
        var dims = new List<int>();
        var leftBroadcast = new List<bool>();
        var rightBroadcast = new List<bool>();
        for (var axis = 0; axis < rank; axis++)
        {
            var d = OutputShape[axis];
            if (d == 1) continue;
            var lb = Broadcasting.AlignedDim(left, axis, rank) == 1;
            var rb = Broadcasting.AlignedDim(right, axis, rank) == 1;
            if (dims.Count > 0 && leftBroadcast[^1] == lb && rightBroadcast[^1] == rb)
            {
                dims[^1] *= d;
                continue;
            }
            dims.Add(d);
            leftBroadcast.Add(lb);
            rightBroadcast.Add(rb);
        }
        if (dims.Count == 0)
        {
            dims.Add(1);
            leftBroadcast.Add(false);
            rightBroadcast.Add(false);
        }
        _dims = [.. dims];
        _leftStrides = Strides(_dims, leftBroadcast);
        _rightStrides = Strides(_dims, rightBroadcast);
        RunLength = _dims[^1];
        Shape = leftBroadcast[^1] ? RunShape.LeftScalar : rightBroadcast[^1] ? RunShape.RightScalar : RunShape.BothContiguous;
    }

    public Shape OutputShape { get; }

    public int RunLength { get; }

    public RunShape Shape { get; }

    /// <summary>Calls <paramref name="run"/> once per output run, splitting the runs over threads when there are many.</summary>
    public void Execute<TRun>(TRun run) where TRun : struct, IBroadcastRun
    {
        var total = OutputShape.ElementCount;
        if (total == 0) return;
        var runs = total / RunLength;
        Parallelism.For(runs, Math.Max(1, MinElementsPerThread / RunLength), (start, end) => ExecuteRuns(run, start, end));
    }

    private void ExecuteRuns<TRun>(TRun run, int start, int end) where TRun : struct, IBroadcastRun
    {
        var outer = _dims.Length - 1;
        Span<int> index = stackalloc int[Math.Max(outer, 1)];
        int left = 0, right = 0, rest = start;
        for (var axis = outer - 1; axis >= 0; axis--)
        {
            index[axis] = rest % _dims[axis];
            rest /= _dims[axis];
            left += index[axis] * _leftStrides[axis];
            right += index[axis] * _rightStrides[axis];
        }
        var output = start * RunLength;
        for (var r = start; r < end; r++)
        {
            run.Run(output, left, right, RunLength, Shape);
            output += RunLength;
            // Odometer step over the outer axes, last axis fastest.
            for (var axis = outer - 1; axis >= 0; axis--)
            {
                left += _leftStrides[axis];
                right += _rightStrides[axis];
                if (++index[axis] < _dims[axis]) break;
                left -= _leftStrides[axis] * _dims[axis];
                right -= _rightStrides[axis] * _dims[axis];
                index[axis] = 0;
            }
        }
    }

    // Row-major strides of an input whose size is 1 on its broadcast axes; those axes get stride 0.
    private static int[] Strides(int[] dims, List<bool> broadcast)
    {
        var strides = new int[dims.Length];
        var s = 1;
        for (var axis = dims.Length - 1; axis >= 0; axis--)
        {
            strides[axis] = broadcast[axis] ? 0 : s;
            if (!broadcast[axis]) s *= dims[axis];
        }
        return strides;
    }
}
