using System.Buffers.Binary;
using Google.Protobuf;
using Parity.Engine.Graph;
using Parity.Engine.Tensors;
using Parity.Spec.CoreML;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.Format.Mil;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML.MLProgram;

/// <summary>
/// Damaged ML Program packages (copies of the repository's SmallCNN_fp32.mlpackage) fail with a ModelFormatException
/// naming the file and the op or blob, never another exception and never a hang.
/// </summary>
public class MLProgramErrorTests
{
    private const string WeightsPath = "Data/com.apple.CoreML/weights/weight.bin";
    private const string SpecificationPath = "Data/com.apple.CoreML/model.mlmodel";

    private static string Fixture => CoreMLFixtureFiles.FullPath("torch_small_cnn/SmallCNN_fp32.mlpackage");

    [Fact]
    public void A_package_without_its_manifest_is_named()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        File.Delete(Path.Combine(package, "Manifest.json"));

        var error = Assert.Throws<ModelFormatException>(() => ModelFiles.Load(package));
        Assert.Contains("Manifest.json", error.Message);
    }

    [Fact]
    public void A_manifest_pointing_outside_the_package_is_refused()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        var manifest = File.ReadAllText(Path.Combine(package, "Manifest.json"));
        File.WriteAllText(Path.Combine(package, "Manifest.json"), manifest.Replace("\"com.apple.CoreML/model.mlmodel\"", "\"../../outside.mlmodel\"", StringComparison.Ordinal));

        var error = Assert.Throws<ModelFormatException>(() => ModelFiles.Load(package));
        Assert.Contains("outside the package", error.Message);
    }

    [Fact]
    public void A_weight_file_cut_short_names_the_blob_past_its_end()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        var weights = Path.Combine(package, WeightsPath);
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelFormatException>(() => ModelFiles.Load(package));
        Assert.EndsWith("weight.bin", error.File);
        Assert.Contains("blob at offset", error.Location);
    }

    [Fact]
    public void A_blob_without_the_metadata_sentinel_is_refused()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        var weights = Path.Combine(package, WeightsPath);
        var bytes = File.ReadAllBytes(weights);
        // The first blob's metadata follows the 64-byte storage header and starts with 0xDEADBEEF.
        Assert.Equal(0xDEADBEEFu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(64)));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(64), 0x12345678);
        File.WriteAllBytes(weights, bytes);

        var error = Assert.Throws<ModelFormatException>(() => ModelFiles.Load(package));
        Assert.Contains("0x12345678", error.Message);
        Assert.Contains("sentinel", error.Message);
    }

    [Fact]
    public void A_blob_declared_past_the_end_of_the_file_is_refused()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        var weights = Path.Combine(package, WeightsPath);
        var bytes = File.ReadAllBytes(weights);
        // Metadata: sentinel (4), data type (4), size in bytes (8) at +8, data offset (8) at +16.
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(64 + 16), (ulong)bytes.Length - 8);
        File.WriteAllBytes(weights, bytes);

        var error = Assert.Throws<ModelFormatException>(() => ModelFiles.Load(package));
        Assert.Contains("past the end", error.Message);
    }

    [Fact]
    public void A_blob_path_escaping_the_package_is_refused()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        Rewrite(package, op => op.Type == "const" && op.Attributes["val"].BlobFileValue is not null,
            op => op.Attributes["val"].BlobFileValue.FileName = "@model_path/../../../../secret.bin");

        var error = Assert.Throws<ModelFormatException>(() => ModelFiles.Load(package));
        Assert.Contains("outside the model package", error.Message);
    }

    [Fact]
    public void A_weight_file_linking_outside_the_package_is_refused()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        var weights = Path.Combine(package, WeightsPath);
        var outside = temp.WriteFile("outside.bin", File.ReadAllBytes(weights));
        File.Delete(weights);
        File.CreateSymbolicLink(weights, outside);

        var error = Assert.Throws<ModelFormatException>(() => ModelFiles.Load(package));
        Assert.Contains("outside the model package", error.Message);
    }

    [Fact]
    public void An_op_reading_an_undefined_value_is_named()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        Rewrite(package, op => op.Type == "relu", op => op.Inputs["x"].Arguments[0].Name = "never_defined");

        var error = Assert.Throws<ModelFormatException>(() => ModelFiles.Load(package));
        Assert.Contains("(relu)", error.Location);
        Assert.Contains("'never_defined'", error.Message);
    }

    [Fact]
    public void An_op_type_parity_does_not_know_is_listed_and_the_rest_still_runs()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        // The softmax feeds only the 'probs' output; 'logits' does not depend on it.
        Rewrite(package, op => op.Type == "softmax", op => op.Type = "mystery_op");

        var model = ModelFiles.Load(package);
        var unsupported = Assert.Single(model.Unsupported);
        Assert.Equal("mystery_op", unsupported.Type);
        Assert.Equal(["logits"], model.Graph.Outputs);
    }

    [Fact(Timeout = 120_000)]
    public async Task Cut_and_flipped_copies_fail_cleanly()
    {
        using var temp = new TemporaryDirectory();
        var package = Copy(temp);
        await Task.Run(() =>
        {
            foreach (var relative in new[] { SpecificationPath, WeightsPath })
            {
                var path = Path.Combine(package, relative);
                var original = File.ReadAllBytes(path);
                foreach (var damaged in Damaged(original))
                {
                    File.WriteAllBytes(path, damaged);
                    LoadsAndRunsOrFailsCleanly(package);
                }
                File.WriteAllBytes(path, original);
            }
        }, TestContext.Current.CancellationToken);
    }

    private static void LoadsAndRunsOrFailsCleanly(string package)
    {
        ExecutableModel model;
        try
        {
            model = ModelFiles.Load(package);
        }
        catch (ModelFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Problem));
            return;
        }
        catch (UnsupportedLayerException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Layer.Reason));
            return;
        }
        var inputs = model.Graph.Inputs.ToDictionary(i => i.Name, i => Tensor.Zeros(i.Type.DType, i.Type.Shape));
        using var result = Executor.Run(model.Graph, inputs, new ExecutionOptions { ContinueOnError = true, Precision = model.Precision });
        foreach (var t in inputs.Values) t.Dispose();
    }

    private static IEnumerable<byte[]> Damaged(byte[] bytes)
    {
        var n = bytes.Length;
        foreach (var cut in new[] { 1, 7, 63, 64, 65, 127, 128, n / 3, n / 2, n - 1 }.Where(c => c > 0 && c < n).Distinct())
        {
            yield return bytes[..cut];
        }
        foreach (var position in new[] { 0, 1, 4, 8, 16, 64, 68, 72, 80, n / 3, n / 2, n - 1 }.Where(p => p >= 0 && p < n).Distinct())
        {
            foreach (var mask in new byte[] { 0xFF, 0x80, 0x01 })
            {
                var copy = (byte[])bytes.Clone();
                copy[position] ^= mask;
                yield return copy;
            }
        }
    }

    private static string Copy(TemporaryDirectory temp)
    {
        var target = temp.Combine("Copy.mlpackage");
        foreach (var file in Directory.EnumerateFiles(Fixture, "*", SearchOption.AllDirectories))
        {
            temp.WriteFile(Path.Combine("Copy.mlpackage", Path.GetRelativePath(Fixture, file)), File.ReadAllBytes(file));
        }
        return target;
    }

    private static void Rewrite(string package, Func<Operation, bool> which, Action<Operation> change)
    {
        var path = Path.Combine(package, SpecificationPath);
        var model = Model.Parser.ParseFrom(File.ReadAllBytes(path));
        var block = model.MlProgram.Functions["main"].BlockSpecializations.Values.Single();
        change(block.Operations.First(which));
        File.WriteAllBytes(path, model.ToByteArray());
    }
}
