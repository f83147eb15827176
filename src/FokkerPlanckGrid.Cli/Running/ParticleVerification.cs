using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.IO;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Schemes;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>
/// `fpgrid verify` on a case with a `particles` block: the particles are run first (with the convex-hull tracker,
/// and again with half the steps for the Monte Carlo time-stepping estimate), their datasets go into the run file,
/// and after the grid run their checks (<see cref="ParticleChecks"/>) are judged with the grid's v(t_min).
/// </summary>
public sealed class ParticleVerification
{
    private readonly ParticleSetup _setup;
    private readonly ParticleRun _heatRun;   // forward = ou: X = e^tau Y at heat times; the heat flow: _run itself
    private readonly ParticleRun _run;
    private readonly ParticleRun? _half;
    private readonly HullTracker? _hull;
    private readonly string? _hullReason;
    private readonly int _terms;
    private readonly CriticalPointTracker? _mixing;
    private readonly string? _mixingReason;

    private ParticleVerification(ParticleSetup setup, ParticleRun heatRun, ParticleRun run, ParticleRun? half, HullTracker? hull, string? hullReason, int terms,
        CriticalPointTracker? mixing, string? mixingReason)
    {
        _setup = setup;
        _heatRun = heatRun;
        _run = run;
        _half = half;
        _hull = hull;
        _hullReason = hullReason;
        _terms = terms;
        _mixing = mixing;
        _mixingReason = mixingReason;
    }

    /// <summary>The datasets of the particle run, for the run file (with /particles/mixing_* for a mixed score).</summary>
    public IReadOnlyList<DatasetEntry> Datasets =>
        [.. ParticleFile.Datasets(_run), .. _mixing is null ? [] : ParticleFile.MixingDatasets(_mixing)];

    public ParticleRun Run => _run;

    /// <summary>Builds and runs the particles of the case (input errors surface as <see cref="CaseInputException"/>).</summary>
    public static ParticleVerification Start(Case c, int threads)
    {
        var setup = ParticleCases.Build(c, threads);
        var spec = setup.Spec;
        var (points, terms, reason) = ParticleCases.HullPoints(c, setup.Data);
        var hull = points is null ? null : new HullTracker(new ConvexHull(points), spec.Count, setup.Sampler.Levels, setup.Method);
        var (mixing, mixingReason) = ParticleCases.CriticalPoints(c, setup.Sampler, spec.Store);
        var heatRun = setup.Sampler.Run(spec.Count, spec.Seed, spec.Store, threads: threads, observer: ParticleObservers.Combine(hull, mixing));
        var run = setup.InCaseCoordinates(heatRun);
        ParticleRun? half = null;
        if (setup.StartsFromTerminal && spec.Steps >= 2 && run.BreakdownLevel is null)
            half = spec.Steps % 2 == 0   // the same Brownian path on every other level, or (odd K) independent noise
                ? setup.InCaseCoordinates(setup.Sampler.Run(spec.Count, spec.Seed, 2, threads: threads, coarsen: 2), 2)
                : setup.RunWithSteps(spec.Steps / 2, spec.Count, spec.Seed, threads);
        return new ParticleVerification(setup, heatRun, run, half, hull, reason, terms, mixing, mixingReason);
    }


    /// <summary>
    /// forward = ou: what the heat-flow particle checks state about Y. They are judged on X = e^tau Y at the heat times
    /// t = (e^{2 tau} - 1)/2 (<see cref="OrnsteinUhlenbeckParticles"/>), which is their exact OU form.
    /// </summary>
    private const string OuForm = " [forward = ou: judged on X = e^tau Y at heat time t(tau) = (e^{2 tau} - 1)/2, the exact OU form " +
        "of the statement (e.g. d(e^tau Y_tau, K) <= sqrt(t(tau)/t(T)) d(e^T Y_T, K)); times above are heat times]";

    /// <summary>The particle checks and notes, given the grid run's setup and its v(t_min).</summary>
    public (List<CheckResult> Checks, List<string> Notes) Evaluate(SolverSetup grid, double[]? vFinal, int threads)
    {
        var c = _setup.Case;
        var (atoms, atomsReason) = ParticleCases.Atoms(c, _setup.Data);
        var (budget, mcReason) = MonteCarlo(grid, vFinal, threads);
        var inputs = new ParticleChecks.Inputs(_heatRun, _setup.Method, c.Eps, _hull, _hullReason, atoms, atomsReason, _terms, budget, mcReason,
            _run.BreakdownLevel is null ? _mixing : null, _setup.StartsFromTerminal);
        var (checks, notes) = ParticleChecks.Evaluate(inputs);
        if (_setup.Ou is not null)
            checks = checks.Select(k => k.Name == "monte_carlo" ? k with { Detail = k.Detail + " [forward = ou: Y against the grid's OU v(t_min)]" }
                : k with { Detail = k.Detail + OuForm }).ToList();
        if (_mixingReason is not null) notes.Add($"mixing_limits_particles: not applicable: {_mixingReason}");
        if (_run.BreakdownLevel is { } b)
            checks.Add(new CheckResult("particles_finite", false, b, _run.Steps, b - _run.Steps,
                $"a particle became non-finite at level {b} of {_run.Steps} (t = {_run.Levels[b]:G4})"));
        return (checks, notes);
    }

    private (MonteCarloBudget? Budget, string? Reason) MonteCarlo(SolverSetup grid, double[]? vFinal, int threads)
    {
        var c = _setup.Case;
        if (!_setup.StartsFromTerminal) return (null, "the particles start at given points, not from v_T");
        if (_half is null) return (null, _run.BreakdownLevel is null ? "needs at least 2 particle steps" : "the particles broke down");
        if (vFinal is null) return (null, "the grid run did not reach t_min");
        double[]? exact = null, coarse = null;
        if (c.Terminal is HeatTerminalSpec)
            exact = MonteCarloComparison.CellMasses(grid.Grid, CellAverages.Of(grid.Data, grid.Grid, c.Time.TMin));
        else if (CoarseMasses(grid, threads) is { } m) coarse = m;
        else return (null, "no exact v(t_min) (terminal is not heat) and no coarse run to estimate the grid error (needs even cell " +
            "counts >= 8, a computed score and terminal)");
        return (MonteCarloComparison.Budget(grid.Grid, vFinal, _run.End, _half.End, exact, coarse), null);
    }

    /// <summary>v(t_min) of the case with cells and grid steps halved, prolonged to this grid; null where it cannot be run.</summary>
    public static double[]? CoarseMasses(SolverSetup fine, int threads)
    {
        var c = fine.Case;
        if (c.Score is GridFileScoreSpec || c.Terminal is FileTerminalSpec) return null;
        if (c.Grid.Cells.Any(n => n % 2 != 0 || n < 16)) return null;
        var coarseCase = c with
        {
            Grid = c.Grid with { Cells = c.Grid.Cells.Select(n => n / 2).ToArray() },
            Time = c.Time with { Steps = Math.Max(1, c.Time.Steps / 2) },   // an adaptive grid's dtau doubles with h by itself
        };
        var setup = CaseBuilder.Build(coarseCase, threads);
        var v = (double[])setup.Terminal.Clone();
        new Simulation(setup.Stepper, setup.Time, 2).Run(v, []);
        return MonteCarloComparison.Prolong(setup.Grid, MonteCarloComparison.CellMasses(setup.Grid, v), fine.Grid);
    }

    /// <summary>Keeps a copy of v at t_min.</summary>
    public sealed class FinalField(double tMin) : ISimulationObserver
    {
        public double[]? V { get; private set; }

        public void OnLevel(int step, double t, double[] v, IStepper stepper)
        {
            if (t == tMin) V = (double[])v.Clone();
        }

        public void OnSnapshot(int index, double t, double[] v) { }
    }
}
