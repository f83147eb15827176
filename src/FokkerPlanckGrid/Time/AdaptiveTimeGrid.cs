namespace FokkerPlanckGrid.Time;

/// <summary>
/// Steps chosen on the fly so that the Courant number C = max|b| dtau / h of each step (velocity at the new time)
/// is at most <see cref="Courant"/>. A step whose C exceeds the bound is retried with dtau scaled by 0.9 bound / C;
/// after an accepted step the next proposal grows by at most a factor 2. Steps are cut to land exactly on the
/// snapshot targets and on t_min. Since |b| ~ 1/t, the number of steps grows like log(T / t_min).
/// </summary>
public sealed class AdaptiveTimeGrid : TimeGrid
{
    private readonly double[] _targets;
    private double _nextGap;

    internal AdaptiveTimeGrid(double tMax, double tMin, double courant, int snapshots = 2) : base(tMax, tMin)
    {
        if (!(courant > 0) || !double.IsFinite(courant))
            throw new ArgumentOutOfRangeException(nameof(courant), courant, "the Courant bound must be > 0");
        Courant = courant;
        _targets = SnapshotTargets(Math.Max(2, snapshots));
        _nextGap = (tMax - tMin) * 1e-3;
    }

    public double Courant { get; }

    /// <summary>The same grid with snapshot targets that steps land on exactly.</summary>
    public AdaptiveTimeGrid WithSnapshots(int count) => new(TMax, TMin, Courant, count);

    public IReadOnlyList<double> Targets => _targets;

    public override double Propose(int step, double t) => Clip(t, t - _nextGap);

    public override bool Accept(double t, ref double tNew, double courant)
    {
        double gap = t - tNew;
        if (courant > Courant * (1 + 1e-12) && gap > TMin * 1e-12)
        {
            tNew = Clip(t, t - gap * 0.9 * Courant / courant);
            return false;
        }
        _nextGap = courant > 0 ? gap * Math.Min(2.0, 0.95 * Courant / courant) : 2 * gap;
        return true;
    }

    public override int EstimatedSteps => 0;

    private double Clip(double t, double tNew)
    {
        double target = TMin;
        foreach (var s in _targets)
            if (s < t * (1 - 1e-14)) { target = s; break; }
        return tNew <= target ? target : tNew;
    }
}
