using System.CommandLine;
using Parity.Cli.Rendering;
using Parity.Spec;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Edits;
using Parity.Spec.CoreML.Features;
using Parity.Validation;
using Parity.Validation.Comparison;
using Parity.Validation.Diagnosis;
using Parity.Validation.Reference;
using Parity.Validation.Reports;
using Parity.Validation.Runtimes;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary>
/// `parity check SOURCE CONVERTED`: runs both models on the same seeded inputs and reports, layer by layer, whether
/// the conversion computes what the source computes, and where it first diverges. `parity diff` shares this machinery.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context) =>
        Build(context, "check", "Check a converted model against its source, layer by layer.", "source", "converted");

    /// <summary>A comparison command whose two model arguments play the roles <paramref name="roleA"/> (the reference) and <paramref name="roleB"/>.</summary>
    public static Command Build(CliContext context, string name, string description, string roleA, string roleB)
    {
        var o = new CheckOptions(roleA, roleB);
        var command = o.CreateCommand(name, description);
        command.SetAction(parse => Run(context, name, o, parse));
        return command;
    }

    private static int Run(CliContext context, string name, CheckOptions o, ParseResult parse)
    {
        var (roleA, roleB) = (o.RoleA, o.RoleB);
        var selection = RuntimeSelection.Parse(parse.GetValue(o.Runtime)!);
        if (selection.UnavailableReason is { } reason)
        {
            context.Error.WriteLine($"parity: {reason}");
            return ExitCodes.BadInput;
        }
        var probeNames = parse.GetValue(o.Probes) ?? [];
        var recorded = parse.GetValue(o.SourceOutputs);
        var (pathA, pathB) = (parse.GetValue(o.ModelA)!, parse.GetValue(o.ModelB));
        if (probeNames.Length > 0 && !selection.IsCoreML) throw new ArgumentException("--probe needs --runtime coreml: it asks Core ML for an intermediate value; the managed engine compares every layer already.");
        if (selection.IsCoreML && recorded is not null) throw new ArgumentException("--runtime coreml compares the device with a source model; with --source-outputs, run the device with `parity run --runtime coreml` instead.");
        if (selection.IsCoreML) CoreMLFeature.RequireCoreMLFile(pathB ?? pathA);
        var reportFiles = parse.GetValue(o.Reports) ?? [];
        ReportFiles.CheckWritable(reportFiles, parse.GetValue(o.Overwrite));
        var options = o.Comparison(parse);
        if (recorded is not null && pathB is not null) throw new ArgumentException($"Give either a {roleA} model or --source-outputs, not both.");
        if (recorded is null && pathB is null) throw new ArgumentException($"`parity {name}` needs the {roleA} and the {roleB} model files (or --source-outputs DIR and the {roleB} model).");

        // A Core ML model may leave its sequence length open: it takes the one the source model's inputs hold.
        var sourceLoad = new ModelLoadOptions { KerasConfigPath = parse.GetValue(o.Config) };
        var source = recorded is null ? ModelFiles.Load(pathA, sourceLoad) : null;
        var b = source is not null ? ModelFiles.LoadCounterpart(pathB!, source) : ModelFiles.Load(pathB ?? pathA);
        var chosenShapes = InputArguments.ReadShapes(parse.GetValue(o.Shapes) ?? [], b.Graph.Inputs.Select(i => i.Name).ToList());
        CoreMLFlexibleShapes.Validate(pathB ?? pathA, chosenShapes);
        var given = InputArguments.Read(parse.GetValue(o.Inputs) ?? [], b, chosenShapes, parse.GetValue(o.Resize));
        options = options with { GivenInputs = given, InputShapes = chosenShapes };
        var toleranceGiven = parse.GetValue(o.Tolerance) is not null;
        Func<ComparisonReport> compare;
        if (recorded is not null)
        {
            var reference = RecordedReference.Load(recorded, b);
            var (chosen, autoReason) = ConversionCheck.ChooseTolerance(b, options, toleranceGiven);
            compare = () => ReferenceComparison.Compare(reference, b, chosen) with { ToleranceAutoSelected = autoReason };
        }
        else
        {
            var range = parse.GetValue(o.Range);
            var pipeline = parse.GetValue(o.SourcePreprocess);
            options = options with
            {
                Preprocessing = range is not null
                    ? CheckOptions.Ranges(range, b)
                    : b.ImageInputs.ToDictionary(i => i.Key, i => SourcePreprocessing.For(pipeline, i.Value)),
            };
            var labelsFile = parse.GetValue(o.Labels);
            var settings = new DiagnosisSettings
            {
                ToleranceGiven = toleranceGiven,
                Labels = labelsFile is null ? null : LabelOrder.Read(labelsFile),
                LabelsFile = labelsFile,
                SourcePreprocessing = range is null ? image => SourcePreprocessing.For(pipeline, image) : null,
            };
            var (a, reloaded) = SourceModels.Fit(source!, pathA, sourceLoad, b, options);
            compare = () =>
            {
                var result = ConversionCheck.Run(a, b, options, settings);
                if (reloaded is not null) result = result with { Notes = [reloaded, .. result.Notes] };
                return selection.IsCoreML ? result with { Device = OnDevice(a, b, pathB!, selection, options, probeNames) } : result;
            };
        }
        var running = selection.IsCoreML ? $"Running {roleA} and {roleB} on {options.Samples} sample(s), and {roleB} in Core ML..." : $"Running {roleA} and {roleB} on {options.Samples} sample(s)...";
        var report = context.Console.Status().Start(running, _ => compare());
        foreach (var t in given.Values) t.Dispose();

        ComparisonView.Write(context.Console, report);
        if (report.Device is { } results) DeviceView.Write(context.Console, results, roleA);
        foreach (var file in reportFiles)
        {
            ReportFiles.Write(file, report, parse.GetValue(o.Overwrite));
            context.Console.MarkupLineInterpolated($"[grey]report written to {file}[/]");
        }
        return report.Verdict switch
        {
            ComparisonVerdict.Agree when report.Device is { Agrees: false } => ExitCodes.Disagree,
            ComparisonVerdict.Agree => ExitCodes.Agree,
            ComparisonVerdict.Disagree => ExitCodes.Disagree,
            _ => ExitCodes.Unsupported,
        };
    }

    // Probes run on a temporary copy of the package whose outputs include them; the copy is deleted afterwards.
    private static DeviceResults OnDevice(ExecutableModel a, ExecutableModel b, string bPath, RuntimeSelection selection, ComparisonOptions options, IReadOnlyList<string> probes)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "parity-probe");
        var package = probes.Count > 0 ? ProgramProbe.WritePackage(bPath, probes, scratch) : bPath;
        var sessions = new List<IRuntimeSession>();
        try
        {
            foreach (var runtime in selection.Create()) sessions.Add(runtime.Open(package, b));
            return DeviceComparison.Compare(a, b, sessions, options, probes);
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
            if (probes.Count > 0) Directory.Delete(Path.GetDirectoryName(package)!, recursive: true);
        }
    }
}
