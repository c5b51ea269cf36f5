using Parity.Engine.Tensors;
using Parity.Validation.Comparison;
using Parity.Validation.Metrics;

namespace Parity.Validation.Tests.Reference;

/// <summary>
/// `--source-outputs`: the generated Core ML conversions checked against the tensors PyTorch recorded for them
/// (outputs and module activations for input.npy), within the tolerance each case.json states, and a tampered
/// recording caught at the tampered value.
/// </summary>
public class RecordedReferenceTests
{
    [Theory]
    [InlineData("torch_small_cnn", "SmallCNN.mlmodel", 9)]
    [InlineData("torch_mini_unet", "MiniUNet.mlmodel", 12)]
    [InlineData("torch_lstm2", "Lstm2.mlmodel", 2)]
    public void Each_generated_conversion_agrees_with_what_PyTorch_recorded(string name, string converted, int pairs)
    {
        var folder = GeneratedCases.Folder(name);
        var options = new ComparisonOptions { Tolerance = GeneratedCases.ToleranceOf(folder, converted), RoleA = "source", RoleB = "converted" };

        var report = ParityCheck.CheckRecorded(folder, Path.Combine(folder, converted), options: options);

        Assert.True(report.Verdict == ComparisonVerdict.Agree, Describe(report));
        Assert.Equal(pairs, report.Pairs.Count);
        Assert.Contains(report.Pairs, p => p.IsOutput && p.MatchedBy == MatchKind.Name);
    }

    [Fact]
    public void MobileNetV2_outputs_agree_within_the_case_tolerance_and_intermediates_stay_near_it()
    {
        var folder = GeneratedCases.Folder("torch_mobilenet_v2");
        var tolerance = GeneratedCases.ToleranceOf(folder, "MobileNetV2.mlmodel");
        var options = new ComparisonOptions { Tolerance = tolerance, RoleA = "source", RoleB = "converted" };

        var report = ParityCheck.CheckRecorded(folder, Path.Combine(folder, "MobileNetV2.mlmodel"), options: options);

        // case.json's atol (4e-5) is 20x the fp32-vs-fp64 difference of the logits; deep activations of larger magnitude
        // drift further in float32 (features.18 by 9.3e-5 on 2 of 62720 elements near zero), so only outputs are held to it.
        Assert.All(report.Pairs.Where(p => p.IsOutput), p => Assert.True(p.Verdict == PairVerdict.Agrees, Describe(report)));
        Assert.All(report.Pairs, p => Assert.True(p.Metrics.MaxAbsError < 2e-4 && p.Metrics.CosineSimilarity > 0.99999, Describe(report)));
        Assert.Equal(7, report.Pairs.Count);
    }

    [Fact]
    public void A_tampered_activation_is_caught_at_that_layer_and_element()
    {
        var folder = GeneratedCases.Folder("torch_small_cnn");
        var dump = GeneratedCases.CopyDump(folder);
        try
        {
            const int element = 1234;
            const float shift = 0.01f;
            Tamper(Path.Combine(dump, "act_bn2.npy"), element, shift);
            var options = new ComparisonOptions { Tolerance = GeneratedCases.ToleranceOf(folder, "SmallCNN.mlmodel") };

            var report = ParityCheck.CheckRecorded(dump, Path.Combine(folder, "SmallCNN.mlmodel"), options: options);

            Assert.Equal(ComparisonVerdict.Disagree, report.Verdict);
            Assert.Equal("bn2", report.DivergencePoint);
            var bn2 = report.Pairs.Single(p => p.A == "bn2");
            Assert.Equal(element, bn2.Metrics.WorstIndex);
            // The engine's own error there is below 1e-6 (the untampered check), so the measured error is the shift.
            Assert.InRange(bn2.Metrics.MaxAbsError, shift - 1e-5, shift + 1e-5);
            Assert.All(report.Pairs.Where(p => p.A != "bn2"), p => Assert.Equal(PairVerdict.Agrees, p.Verdict));
        }
        finally
        {
            Directory.Delete(dump, true);
        }
    }

    [Fact]
    public void A_dump_without_case_json_is_matched_by_file_names_and_values()
    {
        var folder = GeneratedCases.Folder("torch_small_cnn");
        var dump = Path.Combine(Path.GetTempPath(), $"parity-dump-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dump);
        try
        {
            File.Copy(Path.Combine(folder, "input.npy"), Path.Combine(dump, "input.npy"));
            File.Copy(Path.Combine(folder, "output_logits.npy"), Path.Combine(dump, "logits.npy"));
            File.Copy(Path.Combine(folder, "output_probs.npy"), Path.Combine(dump, "output_probs.npy"));
            File.Copy(Path.Combine(folder, "act_pool1.npy"), Path.Combine(dump, "act_pool1.npy"));
            var options = new ComparisonOptions { Tolerance = GeneratedCases.ToleranceOf(folder, "SmallCNN.mlmodel") };

            var report = ParityCheck.CheckRecorded(dump, Path.Combine(folder, "SmallCNN.mlmodel"), options: options);

            Assert.True(report.Verdict == ComparisonVerdict.Agree, Describe(report));
            Assert.Equal(MatchKind.Name, report.Pairs.Single(p => p.A == "logits").MatchedBy);
            Assert.Equal(MatchKind.Name, report.Pairs.Single(p => p.A == "probs").MatchedBy);
            // pool1 has no name in common with the Core ML blob "input.7": only its values tie them.
            var pool1 = report.Pairs.Single(p => p.A == "pool1");
            Assert.Equal((MatchKind.Value, "input.7"), (pool1.MatchedBy, pool1.B));
        }
        finally
        {
            Directory.Delete(dump, true);
        }
    }

    [Fact]
    public void A_converted_output_nobody_recorded_leaves_the_check_incomplete()
    {
        var folder = GeneratedCases.Folder("torch_small_cnn");
        var dump = Path.Combine(Path.GetTempPath(), $"parity-dump-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dump);
        try
        {
            File.Copy(Path.Combine(folder, "input.npy"), Path.Combine(dump, "input.npy"));
            File.Copy(Path.Combine(folder, "output_logits.npy"), Path.Combine(dump, "logits.npy"));

            var report = ParityCheck.CheckRecorded(dump, Path.Combine(folder, "SmallCNN.mlmodel"));

            Assert.Equal(ComparisonVerdict.Unsupported, report.Verdict);
            Assert.Contains(report.UnmatchedB, v => v.Name == "probs");
        }
        finally
        {
            Directory.Delete(dump, true);
        }
    }

    [Fact]
    public void A_dump_without_its_inputs_asks_for_them()
    {
        var folder = GeneratedCases.Folder("torch_small_cnn");
        var dump = Path.Combine(Path.GetTempPath(), $"parity-dump-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dump);
        try
        {
            File.Copy(Path.Combine(folder, "output_logits.npy"), Path.Combine(dump, "logits.npy"));

            var error = Assert.Throws<ArgumentException>(() => ParityCheck.CheckRecorded(dump, Path.Combine(folder, "SmallCNN.mlmodel")));

            Assert.Contains("--input input=FILE", error.Message);
        }
        finally
        {
            Directory.Delete(dump, true);
        }
    }

    private static void Tamper(string path, int element, float shift)
    {
        float[] data;
        Shape shape;
        using (var tensor = Npy.Read(path))
        {
            data = tensor.Floats.ToArray();
            shape = tensor.Shape;
        }
        data[element] += shift;
        using var changed = Tensor.FromSpan<float>(data, shape);
        Npy.Write(path, changed);
    }

    private static string Describe(ComparisonReport report) =>
        string.Join("\n", report.Pairs.Select(p => $"{p.A} ~ {p.B}: {p.Verdict} max abs {p.Metrics.MaxAbsError}").Concat(report.Notes).Concat(report.UncheckedB));
}
