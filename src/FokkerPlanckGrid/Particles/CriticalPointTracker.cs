using FokkerPlanckGrid.Mixing;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Where the particles of a mixed score went, against the critical points of Phi_lambda (<see cref="MixingPotential"/>):
/// at chosen time levels (the stored levels of a run, t_min included), for each radius delta, the number of particles
/// whose nearest critical point lies within delta (each particle counted once, for its nearest point, as
/// <see cref="MixingPotential.Classify"/> does) and the number farther than delta from all. Every particle is counted,
/// not only the stored ones. The particle counterpart of the grid's <see cref="CriticalPointMasses"/>.
/// <para>
/// <b>What to expect.</b> Away from the Voronoi boundaries of S1 and S2, m_k(x, t) = x + 2t s_k tends to the nearest
/// point of S_k exponentially fast in 1/t, so the mixed mean shift m = lambda m1 + (1 - lambda) m2 tends to
/// c_ij = lambda y_i + (1 - lambda) z_j on the cell R_ij, and the exact-mean-shift step X' - m = q^{(1+eps)/2} (X - m) + noise
/// contracts towards c_ij: where c_ij lies in R_ij (a local minimum) a particle that has entered a neighbourhood of it
/// stays and approaches it like sqrt(t) (eps = 0), or within the noise's O(sqrt(2t)) (eps &gt; 0). Clarke critical
/// points on the cell boundaries (saddles, maxima; the barycentres of the paper's Figure 3) attract only starts on a
/// symmetry set, whose weights tie to the bit; starts drawn from a density go to local minima (the noise of eps &gt; 0
/// only helps). Hence the share within delta of the minima grows towards 1 for particles from v_T.
/// </para>
/// <para>
/// Concurrency: blocks call <see cref="OnLevel"/> in parallel; each call counts into a stack buffer and adds it to the
/// shared counts with one interlocked add per entry. No allocation per call.
/// </para>
/// </summary>
public sealed class CriticalPointTracker : IParticleObserver
{
    private const int MaxStackEntries = 512;
    private readonly int[] _slotOfLevel;
    private readonly long[] _counts;   // [slot, delta, column]

    /// <param name="potential">Phi_lambda with its critical points</param>
    /// <param name="deltas">the radii (&gt; 0)</param>
    /// <param name="levels">the level indices to count at (of the run this tracker observes; 0 is T)</param>
    /// <param name="times">the times of those levels</param>
    public CriticalPointTracker(MixingPotential potential, IReadOnlyList<double> deltas, IReadOnlyList<int> levels, IReadOnlyList<double> times)
    {
        if (deltas.Count == 0 || deltas.Any(d => !(d > 0))) throw new ArgumentException("radii must be > 0", nameof(deltas));
        if (levels.Count != times.Count || levels.Count == 0) throw new ArgumentException("one time per level, at least one level");
        Potential = potential;
        Deltas = deltas.ToArray();
        Levels = levels.ToArray();
        Times = times.ToArray();
        _slotOfLevel = Enumerable.Repeat(-1, Levels.Max() + 1).ToArray();
        for (int s = 0; s < Levels.Length; s++) _slotOfLevel[Levels[s]] = s;
        if (Deltas.Length * Columns > MaxStackEntries)
            throw new ArgumentException($"{Deltas.Length} radii x {Columns} columns: at most {MaxStackEntries} counters");
        _counts = new long[Levels.Length * Deltas.Length * Columns];
        Totals = new long[Levels.Length];
    }

    /// <summary>A tracker for the stored levels of a sampler run with <paramref name="storedLevels"/> stored levels.</summary>
    public static CriticalPointTracker ForStoredLevels(MixingPotential potential, IReadOnlyList<double> deltas, ParticleSampler sampler,
        int storedLevels)
    {
        var levels = ParticleSampler.StoredLevelIndices(sampler.Levels.Count - 1, storedLevels);
        return new CriticalPointTracker(potential, deltas, levels, levels.Select(n => sampler.Levels[n]).ToArray());
    }

    public MixingPotential Potential { get; }
    public double[] Deltas { get; }

    /// <summary>The level indices counted at, T first.</summary>
    public int[] Levels { get; }

    /// <summary>Their times, from T down to t_min.</summary>
    public double[] Times { get; }

    /// <summary>Particles seen at each counted level.</summary>
    public long[] Totals { get; }

    /// <summary>Columns per delta: one per critical point, then "outside all".</summary>
    public int Columns => Potential.CriticalPoints.Count + 1;

    public void OnLevel(int level, double t, long first, int count, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1)
    {
        int slot = level < _slotOfLevel.Length ? _slotOfLevel[level] : -1;
        if (slot < 0) return;
        int columns = Columns, entries = Deltas.Length * columns;
        Span<long> local = stackalloc long[entries];
        local.Clear();
        Span<double> x = stackalloc double[2];
        bool two = Potential.Dimension == 2;
        for (int i = 0; i < count; i++)
        {
            x[0] = x0[i];
            if (two) x[1] = x1[i];
            var (k, r) = Potential.Nearest(x[..Potential.Dimension]);
            for (int d = 0; d < Deltas.Length; d++) local[d * columns + (r < Deltas[d] ? k : columns - 1)]++;
        }
        int offset = slot * entries;
        for (int e = 0; e < entries; e++)
            if (local[e] != 0) Interlocked.Add(ref _counts[offset + e], local[e]);
        Interlocked.Add(ref Totals[slot], count);
    }

    /// <summary>Share of the particles at counted level <paramref name="slot"/> within delta <paramref name="k"/> of critical point <paramref name="c"/> (c = Columns - 1: outside all).</summary>
    public double Share(int slot, int k, int c) =>
        Totals[slot] == 0 ? double.NaN : (double)_counts[(slot * Deltas.Length + k) * Columns + c] / Totals[slot];

    /// <summary>Share within delta <paramref name="k"/> of some critical point.</summary>
    public double NearAny(int slot, int k) => 1 - Share(slot, k, Columns - 1);

    /// <summary>Share within delta <paramref name="k"/> of the local minima.</summary>
    public double NearMinima(int slot, int k)
    {
        double sum = 0;
        for (int c = 0; c < Potential.CriticalPoints.Count; c++)
            if (Potential.CriticalPoints[c].IsLocalMinimum) sum += Share(slot, k, c);
        return sum;
    }

    /// <summary>The shares [slot, delta, column] flattened in C order (each row of columns sums to 1).</summary>
    public double[] Shares()
    {
        var shares = new double[_counts.Length];
        int per = Deltas.Length * Columns;
        for (int e = 0; e < shares.Length; e++) shares[e] = Totals[e / per] == 0 ? double.NaN : (double)_counts[e] / Totals[e / per];
        return shares;
    }

    /// <summary>The counted level whose time is nearest to <paramref name="t"/> in log t.</summary>
    public int SlotNear(double t) => Enumerable.Range(0, Times.Length).MinBy(s => Math.Abs(Math.Log(Times[s] / t)));
}
