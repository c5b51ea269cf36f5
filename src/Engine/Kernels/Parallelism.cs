namespace Parity.Engine.Kernels;

/// <summary>
/// Splits a range of independent work items into at most <see cref="MaxThreads"/> contiguous chunks, one per
/// worker. Kernels call this once per large loop, never per element, so scheduling costs stay negligible.
/// </summary>
public static class Parallelism
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>How many cores kernels may use (default: all). Benchmarks set 1 or 2 to measure scaling.</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least one thread is needed.");
    }

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over [0, count) in contiguous chunks. Work smaller than
    /// <paramref name="minItemsPerThread"/> items per thread stays on the calling thread.
    /// </summary>
    public static void For(int count, int minItemsPerThread, Action<int, int> body)
    {
        if (count <= 0) return;
        var threads = Math.Min(MaxThreads, Math.Max(1, count / Math.Max(1, minItemsPerThread)));
        if (threads == 1)
        {
            body(0, count);
            return;
        }
        System.Threading.Tasks.Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var start = (int)((long)count * t / threads);
            var end = (int)((long)count * (t + 1) / threads);
            if (end > start) body(start, end);
        });
    }
}
