namespace FokkerPlanckGrid.Particles;

/// <summary>Particles finished so far, published for a progress display on another thread.</summary>
public sealed class ParticleProgress
{
    private long _done;

    /// <summary>Particles that have reached t_min (or stopped).</summary>
    public long Done => Interlocked.Read(ref _done);

    internal void Add(int count) => Interlocked.Add(ref _done, count);
}
