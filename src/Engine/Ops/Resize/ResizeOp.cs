using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Resize;

/// <summary>
/// Resizes the spatial axes ([..., C, H, W] or [..., H, W, C]) of a tensor to a fixed size (TF/Keras Resizing, MIL resize_bilinear /
/// resize_nearest_neighbor, Core ML ResizeBilinear). Nearest works on every dtype; bilinear on float32, and on float16
/// by computing in float32 and rounding the result back to half.
/// </summary>
public sealed class ResizeOp(ResizeMethod method, int outHeight, int outWidth, ResizeParameters parameters) : IOperator
{
    public ResizeMethod Method { get; } = method;

    public int OutHeight { get; } = outHeight;

    public int OutWidth { get; } = outWidth;

    public ResizeParameters Parameters { get; } = parameters;

    public string Kind => Method == ResizeMethod.Nearest ? "ResizeNearest" : "ResizeBilinear";

    public IReadOnlyList<TensorType> InferOutputTypes(IReadOnlyList<TensorType> inputs)
    {
        ShapeRules.ExpectInputs(Kind, inputs, 1);
        if (Method == ResizeMethod.Bilinear && inputs[0].DType is not (DType.Float32 or DType.Float16))
        {
            throw new ShapeMismatchException($"{Kind} needs a float32 or float16 input; got {inputs[0]}.");
        }
        return [inputs[0] with { Shape = ShapeRules.Infer(Kind, () => Kernels.Resize.OutputShape(inputs[0].Shape, Parameters.Layout, OutHeight, OutWidth)) }];
    }

    public void Execute(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Run(inputs[0], outputs[0], OutHeight, OutWidth, Method, Parameters);

    internal static void Run(Tensor input, Tensor output, int outHeight, int outWidth, ResizeMethod method, ResizeParameters parameters)
    {
        if (method == ResizeMethod.Nearest)
        {
            ElementWidth.Dispatch(input.DType, new NearestCall(input, output, outHeight, outWidth, parameters));
            return;
        }
        if (input.DType == DType.Float32)
        {
            Kernels.Resize.Bilinear(input.Floats, input.Shape.Dims, outHeight, outWidth, parameters, output.Floats);
            return;
        }
        using var wide = input.ToFloat32();
        using var result = Tensor.Uninitialized(DType.Float32, output.Shape);
        Kernels.Resize.Bilinear(wide.Floats, input.Shape.Dims, outHeight, outWidth, parameters, result.Floats);
        using var narrow = result.CastFromFloat32(output.DType);
        narrow.Bytes.CopyTo(output.Bytes);
    }

    private readonly record struct NearestCall(Tensor Input, Tensor Output, int OutHeight, int OutWidth, ResizeParameters Parameters) : IWidthGenericCall
    {
        public void Run<T>() where T : unmanaged =>
            Kernels.Resize.Nearest(ElementWidth.In<T>(Input), Input.Shape.Dims, OutHeight, OutWidth, Parameters, ElementWidth.Out<T>(Output));
    }
}
