namespace Parity.Spec.Tests.Keras;

/// <summary>The bundled MNIST model agrees layer by layer with an independent Keras implementation (TensorFlow.js layers).</summary>
public class KerasBundledOracleTests
{
    [Fact]
    public void Mnist_agrees_with_the_oracle_at_every_layer()
    {
        var model = Path.Combine(RepositoryPaths.Examples, "mnist", "mnist.model.best.hdf5");
        var oracle = Path.Combine(RepositoryPaths.Fixtures, "keras", "omaralbeik__mnist-coreml", "oracle");
        var result = KerasOracle.Compare(model, oracle);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        Assert.Equal(12, result.Compared); // the output and all 11 layers
    }
}
