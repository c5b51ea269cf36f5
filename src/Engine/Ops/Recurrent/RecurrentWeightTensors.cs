using Parity.Engine.Tensors;

namespace Parity.Engine.Ops.Recurrent;

/// <summary>
/// One direction's constant weights: kernel [features, gates * units], recurrent kernel [units, gates * units], and the
/// optional bias [gates * units], LSTM peepholes [3 * units] (p_i, p_f, p_o) and GRU recurrent bias [3 * units].
/// </summary>
public sealed record RecurrentWeightTensors(Tensor Kernel, Tensor RecurrentKernel, Tensor? Bias = null, Tensor? Peepholes = null, Tensor? RecurrentBias = null);
