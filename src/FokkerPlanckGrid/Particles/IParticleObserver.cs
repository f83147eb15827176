namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Sees every particle at every time level (level 0 is the start at T), block by block. Blocks run concurrently on
/// several threads, each block's levels in order: an observer may write per-particle state for the particles of the
/// block it is given, nothing shared without synchronisation. It must not modify the positions.
/// </summary>
public interface IParticleObserver
{
    /// <summary>
    /// Level <paramref name="level"/> (time <paramref name="t"/>) of particles <paramref name="first"/> ..
    /// first + count - 1, whose coordinates are x0[i], x1[i] (x1 empty in 1D), i &lt; count.
    /// </summary>
    void OnLevel(int level, double t, long first, int count, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1);
}
