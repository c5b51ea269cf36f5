using Parity.Engine.Tensors;

namespace Parity.Engine.Graph;

/// <summary>
/// The buffers of one run's <see cref="MemoryPlan"/> slots. Each slot is a private one-block pool: a value
/// placed in the slot rents the slot's full block and views its first bytes with its own dtype and shape;
/// disposing the value hands the block back for the slot's next value. Not shared between concurrent runs.
/// </summary>
internal sealed class SlotArena(MemoryPlan plan)
{
    private readonly TensorPool[] _slots = Enumerable.Range(0, plan.SlotCount).Select(_ => new TensorPool()).ToArray();

    public MemoryPlan Plan { get; } = plan;

    public Tensor Allocate(int slot, TensorType type)
    {
        var elementSize = type.DType.SizeOf();
        var capacity = Plan.SlotBytes(slot) / elementSize;
        if (capacity > Shape.MaxElements || capacity * elementSize > int.MaxValue)
        {
            // A slot this large viewed as bytes would exceed the per-tensor limit; such a value stands alone.
            return Tensor.Uninitialized(type.DType, type.Shape);
        }
        using var block = Tensor.Uninitialized(type.DType, new Shape((int)capacity), _slots[slot]);
        using var head = block.Slice0(0, type.Shape.ElementCount);
        return head.Reshape(type.Shape);
    }
}
