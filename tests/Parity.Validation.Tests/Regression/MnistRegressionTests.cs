using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.Protobuf;
using Parity.Spec.CoreML;
using Parity.Testing;
using Parity.Validation.Comparison;
using Parity.Validation.Metrics;

namespace Parity.Validation.Tests.Regression;

/// <summary>
/// A property-based regression suite as a user of the library writes one (docs/library.md): the bundled real MNIST
/// pair (Keras source, coremltools conversion with image_scale=1/255, so the source pipeline is 'unit') loaded once
/// and checked on generated 28x28 pictures, which FsCheck shrinks toward a near-blank one if any disagrees.
/// </summary>
public class MnistRegressionTests
{
    private static readonly Lazy<ParityCheck> Pair = new(() => ParityCheck.Load(
        Example("mnist.model.best.hdf5"), Example("MNIST.mlmodel"),
        new ComparisonOptions { Tolerance = Tolerance.Fp32, RoleA = "source", RoleB = "converted" }, sourcePreprocess: "unit"));

    [Property(MaxTest = 8)]
    public Property The_conversion_agrees_with_the_source_on_every_picture() =>
        Prop.ForAll(ModelInputs.Arbitrary(Pair.Value.Converted), input =>
        {
            var tensors = input.ToTensors();
            try
            {
                return Pair.Value.Check(tensors).Verdict == ComparisonVerdict.Agree;
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
        });

    [Property(MaxTest = 20)]
    public Property Generated_pictures_are_whole_pixels_in_the_declared_shape() =>
        Prop.ForAll(ModelInputs.Arbitrary(Pair.Value.Converted), input =>
        {
            var (name, value) = input.Values.Single();
            return name == "image" && value.Shape == Pair.Value.Converted.Graph.Inputs[0].Type.Shape
                && value.Data.All(x => x >= 0 && x <= 255 && x == MathF.Floor(x));
        });

    [Fact]
    public void Shrinking_a_failing_picture_ends_at_the_one_pixel_that_fails()
    {
        // "No pixel brighter than 200" fails on a dense picture; shrinking greedily as FsCheck does (first smaller candidate
        // that still fails) must end with every other pixel blank and one pixel still above 200.
        var domains = ModelInputs.Domains(Pair.Value.Converted);
        var input = ModelInputs.For(Pair.Value.Converted).Sample(10, 20).First(i => i.Values["image"].Data.Count(x => x > 200) > 5);
        static bool Fails(ModelInput i) => i.Values["image"].Data.Any(x => x > 200);

        var steps = 0;
        while (ModelInputs.Shrink(input, domains).FirstOrDefault(Fails) is { } smaller)
        {
            input = smaller;
            Assert.True(++steps < 200, "shrinking did not converge");
        }

        var data = input.Values["image"].Data;
        Assert.Equal(1, data.Count(x => x != 0));
        Assert.True(data.Max() > 200);
    }

    [Fact]
    public void A_broken_conversion_fails_the_property_and_shrinks_to_a_blank_picture()
    {
        // The conversion mistake CheckCommandPairTests plants: the scaler adds 0.1 to every pixel after scaling. It shows
        // on every picture, so FsCheck's shrinking ends at the most minimal one: all pixels 0.
        var file = CoreMLModelFile.Load(Example("MNIST.mlmodel"));
        file.Model.NeuralNetworkClassifier.Preprocessing[0].Scaler.GrayBias = 0.1f;
        var broken = Path.Combine(Path.GetTempPath(), $"parity-broken-{Guid.NewGuid():N}.mlmodel");
        File.WriteAllBytes(broken, file.Model.ToByteArray());
        try
        {
            var pair = ParityCheck.Load(Example("mnist.model.best.hdf5"), broken, new ComparisonOptions { Tolerance = Tolerance.Fp32 }, sourcePreprocess: "unit");
            var property = Prop.ForAll(ModelInputs.Arbitrary(pair.Converted), input =>
            {
                var tensors = input.ToTensors();
                try
                {
                    return pair.Check(tensors).Verdict == ComparisonVerdict.Agree;
                }
                finally
                {
                    foreach (var t in tensors.Values) t.Dispose();
                }
            });

            var failure = Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(3), property));

            Assert.Contains("image Float32[1, 1, 28, 28]: 0 non-zero of 784", failure.Message);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private static string Example(string file) => Path.Combine(RepositoryPaths.Examples, "mnist", file);
}
