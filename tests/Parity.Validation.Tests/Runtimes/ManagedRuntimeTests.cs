using Parity.Engine.Tensors;
using Parity.Validation.Runtimes;
using Parity.Validation.Tests.Comparison;

namespace Parity.Validation.Tests.Runtimes;

public class ManagedRuntimeTests
{
    [Fact]
    public void Outputs_belong_to_the_caller_and_outlive_the_run()
    {
        var runtime = new ManagedRuntime();
        using var session = runtime.Open("converted.mlmodel", TestModels.Converted());
        using var x = Tensor.FromArray([1, 2, 3, 4], 1, 4);

        using var outputs = session.Predict(new Dictionary<string, Tensor> { ["input"] = x });

        var probs = outputs.Outputs["classLabelProbs"];
        // A softmax row sums to 1.
        Assert.Equal(1, probs.Floats.ToArray().Sum(), 5);
        Assert.Empty(outputs.Problems);
        Assert.Equal("managed", runtime.Name);
    }
}
