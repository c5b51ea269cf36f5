using Parity.Engine.Tensors;
using Parity.Spec.CoreML;

namespace Parity.Spec.Tests.CoreML;

public class CoreMLFlexibleShapesTests
{
    // A real Keras -> Core ML conversion whose 'true_labels' input is declared MultiArray [1,10] with ranges [1..*, 10..10].
    private static string ImageModel() => Path.Combine(RepositoryPaths.CoreMLFixtures, "rishabh01solanki__Forecasting-using-RNN", "Image_model.mlmodel");

    [Fact]
    public void Shapes_within_the_declared_ranges_are_accepted()
    {
        CoreMLFlexibleShapes.Validate(ImageModel(), new Dictionary<string, Shape> { ["true_labels"] = new Shape(4, 10) });
        CoreMLFlexibleShapes.Validate(ImageModel(), new Dictionary<string, Shape> { ["true_labels"] = new Shape(1, 10) });
    }

    [Fact]
    public void A_shape_outside_the_ranges_is_refused_with_the_ranges_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            CoreMLFlexibleShapes.Validate(ImageModel(), new Dictionary<string, Shape> { ["true_labels"] = new Shape(1, 11) }));

        Assert.Contains("1..* x 10..10", error.Message);
    }
}
