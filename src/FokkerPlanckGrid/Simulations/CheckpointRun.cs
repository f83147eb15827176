using System.Diagnostics;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Simulations;

/// <summary>
/// A run of a solver set-up from T down to t_min that passes through given checkpoint times exactly and keeps a copy
/// of v at each (the paper's figures show v at chosen t, which a single geometric grid does not hit). The run is a
/// sequence of <see cref="Simulation"/>s, one per segment [t_k, t_{k-1}] between consecutive stops: geometric segments
/// share the case's K steps in proportion to log(t_{k-1}/t_k) (at least one each), so the step ratio stays close to
/// the case's own (T/t_min)^(1/K); adaptive segments keep the case's Courant bound. Every step is the case's stepper,
/// so positivity, mass and the data-processing inequality hold exactly as in a plain run.
/// <para>
/// Observers see one continuous run: steps are numbered across segments, and the first level of every segment after
/// the first (the previous segment's last) is not repeated. Snapshots are not forwarded (the checkpoints replace them).
/// </para>
/// </summary>
public static class CheckpointRun
{
    /// <summary>The fields at the checkpoints and the run's record.</summary>
    /// <param name="Times">the checkpoint times, in the order asked for</param>
    /// <param name="Fields">copies of v at each checkpoint</param>
    /// <param name="Final">v at t_min</param>
    /// <param name="Levels">t, mass, min v, max v and Courant number at every level of the whole run</param>
    /// <param name="Steps">accepted steps over all segments</param>
    /// <param name="WallSeconds">the whole run, observers included</param>
    public sealed record Result(IReadOnlyList<double> Times, IReadOnlyList<double[]> Fields, double[] Final,
        LevelDiagnostics Levels, int Steps, double WallSeconds);

    /// <summary>
    /// Runs <paramref name="setup"/> from v_T (its <see cref="SolverSetup.Terminal"/>, not modified) down to t_min,
    /// stopping at every checkpoint in [t_min, T]. Companion fields are advanced by the same steps.
    /// Throws <see cref="ArgumentOutOfRangeException"/> for a checkpoint outside [t_min, T] and
    /// <see cref="NumericalBreakdownException"/> as <see cref="Simulation.Run"/> does.
    /// </summary>
    public static Result Execute(SolverSetup setup, IReadOnlyList<double> checkpoints,
        IReadOnlyList<ISimulationObserver> observers, IReadOnlyList<double[]>? companions = null, CancellationToken cancel = default)
    {
        var time = setup.Case.Time;
        foreach (var t in checkpoints)
            if (!(t >= time.TMin && t <= time.T))
                throw new ArgumentOutOfRangeException(nameof(checkpoints), t, $"checkpoints must lie in [t_min, T] = [{time.TMin}, {time.T}]");
        var stops = checkpoints.Append(time.TMin).Where(t => t < time.T).Distinct().OrderDescending().ToArray();
        var clock = Stopwatch.StartNew();
        var v = Fields.LargeArrays.Copy(setup.Terminal);
        var saved = new Dictionary<double, double[]>();
        if (checkpoints.Contains(time.T)) saved[time.T] = (double[])v.Clone();
        var levels = new LevelDiagnostics();
        var forward = new Forwarder(observers);
        double start = time.T;
        double logSpan = Math.Log(time.T / time.TMin);
        int steps = 0;
        foreach (var stop in stops)
        {
            var grid = time.Spacing == TimeSpacing.Adaptive
                ? (TimeGrid)TimeGrid.Adaptive(start, stop, time.Courant)
                : TimeGrid.Geometric(start, stop, Math.Max(1, (int)Math.Round(time.Steps * Math.Log(start / stop) / logSpan)));
            var simulation = new Simulation(setup.Stepper, grid, 2);
            if (companions is not null) simulation.Companions.AddRange(companions);
            var segment = new LevelDiagnostics();
            forward.StartSegment(steps);
            var result = simulation.Run(v, [forward], segment, cancel);
            for (int i = steps == 0 && levels.Count == 0 ? 0 : 1; i < segment.Count; i++)
                levels.Add(segment.Time[i], segment.Mass[i], segment.Min[i], segment.Max[i], segment.Courant[i]);
            steps += result.Steps;
            if (checkpoints.Contains(stop)) saved[stop] = (double[])v.Clone();
            start = stop;
        }
        var fields = checkpoints.Select(t => saved[t]).ToArray();
        return new Result(checkpoints.ToArray(), fields, v, levels, steps, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Forwards levels with steps numbered across segments, dropping each later segment's repeated first level.</summary>
    private sealed class Forwarder(IReadOnlyList<ISimulationObserver> observers) : ISimulationObserver
    {
        private int _offset;
        private bool _first = true;

        public void StartSegment(int offset) => _offset = offset;

        public void OnLevel(int step, double t, double[] v, IStepper stepper)
        {
            if (step == 0 && !_first) return;
            _first = false;
            foreach (var o in observers) o.OnLevel(_offset + step, t, v, stepper);
        }

        public void OnSnapshot(int index, double t, double[] v) { }
    }
}
