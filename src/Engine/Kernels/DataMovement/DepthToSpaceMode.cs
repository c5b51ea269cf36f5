namespace Parity.Engine.Kernels;

/// <summary>
/// Order of the b*b*C channels that <see cref="DepthToSpace"/> spreads over a b x b block (names from ONNX DepthToSpace).
/// </summary>
public enum DepthToSpaceMode
{
    /// <summary>
    /// depth-column-row: channel = (blockRow * b + blockCol) * C' + c. TF/Keras depth_to_space and space_to_depth,
    /// ONNX DepthToSpace mode "DCR" (its default) and SpaceToDepth, Core ML ReorganizeData DEPTH_TO_SPACE and
    /// SPACE_TO_DEPTH (the worked example in NeuralNetwork.proto), MIL depth_to_space/space_to_depth.
    /// </summary>
    Dcr,

    /// <summary>
    /// column-row-depth: channel = c * b * b + blockRow * b + blockCol. PyTorch pixel_shuffle/pixel_unshuffle, ONNX
    /// DepthToSpace mode "CRD", Core ML ReorganizeData PIXEL_SHUFFLE, MIL pixel_shuffle.
    /// </summary>
    Crd,
}
