using Parity.Spec.Keras;

namespace Parity.Spec.Tests.Keras;

/// <summary>
/// Truncated and bit-flipped copies of every small real Keras file in the fixtures (.h5 from Keras 1 to 3, Theano and
/// TensorFlow, full models and a weights-only file with its JSON, a Keras 3 .keras zip) either read and build, or fail
/// with a ModelFormatException naming the file; never another exception, never a hang.
/// </summary>
public class KerasCorruptFileTests
{
    private static readonly string FixtureRoot = Path.Combine(RepositoryPaths.Fixtures, "keras");

    // Model files relative to the repository root; a weights-only file lists its JSON config after a '|'.
    private static readonly string[] Files =
    [
        "examples/mnist/mnist.model.best.hdf5",
        "tests/fixtures/keras/Dobiasd__frugally-deep/temp_stateless.h5",
        "tests/fixtures/keras/Dobiasd__frugally-deep/lstm.h5",
        "tests/fixtures/keras/malfaro2__dl4j-test-resources/dense_tensorflow_1.h5",
        "tests/fixtures/keras/malfaro2__dl4j-test-resources/conv2d_theano_2.h5",
        "tests/fixtures/keras/malfaro2__dl4j-test-resources/bidirectional_lstm_tensorflow_2.h5",
        "tests/fixtures/keras/malfaro2__dl4j-test-resources/embedding_lstm_tensorflow_1.h5",
        "tests/fixtures/keras/malfaro2__dl4j-test-resources/lstm_functional_tf_keras_2.h5",
        "tests/fixtures/keras/malfaro2__dl4j-test-resources/cnn_batch_norm.h5",
        "tests/fixtures/keras/malfaro2__dl4j-test-resources/masking_zero_lstm.h5",
        "tests/fixtures/keras/malfaro2__dl4j-test-resources/simple_lstm_tf_keras_2_weights.h5|tests/fixtures/keras/malfaro2__dl4j-test-resources/simple_lstm_tf_keras_2_config.json",
        "tests/fixtures/keras/JacopoMangiavacchi__CoreML-TransferLearning-Demo/keras_simplified_no_train_model.h5",
        "tests/fixtures/keras/Moonflower2022__MNIST-models/mnist_model.keras",
    ];

    public static TheoryData<string> Models() => new(Files);

    public static TheoryData<string, int> Cuts()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Files)
        {
            var length = (int)new FileInfo(ModelPath(file)).Length;
            foreach (var cut in new[] { 0, 7, 512, 2048, length / 3, length / 2, length - 1 }.Distinct()) data.Add(file, cut);
        }
        return data;
    }

    // Flips spread over the file: the superblock, object headers and B-trees near the start, weight data and (for the
    // zip) the central directory near the end.
    public static TheoryData<string, int> Flips()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Files)
        {
            var length = (int)new FileInfo(ModelPath(file)).Length;
            var positions = new[] { 0, 9, 100, 600, 1500, 3000, 5000 }.Concat(Enumerable.Range(1, 7).Select(k => length * k / 8)).Append(length - 30);
            foreach (var position in positions.Where(p => p < length).Distinct()) data.Add(file, position);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Intact_file_reads(string file)
    {
        var (model, config) = Split(file);
        var read = KerasGraphReader.Read(model, new KerasReadOptions { ConfigPath = config });
        Assert.NotEmpty(read.Graph.Outputs);
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task Truncated_file(string file, int length)
    {
        var bytes = await File.ReadAllBytesAsync(Split(file).Model, TestContext.Current.CancellationToken);
        await AssertCleanOutcome(file, bytes.AsSpan(0, length).ToArray());
    }

    [Theory]
    [MemberData(nameof(Flips))]
    public async Task Bit_flipped_file(string file, int position)
    {
        var bytes = await File.ReadAllBytesAsync(Split(file).Model, TestContext.Current.CancellationToken);
        bytes[position] ^= 0xFF;
        await AssertCleanOutcome(file, bytes);
    }

    private static string ModelPath(string file) => Path.Combine(RepositoryPaths.Root, file.Split('|')[0]);

    private static (string Model, string? Config) Split(string file)
    {
        var parts = file.Split('|');
        return (Path.Combine(RepositoryPaths.Root, parts[0]), parts.Length > 1 ? Path.Combine(RepositoryPaths.Root, parts[1]) : null);
    }

    // Reading may still succeed when the change hits unused bytes or weight values; anything else must be the typed
    // error. The copy keeps the original's extension, which decides between the .h5 and .keras readers.
    private static async Task AssertCleanOutcome(string file, byte[] bytes)
    {
        var (model, config) = Split(file);
        var path = Path.Combine(Path.GetTempPath(), $"parity-corrupt-{Guid.NewGuid():N}{Path.GetExtension(model)}");
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        try
        {
            var read = Task.Run(() =>
            {
                try
                {
                    KerasGraphReader.Read(path, new KerasReadOptions { ConfigPath = config });
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
