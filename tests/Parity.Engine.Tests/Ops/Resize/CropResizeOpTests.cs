using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.Resize;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.Resize;

public class CropResizeOpTests
{
    private static readonly CropResizeOp AlignTwoByTwo = new(new CropResizeParameters(2, 2, CropResizeSampling.AlignEndpoints));

    private static float[] Run(Tensor x, Tensor boxes)
    {
        var graph = new GraphBuilder().AddInput("x", x.Type).AddInput("boxes", boxes.Type)
            .AddNode("crop", AlignTwoByTwo, ["x", "boxes"], ["y"]).AddOutput("y").Build();
        using var result = Executor.Run(graph, new Dictionary<string, Tensor> { ["x"] = x, ["boxes"] = boxes });
        return result["y"].Floats.ToArray();
    }

    [Fact]
    public void Four_coordinate_boxes_crop_every_image_and_five_coordinate_boxes_one()
    {
        var image = new TensorType(DType.Float32, new Shape(3, 2, 5, 5));
        Assert.Equal(new Shape(4, 3, 2, 2, 2), AlignTwoByTwo.InferOutputTypes([image, new TensorType(DType.Float32, new Shape(4, 4))])[0].Shape);
        Assert.Equal(new Shape(4, 1, 2, 2, 2), AlignTwoByTwo.InferOutputTypes([image, new TensorType(DType.Float32, new Shape(4, 5))])[0].Shape);
        Assert.Throws<ShapeMismatchException>(() => AlignTwoByTwo.InferOutputTypes([image, new TensorType(DType.Float32, new Shape(4, 3))]));
    }

    [Fact]
    public void The_image_index_column_picks_the_image()
    {
        // Two 2 x 2 images [[0, 1], [2, 3]] and the same plus 10; the box [1, 0, 0, 1, 1] takes image 1 whole: 10, 11, 12, 13.
        using var x = Tensor.FromArray([0, 1, 2, 3, 10, 11, 12, 13], 2, 1, 2, 2);
        using var boxes = Tensor.FromArray([1, 0, 0, 1, 1], 1, 5);
        Assert.Equal([10f, 11f, 12f, 13f], Run(x, boxes));
    }

    [Fact]
    public void An_image_index_outside_the_batch_fails_the_run()
    {
        using var x = Tensor.FromArray([0, 1, 2, 3], 1, 1, 2, 2);
        using var boxes = Tensor.FromArray([1, 0, 0, 1, 1], 1, 5);
        Assert.ThrowsAny<Exception>(() => Run(x, boxes));
    }
}
