using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.Linear;
using Parity.Engine.Tensors;
using Parity.Spec;

namespace Parity.Validation.Tests.Comparison;

/// <summary>Small executable models built in memory, standing in for a source model and its conversion.</summary>
internal static class TestModels
{
    private static readonly float[] W1 = [1, 0, -1, 0.5f, 1, 0, 0, -0.5f, 1, 1, 1, 1];
    private static readonly float[] B1 = [0.1f, 0.2f, 0.3f];
    private static readonly float[] W2 = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    private static readonly float[] B2 = [0, 0, 0];
    private static readonly float[] W3 = [1, -1, 0.5f, 0.5f, -1, 1];
    private static readonly float[] B3 = [0, 0];

    /// <summary>x[1,4] -> d1 (Dense+relu) -> d2 (Dense) -> d3 (Dense) -> probs (softmax), named as Keras names layers.</summary>
    public static ExecutableModel Source()
    {
        var graph = new GraphBuilder()
            .AddInput("x", new TensorType(DType.Float32, new Shape(1, 4)))
            .AddNode("d1", new Dense(T(W1, 4, 3), T(B1, 3), new Activation(ActivationKind.Relu)), "x", "d1:0")
            .AddNode("d2", new Dense(T(W2, 3, 3), T(B2, 3)), "d1:0", "d2:0")
            .AddNode("d3", new Dense(T(W3, 3, 2), T(B3, 2)), "d2:0", "d3:0")
            .AddNode("probs", new AxisSoftmax(1), "d3:0", "probs:0")
            .AddOutput("probs:0")
            .Build();
        return new ExecutableModel("source.h5", "Keras", graph,
            [new("d1", "Dense", "d1:0"), new("d2", "Dense", "d2:0"), new("d3", "Dense", "d3:0"), new("probs", "Softmax", "probs:0")], [], []);
    }

    /// <summary>
    /// The same network as a converter writes it: the fused relu split into its own layer named "d1__activation__",
    /// other suffixes added, and d2's bias shifted by <paramref name="d2BiasShift"/> on its first unit.
    /// </summary>
    public static ExecutableModel Converted(float d2BiasShift = 0)
    {
        float[] b2 = [B2[0] + d2BiasShift, B2[1], B2[2]];
        var graph = new GraphBuilder()
            .AddInput("input", new TensorType(DType.Float32, new Shape(1, 4)))
            .AddNode("d1", new Dense(T(W1, 4, 3), T(B1, 3)), "input", "d1")
            .AddNode("d1_relu", new ElementwiseActivation(new Activation(ActivationKind.Relu)), "d1", "d1__activation__")
            .AddNode("d2", new Dense(T(W2, 3, 3), T(b2, 3)), "d1__activation__", "d2_output")
            .AddNode("d3", new Dense(T(W3, 3, 2), T(B3, 2)), "d2_output", "d3")
            .AddNode("probs", new AxisSoftmax(1), "d3", "classLabelProbs")
            .AddOutput("classLabelProbs")
            .Build();
        return new ExecutableModel("converted.mlmodel", "CoreML", graph,
            [new("d1", "innerProduct", "d1"), new("d1__activation__", "activation", "d1__activation__"), new("d2_output", "innerProduct", "d2_output"),
             new("d3", "innerProduct", "d3"), new("classLabelProbs", "softmax", "classLabelProbs")], [], []);
    }

    /// <summary>An identity network over one image, declared channels-last ([1,H,W,C]) or channels-first ([1,C,H,W]).</summary>
    public static ExecutableModel Image(bool channelsFirst)
    {
        var shape = channelsFirst ? new Shape(1, 3, 2, 2) : new Shape(1, 2, 2, 3);
        var graph = new GraphBuilder()
            .AddInput(channelsFirst ? "data" : "image", new TensorType(DType.Float32, shape))
            .AddNode("copy", new Identity(), channelsFirst ? "data" : "image", "copy")
            .AddOutput("copy")
            .Build();
        return new ExecutableModel(channelsFirst ? "chw.mlmodel" : "hwc.h5", channelsFirst ? "CoreML" : "Keras", graph, [new("copy", "Identity", "copy")], [], []);
    }

    private static Tensor T(float[] data, params int[] shape) => Tensor.FromArray(data, shape);
}
