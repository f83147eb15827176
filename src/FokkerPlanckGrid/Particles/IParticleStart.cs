namespace FokkerPlanckGrid.Particles;

/// <summary>Where particle p starts at t = T: a draw from v_T, or a given point (see <see cref="ParticleStarts"/>).</summary>
public interface IParticleStart
{
    int Dimension { get; }

    /// <summary>
    /// Writes particle <paramref name="particle"/>'s start point to <paramref name="x"/>, drawing only from
    /// <paramref name="random"/>, which the sampler has aimed at that particle's start stream.
    /// </summary>
    void Draw(long particle, CounterRandom random, Span<double> x);
}
