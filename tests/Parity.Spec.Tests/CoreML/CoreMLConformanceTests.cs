using Parity.Spec.CoreML;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Parses every .mlmodel and .mlpackage under $PARITY_FIXTURES/real and $PARITY_FIXTURES/generated (the shared
/// fixture collection, including files whose licenses keep them out of this repository).
/// </summary>
public class CoreMLConformanceTests
{
    [Fact]
    public void Every_shared_fixture_parses_with_every_field_known()
    {
        string? root = Environment.GetEnvironmentVariable("PARITY_FIXTURES");
        if (string.IsNullOrEmpty(root))
        {
            Assert.Skip("PARITY_FIXTURES is not set");
        }

        var models = new[] { "real", "generated" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(CoreMLFixtureFiles.Find)
            .ToList();
        Assert.NotEmpty(models);

        var failures = new List<string>();
        foreach (string model in models)
        {
            try
            {
                CoreMLModelFile file = CoreMLModelFile.Load(model);
                CoreMLModelSummary summary = CoreMLModelSummary.Describe(file.Model);
                if (file.UnknownFieldPaths.Count > 0 || file.Notes.Count > 0 || summary.Outputs.Count == 0)
                {
                    failures.Add($"{model}: {string.Join(" ", file.Notes)} outputs={summary.Outputs.Count}");
                }
            }
            catch (ModelFormatException e)
            {
                failures.Add(e.Message);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {models.Count} models failed:\n" + string.Join("\n", failures));
    }
}
