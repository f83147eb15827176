namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Every particle's position at chosen time levels (e.g. the early-stopping times of one run from T down to the smallest
/// t_min: a run stopped at t_min = 0.1 is the same run read at that level). <see cref="Positions"/>[s] is [N, d] in C
/// order for level <see cref="Levels"/>[s]. Blocks write disjoint rows, so concurrent calls need no lock.
/// </summary>
public sealed class LevelSnapshots : IParticleObserver
{
    private readonly int[] _slotOfLevel;
    private readonly int _dimension;

    /// <param name="count">N, the particles of the run</param>
    /// <param name="dimension">d</param>
    /// <param name="levels">level indices to keep (0 is T)</param>
    public LevelSnapshots(int count, int dimension, IReadOnlyList<int> levels)
    {
        if (levels.Count == 0 || levels.Any(l => l < 0)) throw new ArgumentException("at least one level index >= 0", nameof(levels));
        Levels = levels.ToArray();
        _dimension = dimension;
        _slotOfLevel = Enumerable.Repeat(-1, Levels.Max() + 1).ToArray();
        for (int s = 0; s < Levels.Length; s++) _slotOfLevel[Levels[s]] = s;
        Positions = Levels.Select(_ => new double[(long)count * dimension]).ToArray();
        Times = new double[Levels.Length];
    }

    public int[] Levels { get; }

    /// <summary>The times of the kept levels (filled as the run passes them).</summary>
    public double[] Times { get; }

    /// <summary>[level slot][N * d]: the positions.</summary>
    public double[][] Positions { get; }

    public void OnLevel(int level, double t, long first, int count, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1)
    {
        int slot = level < _slotOfLevel.Length ? _slotOfLevel[level] : -1;
        if (slot < 0) return;
        Times[slot] = t;
        var dest = Positions[slot];
        for (int i = 0; i < count; i++)
        {
            long row = (first + i) * _dimension;
            dest[row] = x0[i];
            if (_dimension == 2) dest[row + 1] = x1[i];
        }
    }

    /// <summary>The level index of time <paramref name="t"/> among <paramref name="levels"/> (relative 1e-9), or -1.</summary>
    public static int IndexOf(IReadOnlyList<double> levels, double t)
    {
        for (int n = 0; n < levels.Count; n++)
            if (Math.Abs(levels[n] - t) <= 1e-9 * t) return n;
        return -1;
    }
}
