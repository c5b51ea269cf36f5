using Parity.Spec.CoreML.Format;
using static Parity.Spec.Tests.CoreML.NeuralNetworkLayerRuns;
using Operation = Parity.Spec.CoreML.Format.UnaryFunctionLayerParams.Types.Operation;

namespace Parity.Spec.Tests.CoreML;

/// <summary>The rank-5 unary layer (f(scale * x + shift) with its epsilon and alpha) and the ND element-wise functions.</summary>
public class NeuralNetworkUnaryLayerTests
{
    private static float[] Unary(UnaryFunctionLayerParams p, float[] x)
    {
        var layer = Node("unary", "x");
        layer.Unary = p;
        var (values, shape) = RunRank5([new("x", x, x.Length)], layer);
        Assert.Equal([1, x.Length, 1, 1], shape);
        return values;
    }

    public static TheoryData<Operation, float, float, float, float, float[]> UnaryCases => new()
    {
        // scale 2, shift 1: u = 2x + 1 = [3, 5, 7, 9]; sqrt(u).
        { Operation.Sqrt, 2f, 1f, 0f, 0f, [1.7320508f, 2.2360680f, 2.6457513f, 3f] },
        // epsilon 5: 1 / sqrt(x + 5) = 1 / sqrt([6, 7, 8, 9]).
        { Operation.Rsqrt, 0f, 0f, 0f, 5f, [0.40824829f, 0.37796447f, 0.35355339f, 0.33333333f] },
        // epsilon 1: 1 / (x + 1) = [1/2, 1/3, 1/4, 1/5].
        { Operation.Inverse, 0f, 0f, 0f, 1f, [0.5f, 0.33333333f, 0.25f, 0.2f] },
        // u^3 with u = [3, 5, 7, 9]: [27, 125, 343, 729].
        { Operation.Power, 2f, 1f, 3f, 0f, [27f, 125f, 343f, 729f] },
        { Operation.Exp, 0f, 0f, 0f, 0f, [2.7182818f, 7.3890561f, 20.085537f, 54.598150f] },
        { Operation.Log, 0f, 0f, 0f, 0f, [0f, 0.69314718f, 1.0986123f, 1.3862944f] },
        // shift -2.5: |x - 2.5| = [1.5, 0.5, 0.5, 1.5].
        { Operation.Abs, 0f, -2.5f, 0f, 0f, [1.5f, 0.5f, 0.5f, 1.5f] },
        // max(2.5, x).
        { Operation.Threshold, 0f, 0f, 2.5f, 0f, [2.5f, 2.5f, 3f, 4f] },
    };

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_applies_the_function_to_scale_times_x_plus_shift(Operation type, float scale, float shift, float alpha, float epsilon, float[] expected)
    {
        var p = new UnaryFunctionLayerParams { Type = type, Scale = scale, Shift = shift, Alpha = alpha, Epsilon = epsilon };
        Close(expected, Unary(p, [1, 2, 3, 4]));
    }

    [Fact]
    public void Unset_epsilon_of_inverse_is_one_millionth()
    {
        // 1 / (0 + 1e-6) = 1e6: the default epsilon is what keeps it finite.
        Close([1e6f], Unary(new UnaryFunctionLayerParams { Type = Operation.Inverse }, [0f]));
    }

    private static float[] Apply(Action<NeuralNetworkLayer> set, params float[] x)
    {
        var layer = Node("f", "x");
        set(layer);
        var (values, shape) = RunND([new("x", x, x.Length)], layer);
        Assert.Equal([x.Length], shape);
        return values;
    }

    [Fact]
    public void Rounding_functions_follow_their_definitions()
    {
        float[] x = [-1.5f, -0.5f, 0.5f, 2.7f];
        Assert.Equal([-1f, -0f, 1f, 3f], Apply(l => l.Ceil = new CeilLayerParams(), x));
        Assert.Equal([-2f, -1f, 0f, 2f], Apply(l => l.Floor = new FloorLayerParams(), x));
        Assert.Equal([-1f, -1f, 1f, 1f], Apply(l => l.Sign = new SignLayerParams(), x));
        // Halves to even: -1.5 -> -2, -0.5 -> -0, 0.5 -> 0; 2.7 -> 3.
        Assert.Equal([-2f, -0f, 0f, 3f], Apply(l => l.Round = new RoundLayerParams(), x));
    }

    [Fact]
    public void Transcendental_functions_match_their_definitions()
    {
        // 2^1 = 2, 2^3 = 8, 2^-1 = 0.5.
        Close([2f, 8f, 0.5f], Apply(l => l.Exp2 = new Exp2LayerParams(), 1, 3, -1));
        Close([MathF.Tan(0.5f), MathF.Tan(-1.2f)], Apply(l => l.Tan = new TanLayerParams(), 0.5f, -1.2f));
        Close([MathF.Sin(0.5f), MathF.Cos(0.5f)], [Apply(l => l.Sin = new SinLayerParams(), 0.5f)[0], Apply(l => l.Cos = new CosLayerParams(), 0.5f)[0]]);
        Close([MathF.Tanh(0.7f)], Apply(l => l.Tanh = new TanhLayerParams(), 0.7f));
        // erf(0.5) = 0.5204999; erf(-1) = -0.8427008.
        Close([0.5204999f, -0.8427008f], Apply(l => l.Erf = new ErfLayerParams(), 0.5f, -1f));
    }

    [Fact]
    public void Gelu_modes_follow_the_three_formulas()
    {
        // EXACT: 0.5 * 1 * (1 + erf(1 / sqrt 2)) = 0.5 * (1 + 0.6826895) = 0.8413447.
        Close([0.8413447f], Apply(l => l.Gelu = new GeluLayerParams { Mode = GeluLayerParams.Types.GeluMode.Exact }, 1f));
        // TANH: 0.5 * (1 + tanh(sqrt(2/pi) * (1 + 0.044715))) = 0.5 * (1 + tanh(0.8335144)) = 0.8411920.
        Close([0.8411920f], Apply(l => l.Gelu = new GeluLayerParams { Mode = GeluLayerParams.Types.GeluMode.TanhApproximation }, 1f));
        // SIGMOID: 1 * sigmoid(1.702) = 1 / (1 + e^-1.702) = 0.8457958.
        Close([0.8457958f], Apply(l => l.Gelu = new GeluLayerParams { Mode = GeluLayerParams.Types.GeluMode.SigmoidApproximation }, 1f));
    }

    [Fact]
    public void Clamped_relu_scales_negatives_and_caps_at_beta()
    {
        // alpha 0.1, beta 2: -3 -> -0.3, 1 -> 1, 5 -> min(2, 5) = 2.
        Close([-0.3f, 1f, 2f], Apply(l => l.ClampedReLU = new ClampedReLULayerParams { Alpha = 0.1f, Beta = 2f }, -3, 1, 5));
    }

    [Fact]
    public void Inverse_and_hyperbolic_functions_match_system_math()
    {
        // Evaluated in double and rounded once; compared with the double-precision definitions.
        Close([(float)Math.Asin(0.5), (float)Math.Asin(-1)], Apply(l => l.Asin = new AsinLayerParams(), 0.5f, -1f));
        Close([(float)Math.Acos(0.5)], Apply(l => l.Acos = new AcosLayerParams(), 0.5f));
        Close([(float)Math.Atan(2.0)], Apply(l => l.Atan = new AtanLayerParams(), 2f));
        Close([(float)Math.Sinh(1e-3)], Apply(l => l.Sinh = new SinhLayerParams(), 1e-3f));
        Close([(float)Math.Cosh(1.5)], Apply(l => l.Cosh = new CoshLayerParams(), 1.5f));
        Close([(float)Math.Asinh(-2.0)], Apply(l => l.Asinh = new AsinhLayerParams(), -2f));
        Close([(float)Math.Acosh(3.0)], Apply(l => l.Acosh = new AcoshLayerParams(), 3f));
        Close([(float)Math.Atanh(0.25)], Apply(l => l.Atanh = new AtanhLayerParams(), 0.25f));
        // Outside the domain: asin(2) is NaN.
        Assert.True(float.IsNaN(Apply(l => l.Asin = new AsinLayerParams(), 2f)[0]));
    }

    [Fact]
    public void Random_layers_are_named_unsupported()
    {
        var layer = Node("noise", "x");
        layer.RandomNormalLike = new RandomNormalLikeLayerParams { StdDev = 1 };
        var unsupported = Unsupported([new("x", [0.5f], 1)], layer);
        Assert.Equal(("noise", "randomNormalLike"), (unsupported.Name, unsupported.Type));
    }
}
