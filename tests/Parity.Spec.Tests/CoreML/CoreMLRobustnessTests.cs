using Parity.Spec.CoreML;

namespace Parity.Spec.Tests.CoreML;

/// <summary>
/// Truncated and byte-flipped copies of every fixture either load or fail with a ModelFormatException,
/// never another exception and never a hang. A copy that still loads must also describe without throwing.
/// </summary>
public class CoreMLRobustnessTests
{
    public static TheoryData<string> Fixtures => CoreMLFixtureFiles.InRepository();

    public static TheoryData<string> Packages => CoreMLFixtureFiles.PackagesInRepository();

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Fixtures))]
    public async Task Damaged_specification_fails_cleanly(string fixture)
    {
        CoreMLModelFile original = CoreMLModelFile.Load(CoreMLFixtureFiles.FullPath(fixture));
        byte[] bytes = await File.ReadAllBytesAsync(original.SpecificationPath, TestContext.Current.CancellationToken);
        using var temp = new TemporaryDirectory();

        await Task.Run(() =>
        {
            foreach (byte[] damaged in Damaged(bytes))
            {
                AssertLoadsOrFailsCleanly(temp.WriteFile("damaged.mlmodel", damaged));
            }
        }, TestContext.Current.CancellationToken);
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Packages))]
    public async Task Damaged_package_manifest_fails_cleanly(string fixture)
    {
        string source = CoreMLFixtureFiles.FullPath(fixture);
        using var temp = new TemporaryDirectory();
        string package = temp.Combine("Copy.mlpackage");
        CoreMLModelFile original = CoreMLModelFile.Load(source);
        temp.WriteFile(Path.Combine("Copy.mlpackage", Path.GetRelativePath(original.PackageRoot!, original.SpecificationPath)),
            await File.ReadAllBytesAsync(original.SpecificationPath, TestContext.Current.CancellationToken));
        byte[] manifest = await File.ReadAllBytesAsync(Path.Combine(source, "Manifest.json"), TestContext.Current.CancellationToken);

        await Task.Run(() =>
        {
            foreach (byte[] damaged in Damaged(manifest))
            {
                temp.WriteFile(Path.Combine("Copy.mlpackage", "Manifest.json"), damaged);
                AssertLoadsOrFailsCleanly(package);
            }
        }, TestContext.Current.CancellationToken);
    }

    private static void AssertLoadsOrFailsCleanly(string path)
    {
        try
        {
            CoreMLModelSummary.Describe(CoreMLModelFile.Load(path).Model);
        }
        catch (ModelFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Problem));
        }
    }

    // Cuts at fixed fractions and near both ends; flips every bit of bytes at fixed offsets, where the
    // first few bytes hold the top-level tags and lengths that steer the whole parse.
    private static IEnumerable<byte[]> Damaged(byte[] bytes)
    {
        int n = bytes.Length;
        int[] cuts = [1, 2, 3, 7, n / 4, n / 3, n / 2, 3 * n / 4, n - 2, n - 1];
        foreach (int cut in cuts.Where(c => c > 0 && c < n).Distinct())
        {
            yield return bytes[..cut];
        }

        int[] flips = [0, 1, 2, 3, 4, 5, 8, 13, 21, n / 3, n / 2, 2 * n / 3, n - 1];
        foreach (int position in flips.Where(p => p >= 0 && p < n).Distinct())
        {
            foreach (byte mask in new byte[] { 0xFF, 0x80, 0x01 })
            {
                byte[] copy = (byte[])bytes.Clone();
                copy[position] ^= mask;
                yield return copy;
            }
        }
    }
}
