namespace FokkerPlanckGrid.Particles;

/// <summary>Several <see cref="IParticleObserver"/>s as one (a sampler run takes one observer).</summary>
public static class ParticleObservers
{
    /// <summary>The non-null observers, called in order; null when there are none, the observer itself when there is one.</summary>
    public static IParticleObserver? Combine(params IParticleObserver?[] observers)
    {
        var list = observers.OfType<IParticleObserver>().ToArray();
        return list.Length switch
        {
            0 => null,
            1 => list[0],
            _ => new Composite(list),
        };
    }

    private sealed class Composite(IParticleObserver[] observers) : IParticleObserver
    {
        public void OnLevel(int level, double t, long first, int count, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1)
        {
            foreach (var o in observers) o.OnLevel(level, t, first, count, x0, x1);
        }
    }
}
