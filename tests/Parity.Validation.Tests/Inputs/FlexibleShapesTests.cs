using Parity.Engine.Tensors;
using Parity.Validation.Inputs;

namespace Parity.Validation.Tests.Inputs;

public class FlexibleShapesTests
{
    // A real Keras -> Core ML conversion whose 'true_labels' input is declared MultiArray [1,10] with ranges [1..*, 10..10].
    private static string ImageModel()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "coreml", "rishabh01solanki__Forecasting-using-RNN", "Image_model.mlmodel");
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException($"Image_model.mlmodel not found above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public void Shapes_within_the_declared_ranges_are_accepted()
    {
        FlexibleShapes.Validate(ImageModel(), new Dictionary<string, Shape> { ["true_labels"] = new Shape(4, 10) });
        FlexibleShapes.Validate(ImageModel(), new Dictionary<string, Shape> { ["true_labels"] = new Shape(1, 10) });
    }

    [Fact]
    public void A_shape_outside_the_ranges_is_refused_with_the_ranges_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FlexibleShapes.Validate(ImageModel(), new Dictionary<string, Shape> { ["true_labels"] = new Shape(1, 11) }));

        Assert.Contains("1..* x 10..10", error.Message);
    }
}
