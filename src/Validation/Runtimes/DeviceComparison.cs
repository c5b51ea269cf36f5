using Parity.Spec;
using Parity.Validation.Comparison;

namespace Parity.Validation.Runtimes;

/// <summary>
/// Adds device columns to a check: for each runtime session, the device's outputs (and probed values) are compared
/// with the source model and with the managed run of the converted model on the same seeded inputs the check used;
/// with several sessions (compute units), each later one is also compared with the first.
/// </summary>
public static class DeviceComparison
{
    /// <summary>
    /// Compares device sessions of <paramref name="b"/> with <paramref name="a"/> (the source) and <paramref name="b"/>
    /// (managed). <paramref name="options"/> are the check's own, so inputs, seeds and tolerance are the same.
    /// </summary>
    public static DeviceResults Compare(ExecutableModel a, ExecutableModel b, IReadOnlyList<IRuntimeSession> sessions, ComparisonOptions options,
        IReadOnlyList<string> probes)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Count == 0) throw new ArgumentException("Device comparison needs at least one runtime session.");
        var scope = probes.Count > 0 ? LayerScope.All : LayerScope.Outputs;
        // The managed converted model and the device both take B's raw inputs: only the range of the values is shared.
        var sameValues = options.Preprocessing.ToDictionary(kv => kv.Key, kv => new InputPreprocessing(kv.Value.Low, kv.Value.High, 1, [], false, "the same values"));
        var devices = sessions.Select(s => DeviceModel.Create(b, s, probes)).ToList();
        var columns = new List<DeviceColumn>();
        foreach (var device in devices)
        {
            var vsManaged = ModelComparison.Compare(b, device, options with { RoleA = "managed", RoleB = device.File, Layers = scope, InputMap = new Dictionary<string, string>(), Preprocessing = sameValues });
            var vsSource = ModelComparison.Compare(a, device, options with { RoleB = device.File, Layers = scope });
            var results = device.Layers.Select(v =>
            {
                var source = vsSource.Pairs.FirstOrDefault(p => p.B == v.Name);
                var managed = vsManaged.Pairs.FirstOrDefault(p => p.B == v.Name);
                return new DeviceValueResult(v.Name, v.Type == "probe", source?.A, source?.Metrics, managed?.Metrics);
            }).ToList();
            var problems = vsManaged.UncheckedB.Concat(vsSource.UncheckedB).Concat(device.NotBuilt.Select(n => $"not compared: {n}")).Distinct().ToList();
            columns.Add(new DeviceColumn(device.File, results, problems));
        }
        var unitComparisons = new List<DeviceUnitComparison>();
        for (var k = 1; k < devices.Count; k++)
        {
            var units = ModelComparison.Compare(devices[0], devices[k], options with
            {
                RoleA = devices[0].File, RoleB = devices[k].File, Layers = LayerScope.Outputs, InputMap = new Dictionary<string, string>(), Preprocessing = sameValues,
            });
            unitComparisons.AddRange(units.Pairs.Select(p => new DeviceUnitComparison(devices[0].File, devices[k].File, p.B, p.Metrics)));
        }
        return new DeviceResults(columns, unitComparisons, Notes(b).ToList());
    }

    private static IEnumerable<string> Notes(ExecutableModel b)
    {
        yield return DeviceResults.OutputsOnlyNote;
        if (b.ImageInputs.Count > 0)
        {
            yield return $"Image inputs ({string.Join(", ", b.ImageInputs.Keys)}) reach Core ML as 8-bit pixels: values are rounded to whole numbers 0..255, while the managed and source runs see them unrounded.";
        }
    }
}
