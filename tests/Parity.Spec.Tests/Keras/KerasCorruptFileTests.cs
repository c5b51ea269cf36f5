using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>Truncated and bit-flipped copies of a real Keras file give a ModelFormatException, never a crash or a hang.</summary>
public class KerasCorruptFileTests
{
    private static readonly byte[] Original = File.ReadAllBytes(Path.Combine(RepositoryPaths.Examples, "mnist", "mnist.model.best.hdf5"));

    public static TheoryData<int> CutLengths() => [0, 7, 512, 2048, 100_000, Original.Length / 2, Original.Length - 1];

    public static TheoryData<int> FlipPositions() => [0, 9, 100, 600, 1500, 3000, 5000, 20_000, Original.Length / 3, Original.Length - 100];

    [Theory]
    [MemberData(nameof(CutLengths))]
    public async Task Truncated_file(int length) => await AssertCleanOutcome(Original.AsSpan(0, length).ToArray());

    [Theory]
    [MemberData(nameof(FlipPositions))]
    public async Task Bit_flipped_file(int position)
    {
        var copy = (byte[])Original.Clone();
        copy[position] ^= 0xFF;
        await AssertCleanOutcome(copy);
    }

    // Reading may still succeed when the flip hits unused bytes or weight values; anything else must be the typed error.
    private static async Task AssertCleanOutcome(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parity-corrupt-{Guid.NewGuid():N}.h5");
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        try
        {
            var read = Task.Run(() =>
            {
                try
                {
                    var file = KerasFile.Open(path);
                    KerasModelConfig.Parse(file.ModelConfig, path);
                }
                catch (ModelFormatException e)
                {
                    Assert.Contains(path, e.Message);
                }
            }, TestContext.Current.CancellationToken);
            var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            Assert.True(finished == read, "Reading the corrupt file did not finish within 30 s.");
            await read;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
