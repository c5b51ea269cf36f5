using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Linear;
using Parity.Engine.Ops.Normalization;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>innerProduct and batchnorm.</summary>
internal static class NeuralNetworkCoreLayers
{
    /// <summary>
    /// On a [Batch, C, H, W] blob innerProduct flattens C, H, W in that order and yields [Batch, out, 1, 1]; on other
    /// ranks (the ND layers' tensors) it works on the last axis. Weights are stored [outputChannels, inputChannels].
    /// </summary>
    public static IReadOnlyList<string> InnerProduct(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.InnerProduct;
        var input = context.Input;
        var shape = context.ShapeOf(input);
        var inputs = context.Size(p.InputChannels, "innerProduct.inputChannels", 1);
        var outputs = context.Size(p.OutputChannels, "innerProduct.outputChannels", 1);
        // Stored output-major [outputs, inputs], which Dense packs as it is.
        using var stored = context.TransientWeights(p.Weights, [outputs, inputs], "innerProduct.weights");
        var bias = p.HasBias ? context.Weights(p.Bias, [outputs], "innerProduct.bias") : null;
        var dense = Dense.FromOutputMajor(stored, bias);
        if (shape.Rank == 4 && shape[1] * shape[2] * shape[3] == inputs)
        {
            var flat = context.Emit("flatten", new ReshapeOp([shape[0], inputs]), input);
            var product = context.Emit("product", dense, flat);
            return [context.Emit("", new ReshapeOp([shape[0], outputs, 1, 1]), product)];
        }
        return [context.Emit("", dense, input)];
    }

    /// <summary>
    /// y = gamma * (x - mean) / sqrt(variance + epsilon) + beta per channel, with the stored statistics, or with each
    /// sample's own statistics over H, W when instanceNormalization (or computeMeanVar on a batch of one) is set.
    /// </summary>
    public static IReadOnlyList<string> Batchnorm(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Batchnorm;
        var input = context.Input;
        var channels = context.Size(p.Channels, "batchnorm.channels", 1);
        var shape = context.ShapeOf(input);
        var rank = shape.Rank;
        if (p.ComputeMeanVar || p.InstanceNormalization)
        {
            // Without instanceNormalization the statistics span the batch too, which equals per-sample ones only for one sample.
            if (rank != 4 || (!p.InstanceNormalization && shape[0] != 1))
            {
                throw context.Unsupported($"batchnorm computing its statistics from a {shape} blob is executed only for [1, C, H, W] or with instanceNormalization.");
            }
            var scale = context.Weights(p.Gamma, [channels], "batchnorm.gamma");
            var shift = context.Weights(p.Beta, [channels], "batchnorm.beta");
            return [context.Emit("", new InstanceNormalization(Layout.Nchw, scale, shift, p.Epsilon, EpsilonPlacement.AddToVariance), input)];
        }
        var axis = rank >= 3 ? rank - 3 : rank - 1;
        var gamma = context.Weights(p.Gamma, [channels], "batchnorm.gamma");
        var beta = context.Weights(p.Beta, [channels], "batchnorm.beta");
        var mean = context.Weights(p.Mean, [channels], "batchnorm.mean");
        var variance = context.Weights(p.Variance, [channels], "batchnorm.variance");
        return [context.Emit("", new BatchNormalization(axis, mean, variance, gamma, beta, p.Epsilon), input)];
    }
}
