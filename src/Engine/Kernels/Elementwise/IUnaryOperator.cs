using System.Runtime.Intrinsics;

namespace Parity.Engine.Kernels.Elementwise;

/// <summary>
/// A function of one float with a scalar form and a SIMD form per vector width. Operators are
/// readonly structs, so generic drivers are specialised per operator by the JIT; they are instance
/// methods (not static abstract as in TensorPrimitives) so parameters such as an activation's alpha ride along.
/// </summary>
internal interface IUnaryOperator
{
    float Invoke(float x);

    Vector128<float> Invoke(Vector128<float> x);

    Vector256<float> Invoke(Vector256<float> x);

    Vector512<float> Invoke(Vector512<float> x);
}
