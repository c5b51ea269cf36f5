namespace Parity.Engine.Kernels;

/// <summary>How <see cref="Pad"/> fills positions outside the input (names and meaning follow numpy.pad).</summary>
public enum PadMode
{
    /// <summary>A constant value (Keras ZeroPadding, Core ML PaddingLayer constant, ONNX constant).</summary>
    Constant,

    /// <summary>Mirror without repeating the edge: [1,2,3] padded by 2 gives [3,2,1,2,3,2,1] (numpy 'reflect', TF MirrorPad REFLECT, Core ML reflection).</summary>
    Reflect,

    /// <summary>Repeat the edge value (numpy 'edge', ONNX 'edge', Core ML replication).</summary>
    Edge,

    /// <summary>Mirror including the edge: [1,2,3] padded by 2 gives [2,1,1,2,3,3,2] (numpy 'symmetric', TF MirrorPad SYMMETRIC).</summary>
    Symmetric,
}
