using System.Diagnostics;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Simulations;

namespace FokkerPlanckGrid.Convergence;

/// <summary>
/// A convergence study against an exact solution (<see cref="ExactSolution"/>): the case is run at L levels,
/// k = 0 (coarsest) .. L-1, level k with the refined quantities divided by 2^(L-1-k), so that the finest level is the
/// case itself (<see cref="Refinement"/>: cells and steps, cells only, or steps only). At t_min and at every
/// snapshot level the relative L1, L2 and L-infinity errors of v against the exact cell averages are recorded
/// (<see cref="ErrorNorms"/>); the observed orders are the least-squares slopes of log(error) against log(h)
/// (log(dtau_max) when only time is refined) and the pairwise slopes between consecutive levels.
/// Console-free and file-free.
/// </summary>
public static class ConvergenceStudy
{
    /// <summary>The coarsest level must keep at least this many cells per axis.</summary>
    public const int MinCoarseCells = 8;

    /// <summary>At most this many levels (a level 2^(L-1) times finer than the coarsest is the case itself).</summary>
    public const int MaxLevels = 12;

    /// <summary>
    /// The case of each level, coarsest first; the last is <paramref name="c"/> itself with
    /// <see cref="SnapshotCount"/> snapshots. Throws <see cref="CaseInputException"/> (naming `--levels`, `grid.cells`
    /// or `time.steps`) when the levels cannot be made: cell or step counts not divisible by 2^(L-1), or fewer than
    /// <see cref="MinCoarseCells"/> cells per axis on the coarsest level.
    /// </summary>
    public static IReadOnlyList<Case> Plan(Case c, int levels, Refinement refine)
    {
        if (levels < 2 || levels > MaxLevels)
            throw new CaseInputException("--levels", levels.ToString(), $"must be between 2 and {MaxLevels} (an order needs two levels)");
        int r = 1 << (levels - 1);
        bool space = refine != Refinement.Time, time = refine != Refinement.Space;
        if (space)
        {
            foreach (int n in c.Grid.Cells)
            {
                string cells = $"[{string.Join(", ", c.Grid.Cells)}]";
                if (n % r != 0)
                    throw new CaseInputException("grid.cells", cells,
                        $"each count must be divisible by 2^(L-1) = {r} for --levels {levels} (the finest level is the case; e.g. {Nearest(n, r)})");
                if (n / r < MinCoarseCells)
                    throw new CaseInputException("grid.cells", cells,
                        $"the coarsest of {levels} levels would have {n / r} cells on an axis; at least {MinCoarseCells} needed (more cells or fewer levels)");
            }
        }
        bool geometric = c.Time.Spacing == TimeSpacing.Geometric;
        if (time && geometric && c.Time.Steps % r != 0)
            throw new CaseInputException("time.steps", c.Time.Steps.ToString(),
                $"must be divisible by 2^(L-1) = {r} for --levels {levels} (the finest level is the case; e.g. {Nearest(c.Time.Steps, r)})");

        int coarseSteps = geometric ? (time ? c.Time.Steps / r : c.Time.Steps) : 0;
        int snapshots = SnapshotCount(c.Time.Spacing, coarseSteps);
        return Enumerable.Range(0, levels).Select(k =>
        {
            int f = 1 << (levels - 1 - k);
            var timeSpec = c.Time;
            if (geometric && time) timeSpec = timeSpec with { Steps = c.Time.Steps / f };
            // adaptive: dtau ~ courant h, so keeping the Courant bound refines time with space (both); scale it to
            // keep dtau fixed (space) or to halve dtau at fixed h (time)
            if (!geometric)
                timeSpec = timeSpec with { Courant = refine switch { Refinement.Space => c.Time.Courant / f, Refinement.Time => c.Time.Courant * f, _ => c.Time.Courant } };
            return c with
            {
                Grid = space ? c.Grid with { Cells = c.Grid.Cells.Select(n => n / f).ToArray() } : c.Grid,
                Time = timeSpec,
                Output = c.Output with { Snapshots = snapshots },
            };
        }).ToList();
    }

    /// <summary>
    /// Snapshot levels S common to every level: geometric grids take snapshots at steps s K / (S - 1), so S - 1 is
    /// the largest divisor of the coarsest step count that is at most 10 (then the snapshot times coincide exactly
    /// across levels, steps being doubled); adaptive grids land on S = 11 geometric targets whatever the steps.
    /// </summary>
    public static int SnapshotCount(TimeSpacing spacing, int coarsestSteps)
    {
        if (spacing != TimeSpacing.Geometric) return 11;
        for (int d = 10; d > 1; d--)
            if (coarsestSteps % d == 0) return d + 1;
        return 2;
    }

    /// <summary>
    /// Runs every level of <see cref="Plan"/> against <see cref="ExactSolution.For"/>(c). A numerical breakdown
    /// propagates as <see cref="NumericalBreakdownException"/>; <paramref name="onLevelStart"/> names the level first.
    /// </summary>
    public static ConvergenceResult Run(Case c, int levels, Refinement refine, int threads = 0,
        Action<int, Case>? onLevelStart = null, Action<LevelResult>? onLevelDone = null, CancellationToken cancel = default)
    {
        var exact = ExactSolution.For(c);
        var plan = Plan(c, levels, refine);
        var results = new List<LevelResult>();
        for (int k = 0; k < plan.Count; k++)
        {
            onLevelStart?.Invoke(k, plan[k]);
            var level = RunLevel(plan[k], exact, threads, cancel);
            results.Add(level);
            onLevelDone?.Invoke(level);
        }
        return new ConvergenceResult(c.Name, refine, exact.Description, results);
    }

    /// <summary>One level: build, run from the exact terminal cell averages, compare at every snapshot.</summary>
    public static LevelResult RunLevel(Case c, ExactSolution exact, int threads = 0, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var setup = CaseBuilder.Build(c, threads);
        var simulation = new Simulation(setup.Stepper, setup.Time, c.Output.Snapshots);
        var observer = new ErrorObserver(setup.Grid, exact);
        var v = Fields.LargeArrays.Copy(setup.Terminal);
        var levels = new LevelDiagnostics();
        var run = simulation.Run(v, [observer], levels, cancel);
        double dtMax = 0;
        for (int n = 1; n < levels.Count; n++) dtMax = Math.Max(dtMax, levels.Time[n - 1] - levels.Time[n]);
        var final = exact.CellAveragesAt(setup.Grid, c.Time.TMin);
        return new LevelResult(c, [.. c.Grid.Cells], run.Steps, setup.Grid.Axes.Max(a => a.H), dtMax,
            ErrorNorms.Relative(v, final, setup.Grid.CellVolume), observer.Errors.Where(e => e.T < c.Time.T).ToList(),
            Norms.Sum(final) * setup.Grid.CellVolume, clock.Elapsed.TotalSeconds);
    }

    private static string Nearest(int n, int r)
    {
        int below = n / r * r, above = below + r;
        return below >= r ? $"{below} or {above}" : $"{above}";
    }

    /// <summary>Errors against the exact cell averages at each snapshot level.</summary>
    private sealed class ErrorObserver(Grids.Grid grid, ExactSolution exact) : ISimulationObserver
    {
        public List<SnapshotError> Errors { get; } = [];

        public void OnLevel(int step, double t, double[] v, IStepper stepper) { }

        public void OnSnapshot(int index, double t, double[] v) =>
            Errors.Add(new SnapshotError(t, ErrorNorms.Relative(v, exact.CellAveragesAt(grid, t), grid.CellVolume)));
    }
}
