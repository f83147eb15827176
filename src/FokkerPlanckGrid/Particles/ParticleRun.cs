namespace FokkerPlanckGrid.Particles;

/// <summary>What a particle run produced.</summary>
/// <param name="Dimension">d</param>
/// <param name="Count">N, particles</param>
/// <param name="Seed">the seed</param>
/// <param name="Levels">every time level t_0 = T &gt; ... &gt; t_K = t_min</param>
/// <param name="StoredLevels">indices into <paramref name="Levels"/> of the stored levels (0 and K included)</param>
/// <param name="Stride">stored particles are 0, stride, 2 stride, ...</param>
/// <param name="StoredCount">how many particles are stored, ceil(N / stride)</param>
/// <param name="Trajectories">[M, StoredCount, d] C order: stored particle i at stored level s</param>
/// <param name="End">[N, d] C order: every particle at t_min (NaN rows for particles that broke down)</param>
/// <param name="Seconds">wall time of the stepping</param>
/// <param name="BreakdownLevel">the first level at which some particle became non-finite, or null</param>
public sealed record ParticleRun(int Dimension, int Count, long Seed, double[] Levels, int[] StoredLevels, int Stride,
    int StoredCount, double[] Trajectories, double[] End, double Seconds, int? BreakdownLevel)
{
    /// <summary>K, the number of steps.</summary>
    public int Steps => Levels.Length - 1;

    /// <summary>N K / seconds.</summary>
    public double ParticleStepsPerSecond => Seconds > 0 ? (double)Count * Steps / Seconds : 0;

    /// <summary>The stored times, from T down to t_min.</summary>
    public double[] StoredTimes => StoredLevels.Select(n => Levels[n]).ToArray();

    /// <summary>Stored particle <paramref name="i"/>'s coordinate <paramref name="c"/> at stored level <paramref name="s"/>.</summary>
    public double Stored(int s, int i, int c) => Trajectories[((long)s * StoredCount + i) * Dimension + c];

    /// <summary>Particle <paramref name="p"/>'s end coordinate <paramref name="c"/>.</summary>
    public double EndPoint(long p, int c) => End[p * Dimension + c];
}
