namespace Parity.Engine.Kernels;

/// <summary>Memory order of image-like tensors: batch, channels and spatial axes.</summary>
public enum Layout
{
    /// <summary>Channels last: [N, H, W, C] (Keras/TensorFlow default).</summary>
    Nhwc,

    /// <summary>Channels first: [N, C, H, W] (Core ML, PyTorch, Theano-era Keras).</summary>
    Nchw,
}
