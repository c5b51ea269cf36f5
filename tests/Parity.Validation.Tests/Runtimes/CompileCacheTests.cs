using Parity.Validation.Runtimes.CoreML;

namespace Parity.Validation.Tests.Runtimes;

public sealed class CompileCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("parity-cache-test").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_file_is_keyed_by_the_sha256_of_its_bytes()
    {
        var file = Write("a/model.mlmodel", "abc");
        // FIPS 180-2 test vector: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CompileCache.Key(file));
        Assert.Equal(CompileCache.Key(file), CompileCache.Key(Write("elsewhere/copy.mlmodel", "abc")));
        Assert.NotEqual(CompileCache.Key(file), CompileCache.Key(Write("b/model.mlmodel", "abd")));
    }

    [Fact]
    public void A_package_is_keyed_by_its_contents_not_its_location()
    {
        var one = Package("one.mlpackage", ("Manifest.json", "{}"), ("Data/model.mlmodel", "spec"), ("Data/weights/weight.bin", "0123"));
        var two = Package("two/same.mlpackage", ("Manifest.json", "{}"), ("Data/model.mlmodel", "spec"), ("Data/weights/weight.bin", "0123"));
        Assert.Equal(CompileCache.Key(one), CompileCache.Key(two));

        var edited = Package("edited.mlpackage", ("Manifest.json", "{}"), ("Data/model.mlmodel", "spec"), ("Data/weights/weight.bin", "0124"));
        var renamed = Package("renamed.mlpackage", ("Manifest.json", "{}"), ("Data/model.mlmodel", "spec"), ("Data/weights/weights.bin", "0123"));
        // The same bytes in total, split differently between two files.
        var shifted = Package("shifted.mlpackage", ("Manifest.json", "{}s"), ("Data/model.mlmodel", "pec"), ("Data/weights/weight.bin", "0123"));
        Assert.Equal(4, new[] { one, edited, renamed, shifted }.Select(CompileCache.Key).Distinct().Count());
    }

    [Fact]
    public void Stored_models_are_found_again_under_their_key()
    {
        var model = Write("m.mlmodel", "model bytes");
        var cache = new CompileCache(Path.Combine(_root, "cache"));
        Assert.False(Directory.Exists(cache.CompiledPathFor(model)));
        var compiled = Package("tmp/compiled.mlmodelc", ("coremldata.bin", "x"), ("model/model.espresso.net", "y"));

        var stored = cache.Store(model, compiled);

        Assert.Equal(cache.CompiledPathFor(model), stored);
        Assert.Equal("y", File.ReadAllText(Path.Combine(stored, "model", "model.espresso.net")));
        Assert.Equal(stored, cache.Store(model, compiled));
        Assert.Single(Directory.GetDirectories(cache.Root));
    }

    [Fact]
    public void A_missing_model_is_named()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CompileCache.Key(Path.Combine(_root, "absent.mlmodel")));
        Assert.Contains("absent.mlmodel", e.Message);
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string Package(string name, params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files) Write(Path.Combine(name, path), text);
        return Path.Combine(_root, name);
    }
}
