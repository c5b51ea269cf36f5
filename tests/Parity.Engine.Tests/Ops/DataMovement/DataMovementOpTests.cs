using Parity.Engine.Graph;
using Parity.Engine.Kernels;
using Parity.Engine.Ops.DataMovement;
using Parity.Engine.Tensors;

namespace Parity.Engine.Tests.Ops.DataMovement;

public class DataMovementOpTests
{
    private static readonly TensorType F2x3x4 = new(DType.Float32, new Shape(2, 3, 4));

    [Fact]
    public void Reshape_infers_minus_one_and_copies_zero_dims()
    {
        Assert.Equal(new Shape(6, 4), new ReshapeOp([-1, 4]).InferOutputTypes([F2x3x4])[0].Shape);
        Assert.Equal(new Shape(2, 12), new ReshapeOp([0, -1], zeroCopiesDimension: true).InferOutputTypes([F2x3x4])[0].Shape);
        var e = Assert.Throws<ShapeMismatchException>(() => new ReshapeOp([5, -1]).InferOutputTypes([F2x3x4]));
        Assert.Contains("[2, 3, 4]", e.Message);
        Assert.Contains("[5, -1]", e.Message);
        Assert.Throws<ShapeMismatchException>(() => new ReshapeOp([-1, -1]).InferOutputTypes([F2x3x4]));
    }

    [Fact]
    public void Flatten_squeeze_and_expand_dims_shapes()
    {
        Assert.Equal(new Shape(2, 12), new FlattenOp().InferOutputTypes([F2x3x4])[0].Shape);
        Assert.Equal(new Shape(24, 1), new FlattenOp(3).InferOutputTypes([F2x3x4])[0].Shape);
        Assert.Equal(new Shape(6, 4), new FlattenOp(-1).InferOutputTypes([F2x3x4])[0].Shape);
        var ones = new TensorType(DType.Int64, new Shape(1, 3, 1));
        Assert.Equal(new Shape(3), new SqueezeOp([]).InferOutputTypes([ones])[0].Shape);
        Assert.Equal(new Shape(1, 3), new SqueezeOp([-1]).InferOutputTypes([ones])[0].Shape);
        var e = Assert.Throws<ShapeMismatchException>(() => new SqueezeOp([1]).InferOutputTypes([ones]));
        Assert.Contains("[1, 3, 1]", e.Message);
        Assert.Equal(new Shape(1, 3, 1, 1), new ExpandDimsOp([-1]).InferOutputTypes([ones])[0].Shape);
        Assert.Equal(new Shape(1, 1, 3, 1), new ExpandDimsOp([0]).InferOutputTypes([ones])[0].Shape);
    }

    [Fact]
    public void Reshape_executes_as_a_copy()
    {
        using var input = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        var op = new ReshapeOp([3, -1]);
        using var output = Tensor.Zeros(DType.Float32, op.InferOutputTypes([input.Type])[0].Shape);
        op.Execute([input], [output]);
        Assert.Equal(new Shape(3, 2), output.Shape);
        Assert.Equal(input.Floats.ToArray(), output.Floats.ToArray());
    }

    [Fact]
    public void Transpose_of_an_int64_tensor()
    {
        using var input = Tensor.FromSpan<long>([1, 2, 3, 4, 5, 6], new Shape(2, 3));
        var op = new TransposeOp([1, 0]);
        using var output = Run(op, input);
        Assert.Equal([1L, 4, 2, 5, 3, 6], output.Span<long>().ToArray());
        Assert.Throws<ShapeMismatchException>(() => op.InferOutputTypes([F2x3x4]));
    }

    [Fact]
    public void Concat_and_split_ops_round_trip()
    {
        using var a = Tensor.FromArray([1, 2, 3, 4], 2, 2);
        using var b = Tensor.FromArray([5, 6], 2, 1);
        var concat = new ConcatOp(1);
        var type = concat.InferOutputTypes([a.Type, b.Type])[0];
        using var joined = Tensor.Zeros(DType.Float32, type.Shape);
        concat.Execute([a, b], [joined]);
        Assert.Equal([1f, 2, 5, 3, 4, 6], joined.Floats.ToArray());

        var split = new SplitOp(1, [2, 1]);
        var types = split.InferOutputTypes([joined.Type]);
        var pieces = types.Select(t => Tensor.Zeros(t.DType, t.Shape)).ToArray();
        split.Execute([joined], pieces);
        Assert.Equal(a.Floats.ToArray(), pieces[0].Floats.ToArray());
        Assert.Equal(b.Floats.ToArray(), pieces[1].Floats.ToArray());
        foreach (var p in pieces) p.Dispose();

        Assert.Equal([new Shape(2, 3, 2), new Shape(2, 3, 2)], new SplitOp(2, 2).InferOutputTypes([F2x3x4]).Select(t => t.Shape));
        var e = Assert.Throws<ShapeMismatchException>(() => new SplitOp(1, 2).InferOutputTypes([F2x3x4]));
        Assert.Contains("3", e.Message);
        Assert.Throws<ShapeMismatchException>(() => concat.InferOutputTypes([a.Type, new TensorType(DType.Int32, new Shape(2, 1))]));
    }

    [Fact]
    public void Strided_slice_reverses_a_float16_vector()
    {
        using var floats = Tensor.FromArray([1, 2, 3, 4], 4);
        using var input = floats.CastFromFloat32(DType.Float16);
        using var output = Run(new StridedSliceOp([new SliceAxis(0, 0, -1, BeginMasked: true, EndMasked: true)]), input);
        using var back = output.ToFloat32();
        Assert.Equal([4f, 3, 2, 1], back.Floats.ToArray());
    }

    [Fact]
    public void Pad_fills_each_dtype_with_its_own_value()
    {
        using var ints = Tensor.FromSpan<int>([7], new Shape(1));
        using var padded = Run(new PadOp([1], [1], PadMode.Constant, -3), ints);
        Assert.Equal([-3, 7, -3], padded.Span<int>().ToArray());

        using var floats = Tensor.FromArray([1, 2, 3], 3);
        using var halves = floats.CastFromFloat32(DType.Float16);
        using var reflected = Run(new PadOp([2], [2], PadMode.Reflect), halves);
        using var back = reflected.ToFloat32();
        Assert.Equal([3f, 2, 1, 2, 3, 2, 1], back.Floats.ToArray());

        using var bools = Tensor.FromBools([false], new Shape(1));
        using var paddedBools = Run(new PadOp([1], [0], PadMode.Constant, 1), bools);
        Assert.Equal([1, 0], paddedBools.Bytes.ToArray());
    }

    [Fact]
    public void Tile_crop_and_gather_ops()
    {
        using var input = Tensor.FromArray([1, 2, 3, 4, 5, 6], 2, 3);
        using var tiled = Run(new TileOp([1, 2]), input);
        Assert.Equal([1f, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6], tiled.Floats.ToArray());
        using var cropped = Run(new CropOp([0, 1], [1, 0]), input);
        Assert.Equal([2f, 3], cropped.Floats.ToArray());

        using var indices = Tensor.FromSpan<long>([1, -1, 0], new Shape(3));
        var gather = new GatherOp(0);
        Assert.Equal(new Shape(3, 3), gather.InferOutputTypes([input.Type, indices.Type])[0].Shape);
        using var gathered = Tensor.Zeros(3, 3);
        gather.Execute([input, indices], [gathered]);
        Assert.Equal([4f, 5, 6, 4, 5, 6, 1, 2, 3], gathered.Floats.ToArray());
        Assert.Throws<ShapeMismatchException>(() => gather.InferOutputTypes([input.Type, input.Type]));
    }

    [Fact]
    public void Embedding_op_appends_the_width()
    {
        using var table = Tensor.FromArray([0, 1, 10, 11, 20, 21], 3, 2);
        var op = new EmbeddingOp(table);
        using var ids = Tensor.FromArray([2, 1], 1, 2);
        using var output = Run(op, ids);
        Assert.Equal(new Shape(1, 2, 2), output.Shape);
        Assert.Equal([20f, 21, 10, 11], output.Floats.ToArray());
    }

    [Fact]
    public void Depth_to_space_and_back()
    {
        using var input = Tensor.FromArray(Enumerable.Range(0, 8).Select(i => (float)i).ToArray(), 1, 1, 1, 8);
        using var space = Run(new DepthToSpaceOp(2, Layout.Nhwc, DepthToSpaceMode.Crd), input);
        Assert.Equal(new Shape(1, 2, 2, 2), space.Shape);
        using var depth = Run(new SpaceToDepthOp(2, Layout.Nhwc, DepthToSpaceMode.Crd), space);
        Assert.Equal(input.Floats.ToArray(), depth.Floats.ToArray());
        var e = Assert.Throws<ShapeMismatchException>(() => new DepthToSpaceOp(2, Layout.Nhwc, DepthToSpaceMode.Dcr).InferOutputTypes([F2x3x4]));
        Assert.Contains("[2, 3, 4]", e.Message);
    }

    private static Tensor Run(IOperator op, Tensor input)
    {
        var type = op.InferOutputTypes([input.Type])[0];
        var output = Tensor.Zeros(type.DType, type.Shape);
        op.Execute([input], [output]);
        return output;
    }
}
