using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Parity.Benchmarks;

/// <summary>Throughput of a square GEMM benchmark: 2·n³ floating-point operations over the mean time, n being the "Size" parameter.</summary>
public sealed class GflopsColumn : IColumn
{
    public string Id => nameof(GflopsColumn);

    public string ColumnName => "GFLOP/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "2·Size³ floating-point operations per second, from the mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is null || benchmarkCase.Parameters["Size"] is not int n) return "-";
        // Operations per nanosecond are GFLOP/s.
        return (2.0 * n * n * n / mean.Value).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>
/// Config of the GEMM benchmarks: the <see cref="GflopsColumn"/>, and room to build the generated project on a busy
/// machine (BenchmarkDotNet's default build limit of two minutes is too tight when other builds share the cores).
/// </summary>
public sealed class GflopsConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public GflopsConfig()
    {
        AddColumn(new GflopsColumn());
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
