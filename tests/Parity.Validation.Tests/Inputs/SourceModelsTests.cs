using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Validation.Comparison;
using Parity.Validation.Metrics;

namespace Parity.Validation.Tests.Inputs;

/// <summary>A source that declares a fixed size, checked at another: re-read when fully convolutional, left alone otherwise.</summary>
public class SourceModelsTests
{
    private static string Dl4j(string file) => Path.Combine(RepositoryPaths.Fixtures, "keras", "malfaro2__dl4j-test-resources", file);


    [Fact]
    public void A_fully_convolutional_source_is_re_read_at_the_converted_size_and_the_report_says_so()
    {
        // conv2d_theano_2.h5 is a single Conv2D declared for [?, 5, 5, 5]; the "conversion" (the same file) is fed 9x7.
        var path = Dl4j("conv2d_theano_2.h5");
        var options = new ComparisonOptions { Tolerance = Tolerance.Exact, RoleA = "source", RoleB = "converted" };
        var converted = ModelFiles.Load(path);
        var input = converted.Graph.Inputs[0].Name;
        options = options with { InputShapes = new Dictionary<string, Shape> { [input] = new Shape(1, 9, 7, 5) } };

        var (source, note) = SourceModels.LoadToFit(path, new ModelLoadOptions(), converted, options);

        Assert.Equal(new Shape(1, 9, 7, 5), source.Graph.Inputs[0].Type.Shape);
        Assert.Contains("fully convolutional", note);
        var check = ParityCheck.Load(path, path, options);
        var report = check.CheckSeeded();
        Assert.Equal(ComparisonVerdict.Agree, report.Verdict);
        Assert.Equal("[1, 7, 5, 6]", report.Pairs.Single(p => p.IsOutput).ShapeA);
        Assert.Contains(report.Notes, n => n.Contains("re-read", StringComparison.Ordinal));
    }

    [Fact]
    public void A_source_with_a_fixed_size_layer_is_left_as_declared()
    {
        // cnn_batch_norm.h5 ends in Flatten + Dense(36 -> 1): at another size the Dense no longer fits.
        var path = Dl4j("cnn_batch_norm.h5");
        var converted = ModelFiles.Load(path);
        var options = new ComparisonOptions { InputShapes = new Dictionary<string, Shape> { [converted.Graph.Inputs[0].Name] = new Shape(1, 12, 12, 3) } };

        var (source, note) = SourceModels.LoadToFit(path, new ModelLoadOptions(), converted, options);

        Assert.Null(note);
        Assert.Equal(new Shape(1, 10, 10, 3), source.Graph.Inputs[0].Type.Shape);
    }
}
