using Parity.Engine.Graph;
using Parity.Spec.CoreML.Format;
using Parity.Spec.CoreML.NeuralNetwork;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;
using static Parity.Spec.Tests.CoreML.NeuralNetworkModels;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.Tests.CoreML;

/// <summary>batchedMatmul and dot, worked out by hand; and the real TensorFlow conversion that uses batchedMatmul.</summary>
public class NeuralNetworkMatMulLayerTests
{
    // A = [[1, 2, 3], [4, 5, 6]], B = [[1, 0], [0, 1], [2, 2]]:
    // A·B = [[1 + 0 + 6, 0 + 2 + 6], [4 + 0 + 12, 0 + 5 + 12]] = [[7, 8], [16, 17]].
    private static readonly float[] A = [1, 2, 3, 4, 5, 6];
    private static readonly float[] B = [1, 0, 0, 1, 2, 2];

    [Fact]
    public void Two_inputs_multiply_as_matrices()
    {
        var layer = Node("mm", "a", "b");
        layer.BatchedMatmul = new BatchedMatMulLayerParams();
        var (values, shape) = RunND([new("a", A, 2, 3), new("b", B, 3, 2)], layer);
        Assert.Equal([2, 2], shape);
        Assert.Equal([7f, 8f, 16f, 17f], values);
    }

    [Fact]
    public void Transposes_apply_to_the_last_two_axes()
    {
        // Aᵀ stored [3, 2] = [[1, 4], [2, 5], [3, 6]] and Bᵀ stored [2, 3] = [[1, 0, 2], [0, 1, 2]]: the same product.
        var layer = Node("mm", "at", "bt");
        layer.BatchedMatmul = new BatchedMatMulLayerParams { TransposeA = true, TransposeB = true };
        var (values, shape) = RunND([new("at", [1, 4, 2, 5, 3, 6], 3, 2), new("bt", [1, 0, 2, 0, 1, 2], 2, 3)], layer);
        Assert.Equal([2, 2], shape);
        Assert.Equal([7f, 8f, 16f, 17f], values);
    }

    [Fact]
    public void A_rank_1_first_operand_becomes_a_row_and_keeps_its_axis()
    {
        // [1, 2, 3] -> [[1, 2, 3]] (1 x 3) times B: [[7, 8]], rank max(2, 1, 2) = 2 (NumPy would drop the axis).
        var layer = Node("mm", "a", "b");
        layer.BatchedMatmul = new BatchedMatMulLayerParams();
        var (values, shape) = RunND([new("a", [1, 2, 3], 3), new("b", B, 3, 2)], layer);
        Assert.Equal([1, 2], shape);
        Assert.Equal([7f, 8f], values);
    }

    [Fact]
    public void One_input_uses_the_stored_weights_transposed_and_adds_the_bias()
    {
        // W [X1 = 3, X2 = 2] = B is stored as Wᵀ row-major: [1, 0, 2, 0, 1, 2]. Bias [10, 20].
        // A·W + b = [[17, 28], [26, 37]]; the rank-3 input [1, 2, 3] keeps its leading axis.
        var layer = Node("mm", "a");
        layer.BatchedMatmul = new BatchedMatMulLayerParams
        {
            WeightMatrixFirstDimension = 3, WeightMatrixSecondDimension = 2, HasBias = true,
            Weights = Floats(1, 0, 2, 0, 1, 2), Bias = Floats(10, 20),
        };
        var (values, shape) = RunND([new("a", A, 1, 2, 3)], layer);
        Assert.Equal([1, 2, 2], shape);
        Assert.Equal([17f, 28f, 26f, 37f], values);
    }

    [Theory]
    // x1 = [1, 2, 2], x2 = [2, 0, 1]: dot 2 + 0 + 2 = 4; cosine 4 / (|x1| |x2|) = 4 / (3 * sqrt(5)) = 0.5962848.
    [InlineData(false, 4f)]
    [InlineData(true, 0.5962848f)]
    public void Dot_sums_products_over_channels(bool cosine, float expected)
    {
        var layer = Node("dot", "x1", "x2");
        layer.Dot = new DotProductLayerParams { CosineSimilarity = cosine };
        var (values, shape) = RunRank5([new("x1", [1, 2, 2], 3), new("x2", [2, 0, 1], 3)], layer);
        Assert.Equal([1, 1, 1, 1], shape);
        Close([expected], values);
    }

    [Fact]
    public void The_real_TensorFlow_classifier_runs_and_each_batched_matmul_matches_a_plain_loop()
    {
        var path = CoreMLFixtureFiles.FullPath("rishabh01solanki__Forecasting-using-RNN/Image_model.mlmodel");
        var model = CoreMLGraphReader.Read(path);
        Assert.Empty(model.Unsupported);
        var layers = model.File.Model.NeuralNetworkClassifier.Layers.Where(l => l.LayerCase == NeuralNetworkLayer.LayerOneofCase.BatchedMatmul).ToList();
        Assert.Equal(2, layers.Count);

        var random = new Random(7);
        var image = Enumerable.Range(0, 3 * 32 * 32).Select(_ => (float)random.Next(256)).ToArray();
        var labels = new float[10];
        labels[3] = 1;
        var wanted = layers.SelectMany(l => new[] { model.Blobs[l.Input[0]], model.Blobs[l.Output[0]] }).Append(model.Blobs["Identity"]).Distinct().ToList();
        using var imageTensor = Tensor.FromArray(image, 1, 3, 32, 32);
        using var labelTensor = Tensor.FromArray(labels, 1, 10);
        using var result = Executor.Run(model.Graph, new Dictionary<string, Tensor> { ["conv2d_input"] = imageTensor, ["true_labels"] = labelTensor },
            new ExecutionOptions { Outputs = wanted });

        foreach (var layer in layers)
        {
            var p = layer.BatchedMatmul;
            var (rows, columns) = ((int)p.WeightMatrixFirstDimension, (int)p.WeightMatrixSecondDimension);
            Assert.Equal(rows * columns, p.Weights.FloatValue.Count);
            var x = result[model.Blobs[layer.Input[0]]].Floats.ToArray();
            var y = result[model.Blobs[layer.Output[0]]].Floats.ToArray();
            var batch = x.Length / rows;
            var expected = new float[batch * columns];
            for (var b = 0; b < batch; b++)
            {
                for (var c = 0; c < columns; c++)
                {
                    // Stored transposed: weight (k, c) is element c * rows + k.
                    double sum = p.HasBias ? p.Bias.FloatValue[c] : 0;
                    for (var k = 0; k < rows; k++) sum += (double)x[b * rows + k] * p.Weights.FloatValue[c * rows + k];
                    expected[b * columns + c] = (float)sum;
                }
            }
            Close(expected, y, 1e-4f);
        }
        var identity = result[model.Blobs["Identity"]].Floats.ToArray();
        Assert.All(identity, v => Assert.True(float.IsFinite(v)));
    }
}
