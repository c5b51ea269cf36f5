namespace Parity.Engine.Kernels.Convolution;

/// <summary>
/// The address and length of a span pinned by the caller, so parallel worker lambdas (which cannot capture spans)
/// can reach it. Valid only inside the caller's <c>fixed</c> block.
/// </summary>
internal readonly unsafe record struct PinnedFloats(nint Address, int Length)
{
    public PinnedFloats(float* pointer, int length) : this((nint)pointer, length) { }

    public Span<float> Span => new((void*)Address, Length);

    public float* Pointer => (float*)Address;
}
