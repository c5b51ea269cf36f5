using Parity.Engine.Kernels;
using Parity.Engine.Kernels.Elementwise;
using Parity.Engine.Kernels.Normalization;
using Parity.Engine.Ops.Core;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Ops.Elementwise;
using Parity.Engine.Ops.Normalization;
using Parity.Spec.CoreML.Format;
using Tensor = Parity.Engine.Tensors.Tensor;

namespace Parity.Spec.CoreML.NeuralNetwork.Layers;

/// <summary>
/// Layers of the original [C, H, W] family beyond convolution: scale, bias, loadConstant, padding, crop, permute,
/// embedding, l2normalize, lrn, mvn and copy.
/// </summary>
internal static class NeuralNetworkChannelLayers
{
    /// <summary>y = x * scale + bias, each of shape [1], [C], [1, H, W] or [C, H, W], broadcast over the blob.</summary>
    public static IReadOnlyList<string> Scale(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Scale;
        var scale = Parameter(context, p.ShapeScale, p.Scale, "scale.scale");
        var scaled = context.Emit(p.HasBias ? "scaled" : "", new BinaryArithmetic(BinaryKind.Multiply), context.Input, context.Emit("scale", new Constant(scale)));
        if (!p.HasBias) return [scaled];
        var bias = Parameter(context, p.ShapeBias, p.Bias, "scale.bias");
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Add), scaled, context.Emit("bias", new Constant(bias)))];
    }

    public static IReadOnlyList<string> Bias(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Bias;
        var bias = Parameter(context, p.Shape, p.Bias, "bias.bias");
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Add), context.Input, context.Emit("bias", new Constant(bias)))];
    }

    public static IReadOnlyList<string> LoadConstant(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.LoadConstant;
        if (p.Shape.Count != 3) throw context.Error("loadConstant.shape", $"has {p.Shape.Count} values; expected [C, H, W].");
        int[] shape = [1, context.Size(p.Shape[0], "loadConstant.shape", 1), context.Size(p.Shape[1], "loadConstant.shape", 1), context.Size(p.Shape[2], "loadConstant.shape", 1)];
        return [context.Emit("", new Constant(context.Weights(p.Data, shape, "loadConstant.data")))];
    }

    /// <summary>Pads H and W (paddingAmounts: height start/end, then width) with a constant, reflection or replication.</summary>
    public static IReadOnlyList<string> Padding(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Padding;
        RequireRank4(context);
        var amounts = p.PaddingAmounts?.BorderAmounts_;
        if (amounts is null || amounts.Count != 2) throw context.Error("padding.paddingAmounts", $"has {amounts?.Count ?? 0} border amounts; expected 2 (height, width).");
        var (mode, value) = p.PaddingTypeCase switch
        {
            PaddingLayerParams.PaddingTypeOneofCase.Constant => (PadMode.Constant, p.Constant.Value),
            PaddingLayerParams.PaddingTypeOneofCase.Reflection => (PadMode.Reflect, 0f),
            PaddingLayerParams.PaddingTypeOneofCase.Replication => (PadMode.Edge, 0f),
            var other => throw context.Error("padding", $"sets padding type {other}; expected constant, reflection or replication."),
        };
        int[] before = [0, 0, context.Size(amounts[0].StartEdgeSize, "padding.paddingAmounts"), context.Size(amounts[1].StartEdgeSize, "padding.paddingAmounts")];
        int[] after = [0, 0, context.Size(amounts[0].EndEdgeSize, "padding.paddingAmounts"), context.Size(amounts[1].EndEdgeSize, "padding.paddingAmounts")];
        return [context.Emit("", new PadOp(before, after, mode, value), context.Input)];
    }

    /// <summary>With one input, crops cropAmounts off H and W; with two, crops the first to the second's H, W starting at offset.</summary>
    public static IReadOnlyList<string> Crop(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Crop;
        var input = context.Inputs[0];
        var shape = context.ShapeOf(input);
        if (shape.Rank != 4) throw context.Error("input", $"has shape {shape}; crop needs a [Batch, C, H, W] blob.");
        if (context.Inputs.Count == 2)
        {
            var reference = context.ShapeOf(context.Inputs[1]);
            if (p.Offset.Count != 2) throw context.Error("crop.offset", $"has {p.Offset.Count} values; expected 2 (height, width).");
            var (top, left) = (context.Size(p.Offset[0], "crop.offset"), context.Size(p.Offset[1], "crop.offset"));
            int[] end = [0, 0, shape[2] - top - reference[reference.Rank - 2], shape[3] - left - reference[reference.Rank - 1]];
            if (end[2] < 0 || end[3] < 0) throw context.Error("crop.offset", $"[{top}, {left}] with reference size {reference} does not fit in {shape}.");
            return [context.Emit("", new CropOp([0, 0, top, left], end), input)];
        }
        var amounts = p.CropAmounts?.BorderAmounts_;
        if (amounts is null || amounts.Count != 2) throw context.Error("crop.cropAmounts", $"has {amounts?.Count ?? 0} border amounts; expected 2 (height, width).");
        int[] begin = [0, 0, context.Size(amounts[0].StartEdgeSize, "crop.cropAmounts"), context.Size(amounts[1].StartEdgeSize, "crop.cropAmounts")];
        int[] stop = [0, 0, context.Size(amounts[0].EndEdgeSize, "crop.cropAmounts"), context.Size(amounts[1].EndEdgeSize, "crop.cropAmounts")];
        return [context.Emit("", new CropOp(begin, stop), input)];
    }

    /// <summary>permute reorders the axes of [Seq, C, H, W] (the batch axis stays put), which is the rank-4 blob itself.</summary>
    public static IReadOnlyList<string> Permute(NeuralNetworkLayerContext context)
    {
        var axes = context.Layer.Permute.Axis.Select(a => (int)Math.Min(a, 4)).ToArray();
        RequireRank4(context);
        if (axes.Length != 4 || axes.Order().Where((a, i) => a != i).Any()) throw context.Error("permute.axis", $"is [{string.Join(", ", context.Layer.Permute.Axis)}]; expected a permutation of 0..3.");
        return [context.Emit("", new TransposeOp(axes), context.Input)];
    }

    /// <summary>Looks up each index (input [Seq, 1, 1, 1]) in weights stored [outputChannels, inputDim]; output [Seq, outputChannels, 1, 1].</summary>
    public static IReadOnlyList<string> Embedding(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Embedding;
        var input = context.Input;
        var shape = context.ShapeOf(input);
        if (shape.Rank != 4 || shape[1] != 1 || shape[2] != 1 || shape[3] != 1) throw context.Error("input", $"has shape {shape}; embedding needs one index per sequence step, [Seq, 1, 1, 1].");
        var vocabulary = context.Size(p.InputDim, "embedding.inputDim", 1);
        var width = context.Size(p.OutputChannels, "embedding.outputChannels", 1);
        var stored = context.Weights(p.Weights, [width, vocabulary], "embedding.weights").Floats;
        var table = new float[vocabulary * width];
        for (var o = 0; o < width; o++)
        {
            for (var v = 0; v < vocabulary; v++) table[v * width + o] = stored[o * vocabulary + v];
        }
        var looked = context.Emit("lookup", new EmbeddingOp(Tensor.FromArray(table, vocabulary, width)), context.Emit("ids", new ReshapeOp([shape[0]]), input));
        var blob = context.Emit(p.HasBias ? "unbiased" : "", new ReshapeOp([shape[0], width, 1, 1]), looked);
        if (!p.HasBias) return [blob];
        var bias = context.Weights(p.Bias, [1, width, 1, 1], "embedding.bias");
        return [context.Emit("", new BinaryArithmetic(BinaryKind.Add), blob, context.Emit("bias", new Constant(bias)))];
    }

    /// <summary>Divides by the L2 norm over C, H, W together: x / sqrt(sum(x^2) + epsilon).</summary>
    public static IReadOnlyList<string> L2Normalize(NeuralNetworkLayerContext context)
    {
        RequireRank4(context);
        return [context.Emit("", new L2Normalization([1, 2, 3], context.Layer.L2Normalize.Epsilon, L2NormEpsilon.AddToSumOfSquares), context.Input)];
    }

    public static IReadOnlyList<string> Lrn(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Lrn;
        RequireRank4(context);
        var parameters = LrnParameters.CoreML(context.Size(p.LocalSize, "lrn.localSize", 1), p.Alpha, p.Beta, p.K);
        return [context.Emit("", new LocalResponseNormalization(1, parameters), context.Input)];
    }

    /// <summary>Mean (and spread) per channel plane or across C, H, W; epsilon is added to the standard deviation as Caffe's MVN does.</summary>
    public static IReadOnlyList<string> Mvn(NeuralNetworkLayerContext context)
    {
        var p = context.Layer.Mvn;
        return [context.Emit("", new MeanVarianceNormalization(p.AcrossChannels, p.NormalizeVariance, p.Epsilon, EpsilonPlacement.AddToStandardDeviation), context.Input)];
    }

    public static IReadOnlyList<string> Copy(NeuralNetworkLayerContext context) => [context.Emit("", new Parity.Engine.Ops.Core.Identity(), context.Input)];

    private static void RequireRank4(NeuralNetworkLayerContext context)
    {
        var shape = context.ShapeOf(context.Input);
        if (shape.Rank != 4) throw context.Error("input", $"has shape {shape}; this layer needs a [Batch, C, H, W] blob.");
    }

    /// <summary>A stored parameter of shape [1], [C], [1, H, W] or [C, H, W] as a [1, C|1, H|1, W|1] tensor that broadcasts over the blob.</summary>
    private static Tensor Parameter(NeuralNetworkLayerContext context, IReadOnlyList<ulong> declared, WeightParams? weights, string field)
    {
        var dims = declared.Select(d => context.Size(d, field + " shape", 1)).ToArray();
        int[] shape = dims.Length switch
        {
            0 => [1, 1, 1, 1],
            1 => [1, dims[0], 1, 1],
            3 => [1, dims[0], dims[1], dims[2]],
            _ => throw context.Error(field + " shape", $"has {dims.Length} values; expected 1 ([1] or [C]) or 3 ([1, H, W] or [C, H, W])."),
        };
        return context.Weights(weights, shape, field);
    }
}
