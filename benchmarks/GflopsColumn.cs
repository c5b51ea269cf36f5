using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Parity.Benchmarks;

/// <summary>Throughput column: a benchmark case's floating-point operations per run (a multiply-add counts two) over its mean time.</summary>
public sealed class GflopsColumn(string legend, Func<BenchmarkCase, double?> flopsPerRun) : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0 || flopsPerRun(benchmarkCase) is not { } flops) return "-";
        // Operations per nanosecond are GFLOP/s.
        return (flops / mean.Value).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>
/// Config of the GEMM benchmarks: GFLOP/s from the square size (2·Size³ per run), and room to build the generated project
/// on a busy machine (BenchmarkDotNet's default build limit of two minutes is too tight when other builds share the cores).
/// </summary>
public sealed class GflopsConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public GflopsConfig()
    {
        AddColumn(new GflopsColumn("2·Size³ floating-point operations per second, from the mean time",
            c => c.Parameters["Size"] is int n ? 2.0 * n * n * n : null));
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
