using Parity.Engine.Kernels;

namespace Parity.Spec.Keras;

/// <summary>The layout a Keras layer computes in: data_format (Keras 2/3) or dim_ordering (Keras 1: "th", "tf", "default").</summary>
internal static class KerasDataFormat
{
    public static Layout Of(KerasLayerContext context)
    {
        var args = context.Args;
        if (args.Has("data_format"))
        {
            return args.String("channels_last", "data_format") switch
            {
                "channels_last" => Layout.Nhwc,
                "channels_first" => Layout.Nchw,
                var other => throw args.Fail(["data_format"], $"is '{other}'; expected channels_last or channels_first"),
            };
        }
        // Layers without either key (Keras 1 and 2 Conv1D, pooling 1D) are always channels-last.
        if (!args.Has("dim_ordering")) return Layout.Nhwc;
        return args.String("default", "dim_ordering") switch
        {
            "tf" => Layout.Nhwc,
            "th" => Layout.Nchw,
            // Keras 1's "default" follows keras.json's image_dim_ordering, which shipped as "th" for Theano and "tf" for TensorFlow.
            "default" => context.File.IsTheano ? Layout.Nchw : Layout.Nhwc,
            var other => throw args.Fail(["dim_ordering"], $"is '{other}'; expected th, tf or default"),
        };
    }
}
