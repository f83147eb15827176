namespace FokkerPlanckGrid.Simulations;

/// <summary>
/// The per-level record every run keeps: t, mass = sum v dV, min v, and the step's Courant number
/// (0 at the initial level). Grows by one entry per level; capacity is reserved up front for fixed time grids.
/// </summary>
public sealed class LevelDiagnostics(int capacity = 0)
{
    public List<double> Time { get; } = new(capacity);
    public List<double> Mass { get; } = new(capacity);
    public List<double> Min { get; } = new(capacity);
    public List<double> Max { get; } = new(capacity);
    public List<double> Courant { get; } = new(capacity);

    public int Count => Time.Count;

    public void Add(double t, double mass, double min, double max, double courant)
    {
        Max.Add(max);
        Time.Add(t);
        Mass.Add(mass);
        Min.Add(min);
        Courant.Add(courant);
    }

    /// <summary>max over levels of |mass - mass(T)| / mass(T).</summary>
    public double RelativeMassDrift()
    {
        if (Count == 0) return 0;
        double m0 = Mass[0], drift = 0;
        foreach (var m in Mass) drift = Math.Max(drift, Math.Abs(m - m0) / m0);
        return drift;
    }

    public double MinOverRun()
    {
        double m = double.PositiveInfinity;
        foreach (var x in Min) m = Math.Min(m, x);
        return m;
    }
}
