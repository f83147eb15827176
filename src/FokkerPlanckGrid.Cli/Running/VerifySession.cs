using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>
/// `fpgrid verify`: the run with every theorem diagnostic (and the companion u_h from u(T)), then the same case with
/// cells and steps halved, whose diagnostics judge the statements that hold only in the limit.
/// </summary>
public static class VerifySession
{
    public sealed record Outcome(RunOutcome Run, IReadOnlyList<CheckResult> Checks)
    {
        /// <summary>One line per check that does not apply to the case (e.g. the particle checks), saying why.</summary>
        public IReadOnlyList<string> Notes { get; init; } = [];

        /// <summary>No breakdown and no guaranteed statement failed (not-guaranteed ones are reported, not counted).</summary>
        public bool Passed => Run.Breakdown is null && Checks.All(c => !c.Failed);
    }

    public static Outcome Execute(SolverSetup setup, IReadOnlyList<ISimulationObserver> observers, int threads = 0)
    {
        var c = setup.Case;
        var uh = CellAverages.Of(setup.Data, setup.Grid, c.Time.T);
        var tracker = Tracker(setup, uh);
        var particles = c.Particles is null ? null : ParticleVerification.Start(c, threads);   // Theorem 3.11, Monte Carlo
        var final = new ParticleVerification.FinalField(c.Time.TMin);
        var run = RunSession.Execute(setup, new RunExtras([.. observers, tracker, final], [uh],
            n => [.. DiagnosticDatasets.Of(tracker, n), .. particles?.Datasets ?? []]));
        if (run.Breakdown is not null) return new Outcome(run, []);
        var coarse = new[] { 2, 4 }.Select(f => CoarseSeries(c, f, threads)).OfType<DiagnosticSeries>().ToList();
        var inputs = new TheoremChecks.Inputs(setup.Grid.Dimension, c.Eps, c.Time.T, setup.Grid.Axes.Max(a => a.H),
            setup.Stepper.IsExactlyPositive, LiYauGuaranteed(c), run.Levels, tracker.Series, coarse, tracker.P, tracker.Deltas,
            setup.Equation.Forward, Guidance: c.Score is MixedScoreSpec { Lambda: > 1 }, ScoreOfData: c.Score is not MixedScoreSpec,
            Mixing: run.Mixing);
        var checks = TheoremChecks.Evaluate(inputs);
        if (particles is null) return new Outcome(run, checks);
        var (particleChecks, notes) = particles.Evaluate(setup, final.V, threads);
        return new Outcome(run, [.. checks, .. particleChecks]) { Notes = notes };
    }

    private static TheoremTracker Tracker(SolverSetup setup, double[] uh)
    {
        var c = setup.Case;
        bool exact = setup.Case.Score is ExactScoreSpec;
        return new TheoremTracker(setup.Grid, setup.Data, setup.Score, exact, c.Eps, c.Time.T, c.Diagnostics.P,
            c.Diagnostics.Deltas, uh, setup.Equation.Forward);
    }

    /// <summary>The score obeys Li-Yau by theory: exact, or a mixture with lambda in [0, 1].</summary>
    public static bool LiYauGuaranteed(Case c) => c.Score switch
    {
        ExactScoreSpec => true,
        MixedScoreSpec m => m.Lambda is >= 0 and <= 1,
        _ => false,
    };

    /// <summary>The case with cells and steps divided by <paramref name="factor"/>, run without output; null where it cannot be.</summary>
    private static DiagnosticSeries? CoarseSeries(Case c, int factor, int threads)
    {
        if (c.Score is GridFileScoreSpec || c.Terminal is FileTerminalSpec) return null;   // tables belong to the grid
        if (c.Grid.Cells.Any(n => n < 4 * factor)) return null;
        var coarse = c with
        {
            Grid = c.Grid with { Cells = c.Grid.Cells.Select(n => n / factor).ToArray() },
            Time = c.Time with { Steps = Math.Max(1, c.Time.Steps / factor) },
        };
        var setup = CaseBuilder.Build(coarse, threads);
        var uh = CellAverages.Of(setup.Data, setup.Grid, c.Time.T);
        var tracker = Tracker(setup, uh);
        var simulation = new Simulation(setup.Stepper, setup.Time, 2);
        simulation.Companions.Add(uh);
        simulation.Run((double[])setup.Terminal.Clone(), [tracker]);
        return tracker.Series;
    }
}
