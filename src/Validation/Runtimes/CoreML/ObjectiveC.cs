using System.Runtime.InteropServices;
using System.Text;

namespace Parity.Validation.Runtimes.CoreML;

/// <summary>
/// The Objective-C runtime, CoreML and CoreVideo, loaded at run time with <see cref="NativeLibrary.TryLoad(string, out nint)"/>
/// so nothing is resolved unless the Core ML runtime is used. objc_msgSend has no fixed C signature: on arm64 the
/// callee reads arguments from the registers its real signature implies (integers in x2.., doubles in d0..), so every
/// call site casts the one entry point to a function pointer of the exact signature of the method it sends.
/// </summary>
internal sealed unsafe class ObjectiveC
{
    public const string ObjCLibrary = "/usr/lib/libobjc.A.dylib";
    public const string CoreMLFramework = "/System/Library/Frameworks/CoreML.framework/CoreML";
    public const string CoreVideoFramework = "/System/Library/Frameworks/CoreVideo.framework/CoreVideo";

    private static readonly Lock Gate = new();
    private static ObjectiveC? _shared;

    private readonly nint _msgSend;
    private readonly delegate* unmanaged<byte*, nint> _getClass;
    private readonly delegate* unmanaged<byte*, nint> _registerName;
    private readonly Dictionary<string, nint> _classes = [];
    private readonly Dictionary<string, nint> _selectors = [];

    private ObjectiveC(nint objc, nint coreVideo)
    {
        _msgSend = NativeLibrary.GetExport(objc, "objc_msgSend");
        _getClass = (delegate* unmanaged<byte*, nint>)NativeLibrary.GetExport(objc, "objc_getClass");
        _registerName = (delegate* unmanaged<byte*, nint>)NativeLibrary.GetExport(objc, "sel_registerName");
        PoolPush = (delegate* unmanaged<nint>)NativeLibrary.GetExport(objc, "objc_autoreleasePoolPush");
        PoolPop = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(objc, "objc_autoreleasePoolPop");
        PixelBufferCreate = (delegate* unmanaged<nint, nuint, nuint, uint, nint, nint*, int>)NativeLibrary.GetExport(coreVideo, "CVPixelBufferCreate");
        PixelBufferLock = (delegate* unmanaged<nint, ulong, int>)NativeLibrary.GetExport(coreVideo, "CVPixelBufferLockBaseAddress");
        PixelBufferUnlock = (delegate* unmanaged<nint, ulong, int>)NativeLibrary.GetExport(coreVideo, "CVPixelBufferUnlockBaseAddress");
        PixelBufferBaseAddress = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(coreVideo, "CVPixelBufferGetBaseAddress");
        PixelBufferBytesPerRow = (delegate* unmanaged<nint, nuint>)NativeLibrary.GetExport(coreVideo, "CVPixelBufferGetBytesPerRow");
        PixelBufferRelease = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(coreVideo, "CVPixelBufferRelease");
    }

    /// <summary>void *objc_autoreleasePoolPush(void)</summary>
    public delegate* unmanaged<nint> PoolPush { get; }

    /// <summary>void objc_autoreleasePoolPop(void *)</summary>
    public delegate* unmanaged<nint, void> PoolPop { get; }

    /// <summary>CVReturn CVPixelBufferCreate(CFAllocatorRef, size_t width, size_t height, OSType format, CFDictionaryRef attributes, CVPixelBufferRef *out)</summary>
    public delegate* unmanaged<nint, nuint, nuint, uint, nint, nint*, int> PixelBufferCreate { get; }

    /// <summary>CVReturn CVPixelBufferLockBaseAddress(CVPixelBufferRef, CVPixelBufferLockFlags (uint64))</summary>
    public delegate* unmanaged<nint, ulong, int> PixelBufferLock { get; }

    public delegate* unmanaged<nint, ulong, int> PixelBufferUnlock { get; }

    public delegate* unmanaged<nint, nint> PixelBufferBaseAddress { get; }

    public delegate* unmanaged<nint, nuint> PixelBufferBytesPerRow { get; }

    public delegate* unmanaged<nint, void> PixelBufferRelease { get; }

    /// <summary>The loaded runtime; throws <see cref="RuntimeUnavailableException"/> off macOS 12+ or when a library does not load.</summary>
    public static ObjectiveC Shared
    {
        get
        {
            lock (Gate)
            {
                if (_shared is not null) return _shared;
                CoreMLAvailability.EnsureAvailable();
                var objc = Load(ObjCLibrary);
                // CoreML links Foundation, so NSString, NSArray and friends are registered once it is loaded.
                Load(CoreMLFramework);
                var coreVideo = Load(CoreVideoFramework);
                return _shared = new ObjectiveC(objc, coreVideo);
            }
        }
    }

    public nint Class(string name)
    {
        lock (_classes)
        {
            if (_classes.TryGetValue(name, out var cls)) return cls;
            fixed (byte* text = Utf8(name)) cls = _getClass(text);
            if (cls == 0) throw new RuntimeUnavailableException($"the Objective-C class {name} is not available on this system; Core ML on macOS 12 or later provides it");
            return _classes[name] = cls;
        }
    }

    public nint Selector(string name)
    {
        lock (_selectors)
        {
            if (_selectors.TryGetValue(name, out var sel)) return sel;
            fixed (byte* text = Utf8(name)) sel = _registerName(text);
            return _selectors[name] = sel;
        }
    }

    // One method per C signature sent; the names say the argument kinds (P = pointer/id, L = NSInteger/long long).

    /// <summary>id f(id, SEL)</summary>
    public nint Send(nint receiver, string selector) =>
        ((delegate* unmanaged<nint, nint, nint>)_msgSend)(receiver, Selector(selector));

    /// <summary>id f(id, SEL, id)</summary>
    public nint SendP(nint receiver, string selector, nint a) =>
        ((delegate* unmanaged<nint, nint, nint, nint>)_msgSend)(receiver, Selector(selector), a);

    /// <summary>id f(id, SEL, id, id)</summary>
    public nint SendPP(nint receiver, string selector, nint a, nint b) =>
        ((delegate* unmanaged<nint, nint, nint, nint, nint>)_msgSend)(receiver, Selector(selector), a, b);

    /// <summary>id f(id, SEL, id, id, id)</summary>
    public nint SendPPP(nint receiver, string selector, nint a, nint b, nint c) =>
        ((delegate* unmanaged<nint, nint, nint, nint, nint, nint>)_msgSend)(receiver, Selector(selector), a, b, c);

    /// <summary>id f(id, SEL, id, id, NSUInteger), e.g. +[NSArray arrayWithObjects:count:]</summary>
    public nint SendPPL(nint receiver, string selector, nint a, nint b, long c) =>
        ((delegate* unmanaged<nint, nint, nint, nint, long, nint>)_msgSend)(receiver, Selector(selector), a, b, c);

    /// <summary>id f(id, SEL, id, NSUInteger), e.g. +[NSArray arrayWithObjects:count:]</summary>
    public nint SendPL(nint receiver, string selector, nint a, long b) =>
        ((delegate* unmanaged<nint, nint, nint, long, nint>)_msgSend)(receiver, Selector(selector), a, b);

    /// <summary>id f(id, SEL, long long / NSInteger / NSUInteger)</summary>
    public nint SendL(nint receiver, string selector, long a) =>
        ((delegate* unmanaged<nint, nint, long, nint>)_msgSend)(receiver, Selector(selector), a);

    /// <summary>void f(id, SEL, NSInteger), e.g. -[MLModelConfiguration setComputeUnits:]</summary>
    public void SendVoidL(nint receiver, string selector, long a) =>
        ((delegate* unmanaged<nint, nint, long, void>)_msgSend)(receiver, Selector(selector), a);

    /// <summary>id f(id, SEL, void *, NSArray *, NSInteger, NSArray *, void (^)(void *), NSError **): -[MLMultiArray initWithDataPointer:shape:dataType:strides:deallocator:error:]</summary>
    public nint SendMultiArrayInit(nint receiver, nint data, nint shape, long dataType, nint strides, nint deallocator, nint* error) =>
        ((delegate* unmanaged<nint, nint, nint, nint, long, nint, nint, nint*, nint>)_msgSend)(
            receiver, Selector("initWithDataPointer:shape:dataType:strides:deallocator:error:"), data, shape, dataType, strides, deallocator, error);

    /// <summary>id f(id, SEL, id, NSError **)</summary>
    public nint SendPE(nint receiver, string selector, nint a, nint* error) =>
        ((delegate* unmanaged<nint, nint, nint, nint*, nint>)_msgSend)(receiver, Selector(selector), a, error);

    /// <summary>id f(id, SEL, id, id, NSError **)</summary>
    public nint SendPPE(nint receiver, string selector, nint a, nint b, nint* error) =>
        ((delegate* unmanaged<nint, nint, nint, nint, nint*, nint>)_msgSend)(receiver, Selector(selector), a, b, error);

    /// <summary>NSInteger / NSUInteger / long long f(id, SEL)</summary>
    public long SendReturnLong(nint receiver, string selector) =>
        ((delegate* unmanaged<nint, nint, long>)_msgSend)(receiver, Selector(selector));

    /// <summary>double f(id, SEL): returned in d0 on arm64 and xmm0 on x86-64, so it needs its own signature.</summary>
    public double SendReturnDouble(nint receiver, string selector) =>
        ((delegate* unmanaged<nint, nint, double>)_msgSend)(receiver, Selector(selector));

    /// <summary>An autoreleased NSString holding <paramref name="text"/>.</summary>
    public nint String(string text)
    {
        fixed (byte* utf8 = Utf8(text)) return SendP(Class("NSString"), "stringWithUTF8String:", (nint)utf8);
    }

    /// <summary>The contents of an NSString (null for nil).</summary>
    public string? ToManaged(nint nsString) =>
        nsString == 0 ? null : Marshal.PtrToStringUTF8(Send(nsString, "UTF8String"));

    /// <summary>An autoreleased NSArray of NSNumbers (long long) holding <paramref name="values"/>.</summary>
    public nint NumberArray(ReadOnlySpan<long> values)
    {
        var numbers = new nint[values.Length];
        for (var i = 0; i < values.Length; i++) numbers[i] = SendL(Class("NSNumber"), "numberWithLongLong:", values[i]);
        fixed (nint* items = numbers) return SendPL(Class("NSArray"), "arrayWithObjects:count:", (nint)items, values.Length);
    }

    /// <summary>The longLongValue of every NSNumber in an NSArray.</summary>
    public long[] Longs(nint nsArray)
    {
        var values = new long[SendReturnLong(nsArray, "count")];
        for (var i = 0; i < values.Length; i++) values[i] = SendReturnLong(SendL(nsArray, "objectAtIndex:", i), "longLongValue");
        return values;
    }

    /// <summary>An NSError's localizedDescription, or <paramref name="fallback"/> when Core ML returned nil without an error.</summary>
    public string Describe(nint error, string fallback) => ToManaged(error == 0 ? 0 : Send(error, "localizedDescription")) ?? fallback;

    /// <summary>id f(id, SEL, double), e.g. +[MLFeatureValue featureValueWithDouble:]</summary>
    public nint SendD(nint receiver, string selector, double a) =>
        ((delegate* unmanaged<nint, nint, double, nint>)_msgSend)(receiver, Selector(selector), a);

    /// <summary>void f(id, SEL): -[NSObject release]</summary>
    public void Release(nint obj)
    {
        if (obj != 0) ((delegate* unmanaged<nint, nint, void>)_msgSend)(obj, Selector("release"));
    }

    private static nint Load(string path) =>
        NativeLibrary.TryLoad(path, out var handle) ? handle : throw new RuntimeUnavailableException($"could not load {path}; {CoreMLAvailability.NeedsMacOS}");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
