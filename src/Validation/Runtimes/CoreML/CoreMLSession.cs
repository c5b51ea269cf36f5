using System.Runtime.InteropServices;
using Parity.Engine.Tensors;
using Parity.Spec;
using Parity.Spec.CoreML.Features;

namespace Parity.Validation.Runtimes.CoreML;

/// <summary>A compiled, loaded MLModel and the declared features it predicts from and into; see <see cref="CoreMLRuntime"/> for ownership rules.</summary>
internal sealed unsafe class CoreMLSession : IRuntimeSession
{
    // MLFeatureType values (CoreML/MLFeatureType.h).
    private const long FeatureInt64 = 1, FeatureDouble = 2, FeatureMultiArray = 5;

    private readonly ObjectiveC _objc;
    private readonly string _file;
    private readonly IReadOnlyList<CoreMLFeature> _inputs;
    private readonly IReadOnlyList<CoreMLFeature> _outputs;
    private readonly Lock _gate = new();
    private nint _model;

    private CoreMLSession(ObjectiveC objc, string file, nint model, IReadOnlyList<CoreMLFeature> inputs, IReadOnlyList<CoreMLFeature> outputs, string name)
    {
        (_objc, _file, _model, _inputs, _outputs, RuntimeName) = (objc, file, model, inputs, outputs, name);
    }

    public string RuntimeName { get; }

    public static CoreMLSession Open(ObjectiveC objc, string file, IReadOnlyList<CoreMLFeature> inputs, IReadOnlyList<CoreMLFeature> outputs,
        ComputeUnits units, CompileCache cache, string name)
    {
        var pool = objc.PoolPush();
        nint configuration = 0;
        try
        {
            var compiled = cache.CompiledPathFor(file);
            if (!Directory.Exists(compiled)) compiled = Compile(objc, file, cache);
            configuration = objc.Send(objc.Send(objc.Class("MLModelConfiguration"), "alloc"), "init");
            objc.SendVoidL(configuration, "setComputeUnits:", (long)units);
            nint error = 0;
            var url = objc.SendP(objc.Class("NSURL"), "fileURLWithPath:", objc.String(compiled));
            var model = objc.SendPPE(objc.Class("MLModel"), "modelWithContentsOfURL:configuration:error:", url, configuration, &error);
            if (model == 0) throw new ModelFormatException(file, null, $"Core ML could not load the compiled model for {name}: {objc.Describe(error, "no reason given")}");
            return new CoreMLSession(objc, file, objc.Send(model, "retain"), inputs, outputs, name);
        }
        finally
        {
            objc.Release(configuration);
            objc.PoolPop(pool);
        }
    }

    public RuntimeOutputs Predict(IReadOnlyDictionary<string, Tensor> inputs)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_model == 0, this);
            var buffers = new List<nint>();
            var owned = new List<nint>();
            var pixelBuffers = new List<nint>();
            var pool = _objc.PoolPush();
            try
            {
                var provider = Provider(inputs, buffers, owned, pixelBuffers);
                nint error = 0;
                var result = _objc.SendPE(_model, "predictionFromFeatures:error:", provider, &error);
                if (result == 0) throw new ModelFormatException(_file, null, $"Core ML ({RuntimeName}) could not predict: {_objc.Describe(error, "no reason given")}");
                return ReadOutputs(result);
            }
            finally
            {
                foreach (var obj in owned) _objc.Release(obj);
                foreach (var buffer in pixelBuffers) _objc.PixelBufferRelease(buffer);
                _objc.PoolPop(pool);
                foreach (var buffer in buffers) NativeMemory.AlignedFree((void*)buffer);
            }
        }
    }

    private nint Provider(IReadOnlyDictionary<string, Tensor> inputs, List<nint> buffers, List<nint> owned, List<nint> pixelBuffers)
    {
        var keys = new nint[_inputs.Count];
        var values = new nint[_inputs.Count];
        for (var i = 0; i < _inputs.Count; i++)
        {
            var feature = _inputs[i];
            if (!inputs.TryGetValue(feature.Name, out var tensor))
            {
                throw new ArgumentException($"Core ML input '{feature.Name}' was not given; the inputs given are {string.Join(", ", inputs.Keys)}.");
            }
            keys[i] = _objc.String(feature.Name);
            values[i] = feature.Kind switch
            {
                FeatureKind.MultiArray => _objc.SendP(_objc.Class("MLFeatureValue"), "featureValueWithMultiArray:", MultiArray(tensor, feature.DataType, buffers, owned)),
                FeatureKind.Image => _objc.SendP(_objc.Class("MLFeatureValue"), "featureValueWithPixelBuffer:", PixelBuffer(tensor, feature.Image!, pixelBuffers)),
                FeatureKind.Double => _objc.SendD(_objc.Class("MLFeatureValue"), "featureValueWithDouble:", Scalar(tensor, feature)),
                FeatureKind.Int64 => _objc.SendL(_objc.Class("MLFeatureValue"), "featureValueWithInt64:", (long)Math.Round(Scalar(tensor, feature))),
                _ => throw new ArgumentException($"Core ML input '{feature.Name}' is a {feature.TypeName}; Parity feeds multi-arrays, images and numbers."),
            };
        }
        nint dictionary;
        fixed (nint* keyItems = keys)
        fixed (nint* valueItems = values)
        {
            dictionary = _objc.SendPPL(_objc.Class("NSDictionary"), "dictionaryWithObjects:forKeys:count:", (nint)valueItems, (nint)keyItems, keys.Length);
        }
        nint error = 0;
        var provider = _objc.SendPE(_objc.Send(_objc.Class("MLDictionaryFeatureProvider"), "alloc"), "initWithDictionary:error:", dictionary, &error);
        if (provider == 0) throw new ArgumentException($"Core ML refused the inputs: {_objc.Describe(error, "no reason given")}");
        owned.Add(provider);
        return provider;
    }

    private nint MultiArray(Tensor tensor, MultiArrayDataType type, List<nint> buffers, List<nint> owned)
    {
        var bytes = tensor.Length * MultiArrayDataTypes.SizeOf(type);
        var buffer = (nint)NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 1), 64);
        buffers.Add(buffer);
        MultiArrayLayout.FromTensor(tensor, type, new Span<byte>((void*)buffer, bytes));
        var shape = new long[tensor.Rank];
        for (var axis = 0; axis < shape.Length; axis++) shape[axis] = tensor.Shape[axis];
        nint error = 0;
        var array = _objc.SendMultiArrayInit(_objc.Send(_objc.Class("MLMultiArray"), "alloc"), buffer, _objc.NumberArray(shape), (long)type,
            _objc.NumberArray(MultiArrayLayout.DenseStrides(shape)), 0, &error);
        if (array == 0) throw new ArgumentException($"Core ML could not wrap a {type} multi-array of shape {tensor.Shape}: {_objc.Describe(error, "no reason given")}");
        owned.Add(array);
        return array;
    }

    private nint PixelBuffer(Tensor tensor, ImageFormat image, List<nint> pixelBuffers)
    {
        nint buffer = 0;
        var status = _objc.PixelBufferCreate(0, (nuint)image.Width, (nuint)image.Height, PixelBufferLayout.PixelFormatOf(image), 0, &buffer);
        if (status != 0 || buffer == 0) throw new ArgumentException($"CoreVideo could not create a {image.Width}x{image.Height} pixel buffer (CVReturn {status}).");
        pixelBuffers.Add(buffer);
        if (_objc.PixelBufferLock(buffer, 0) != 0) throw new ArgumentException("CoreVideo could not lock a pixel buffer for writing.");
        try
        {
            var rowBytes = (int)_objc.PixelBufferBytesPerRow(buffer);
            PixelBufferLayout.Fill(tensor, image, new Span<byte>((void*)_objc.PixelBufferBaseAddress(buffer), rowBytes * image.Height), rowBytes);
        }
        finally
        {
            _objc.PixelBufferUnlock(buffer, 0);
        }
        return buffer;
    }

    private static double Scalar(Tensor tensor, CoreMLFeature feature)
    {
        if (tensor.Length != 1) throw new ArgumentException($"Core ML input '{feature.Name}' is a {feature.TypeName} scalar; a tensor of shape {tensor.Shape} was given.");
        using var f = tensor.ToFloat32();
        return f.Floats[0];
    }

    private RuntimeOutputs ReadOutputs(nint result)
    {
        var outputs = new Dictionary<string, Tensor>();
        var problems = new List<string>();
        foreach (var feature in _outputs)
        {
            var value = _objc.SendP(result, "featureValueForName:", _objc.String(feature.Name));
            if (value == 0)
            {
                problems.Add($"Core ML produced no output '{feature.Name}'");
                continue;
            }
            switch (_objc.SendReturnLong(value, "type"))
            {
                case FeatureMultiArray:
                    outputs[feature.Name] = ReadMultiArray(_objc.Send(value, "multiArrayValue"));
                    break;
                case FeatureDouble:
                    outputs[feature.Name] = Tensor.FromSpan<double>([_objc.SendReturnDouble(value, "doubleValue")], Shape.Scalar);
                    break;
                case FeatureInt64:
                    outputs[feature.Name] = Tensor.FromSpan<long>([_objc.SendReturnLong(value, "int64Value")], Shape.Scalar);
                    break;
                default:
                    problems.Add($"output '{feature.Name}' is a {feature.TypeName}; only multi-arrays and numbers are read back from Core ML");
                    break;
            }
        }
        return new RuntimeOutputs(outputs, problems);
    }

    // dataPointer is valid while the autoreleased array lives, i.e. until this call's pool pops; we copy before that.
    private Tensor ReadMultiArray(nint array)
    {
        var shape = _objc.Longs(_objc.Send(array, "shape"));
        var strides = _objc.Longs(_objc.Send(array, "strides"));
        var type = MultiArrayDataTypes.FromNative(_objc.SendReturnLong(array, "dataType"));
        var bytes = checked((int)(MultiArrayLayout.Extent(shape, strides) * MultiArrayDataTypes.SizeOf(type)));
        return MultiArrayLayout.ToTensor(new ReadOnlySpan<byte>((void*)_objc.Send(array, "dataPointer"), bytes), type, shape, strides);
    }

    private static string Compile(ObjectiveC objc, string file, CompileCache cache)
    {
        nint error = 0;
        var source = objc.SendP(objc.Class("NSURL"), "fileURLWithPath:", objc.String(Path.GetFullPath(file)));
        var compiled = objc.SendPE(objc.Class("MLModel"), "compileModelAtURL:error:", source, &error);
        if (compiled == 0) throw new ModelFormatException(file, null, $"Core ML could not compile it: {objc.Describe(error, "no reason given")}");
        var temporary = objc.ToManaged(objc.Send(compiled, "path")) ?? throw new ModelFormatException(file, null, "Core ML compiled it but returned no path.");
        var stored = cache.Store(file, temporary);
        Directory.Delete(temporary, recursive: true);
        return stored;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _objc.Release(_model);
            _model = 0;
        }
    }
}
