namespace FokkerPlanckGrid.Time;

/// <summary>K steps with t_n = T (t_min/T)^(n/K): each step shrinks t by the same ratio (t_min/T)^(1/K).</summary>
public sealed class GeometricTimeGrid : TimeGrid
{
    internal GeometricTimeGrid(double tMax, double tMin, int steps) : base(tMax, tMin)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "at least one step");
        Steps = steps;
    }

    /// <summary>K, the number of steps.</summary>
    public int Steps { get; }

    public double Level(int n) => GeometricLevel(n, Steps);

    public override double Propose(int step, double t) => Level(step + 1);

    public override bool Accept(double t, ref double tNew, double courant) => true;

    public override int EstimatedSteps => Steps;

    /// <summary>The snapshot levels: step indices round(s K / (S - 1)), s = 0..S-1 (duplicates removed when S &gt; K + 1).</summary>
    public int[] SnapshotSteps(int count)
    {
        var steps = new SortedSet<int>();
        for (int s = 0; s < count; s++) steps.Add((int)Math.Round((double)s * Steps / (count - 1)));
        return [.. steps];
    }
}
