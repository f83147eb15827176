namespace FokkerPlanckGrid.Time;

/// <summary>
/// The time levels of a run, from T down to t_min (the solver runs backward in t, forward in tau = T - t).
/// Either fixed in advance (<see cref="Geometric"/>) or chosen while running (<see cref="Adaptive"/>).
/// </summary>
public abstract class TimeGrid
{
    protected TimeGrid(double tMax, double tMin)
    {
        if (!(tMin > 0) || !(tMax > tMin) || !double.IsFinite(tMax))
            throw new ArgumentException($"need 0 < t_min < T, got t_min = {tMin}, T = {tMax}");
        TMax = tMax;
        TMin = tMin;
    }

    /// <summary>T, where the run starts.</summary>
    public double TMax { get; }

    /// <summary>t_min &gt; 0, where it stops.</summary>
    public double TMin { get; }

    /// <summary>Geometric levels t_n = T (t_min / T)^(n / K), n = 0..K: uniform in log t, as the score grows like 1/t.</summary>
    public static GeometricTimeGrid Geometric(double tMax, double tMin, int steps) => new(tMax, tMin, steps);

    /// <summary>Levels chosen so that the Courant number max|b| dtau / h stays at most <paramref name="courant"/>.</summary>
    public static AdaptiveTimeGrid Adaptive(double tMax, double tMin, double courant) => new(tMax, tMin, courant);

    /// <summary>
    /// Snapshot target times: <paramref name="count"/> levels geometric between T and t_min (T and t_min included).
    /// </summary>
    public double[] SnapshotTargets(int count)
    {
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "at least 2 snapshots (T and t_min)");
        var t = new double[count];
        for (int s = 0; s < count; s++) t[s] = GeometricLevel(s, count - 1);
        return t;
    }

    /// <summary>T (t_min/T)^(n/K), exactly T at n = 0 and exactly t_min at n = K.</summary>
    public double GeometricLevel(int n, int k) =>
        n == 0 ? TMax : n == k ? TMin : TMax * Math.Pow(TMin / TMax, (double)n / k);

    /// <summary>The first proposal of the next level after <paramref name="t"/> (step <paramref name="step"/>, 0-based).</summary>
    public abstract double Propose(int step, double t);

    /// <summary>
    /// Judges a prepared step from <paramref name="t"/> to <paramref name="tNew"/> whose Courant number is
    /// <paramref name="courant"/>. Returns true to accept; false with a smaller <paramref name="tNew"/> gap to retry.
    /// </summary>
    public abstract bool Accept(double t, ref double tNew, double courant);

    /// <summary>An upper estimate of the number of steps (for progress reporting).</summary>
    public abstract int EstimatedSteps { get; }
}
