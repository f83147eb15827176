using System.Diagnostics;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Simulations;

/// <summary>
/// The time loop: from t = T down to t_min, each step prepared once (score at the new time, coefficients) and applied
/// to the solution and to every companion field (e.g. u_h of the exact data-processing check). Records t, mass and
/// min v at every level, calls observers, and stops with <see cref="NumericalBreakdownException"/> at the first step
/// that produces a non-finite or (for an exactly positive stepper) negative value. Allocates nothing per step beyond
/// what the observers do.
/// </summary>
public sealed class Simulation
{
    private readonly IStepper _stepper;
    private readonly TimeGrid _time;
    private readonly double[] _snapshotTimes;

    /// <param name="stepper">how to step</param>
    /// <param name="time">the time levels</param>
    /// <param name="snapshots">number of snapshot levels, T and t_min included</param>
    public Simulation(IStepper stepper, TimeGrid time, int snapshots)
    {
        _stepper = stepper;
        _time = time is AdaptiveTimeGrid adaptive ? adaptive.WithSnapshots(snapshots) : time;
        _snapshotTimes = _time switch
        {
            GeometricTimeGrid g => g.SnapshotSteps(snapshots).Select(g.Level).ToArray(),
            AdaptiveTimeGrid a => [.. a.Targets],
            _ => throw new ArgumentException("unknown time grid"),
        };
    }

    /// <summary>The snapshot levels' times, from T down to t_min.</summary>
    public IReadOnlyList<double> SnapshotTimes => _snapshotTimes;

    public IStepper Stepper => _stepper;
    public TimeGrid TimeGrid => _time;

    /// <summary>Fields advanced by the same steps as the solution (not checked for breakdown, not observed).</summary>
    public List<double[]> Companions { get; } = [];

    /// <summary>
    /// Runs the loop on <paramref name="v"/> (v_T on entry, v(t_min) on return). The per-level record goes to
    /// <paramref name="levels"/> when given (so that it survives a <see cref="NumericalBreakdownException"/>).
    /// </summary>
    public RunResult Run(double[] v, IReadOnlyList<ISimulationObserver> observers, LevelDiagnostics? levels = null,
        CancellationToken cancel = default)
    {
        var grid = _stepper.Grid;
        levels ??= new LevelDiagnostics(_time.EstimatedSteps + 1);
        var clock = Stopwatch.StartNew();
        double t = _time.TMax;
        int step = 0, snapshot = 0;
        Record(step, t, v, 0, levels, observers, check: false);
        if (t == _snapshotTimes[0]) Snapshot(ref snapshot, t, v, observers);
        double stepSeconds = 0;
        int rejected = 0;
        while (t > _time.TMin)
        {
            cancel.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            double tNew = _time.Propose(step, t);
            while (true)
            {
                _stepper.Prepare(tNew, t - tNew);
                if (_time.Accept(t, ref tNew, _stepper.Courant)) break;
                rejected++;
            }
            _stepper.Apply(v);
            foreach (var c in Companions) _stepper.Apply(c);
            stepSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
            step++;
            t = tNew;
            Record(step, t, v, _stepper.Courant, levels, observers);
            if (snapshot < _snapshotTimes.Length && t == _snapshotTimes[snapshot]) Snapshot(ref snapshot, t, v, observers);
        }
        return new RunResult(grid, step, rejected, clock.Elapsed.TotalSeconds, stepSeconds, levels, snapshot);
    }

    /// <summary>
    /// Records the level and checks it: NaN or Inf anywhere, non-positive mass, or a negative value (below -1e-8 max v
    /// for a stepper that is positive only to its solver tolerance) is a breakdown; the level is then not recorded.
    /// </summary>
    private void Record(int step, double t, double[] v, double courant, LevelDiagnostics levels,
        IReadOnlyList<ISimulationObserver> observers, bool check = true)
    {
        var (sum, min, max, finite) = Norms.Scan(v);
        if (check)
        {
            if (!finite) throw new NumericalBreakdownException(step, t, "non-finite value in v");
            double floor = _stepper.IsExactlyPositive ? 0 : -1e-8 * max;
            if (min < floor) throw new NumericalBreakdownException(step, t, $"min v = {min:G3} < 0");
            if (!(sum > 0)) throw new NumericalBreakdownException(step, t, $"mass = {sum:G3} <= 0");
        }
        levels.Add(t, sum * _stepper.Grid.CellVolume, min, max, courant);
        foreach (var o in observers) o.OnLevel(step, t, v, _stepper);
    }

    private static void Snapshot(ref int snapshot, double t, double[] v, IReadOnlyList<ISimulationObserver> observers)
    {
        foreach (var o in observers) o.OnSnapshot(snapshot, t, v);
        snapshot++;
    }
}
