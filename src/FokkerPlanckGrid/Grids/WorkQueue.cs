using System.Runtime.InteropServices;

namespace FokkerPlanckGrid.Grids;

/// <summary>
/// Chunks 0..count-1 handed out one at a time to whichever worker of a <see cref="WorkerTeam"/> asks first (one
/// interlocked increment per chunk, no allocation). On a shared machine a worker whose core is taken by another
/// process then does less of the work instead of holding everyone at the barrier, as a static split would. The
/// chunks must be independent (grid lines are), so results do not depend on which worker ran which chunk.
/// </summary>
public sealed class WorkQueue
{
    // the counter on a cache line of its own: workers hammer it while other fields of the owner are read
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Padded
    {
        [FieldOffset(64)] public int Next;
    }

    private Padded _state;
    private int _count;

    /// <summary>Starts a new round of <paramref name="count"/> chunks (call before <see cref="WorkerTeam.Run"/>).</summary>
    public void Reset(int count)
    {
        _count = count;
        Volatile.Write(ref _state.Next, 0);
    }

    /// <summary>Claims the next chunk; false when all have been handed out.</summary>
    public bool TryTake(out int chunk)
    {
        chunk = Interlocked.Increment(ref _state.Next) - 1;
        return chunk < _count;
    }
}
