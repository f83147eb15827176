using System.Globalization;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Validation;

namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// Running a study's particles: the case's `particles` block at the study's size (toy: the count divided by the square
/// of the study's factor, at least 256, and the steps by the factor, at least 8, kept a multiple of what the study needs),
/// the run through <see cref="ParticleSampler"/>, and a line describing it for the report. A particle that turns
/// non-finite is a numerical breakdown (exit 3), as for the grid.
/// </summary>
public static class StudyParticles
{
    /// <summary>
    /// The case at the study's size: cells and grid steps as <see cref="StudyRuns.AtSize"/>; particle count and steps
    /// divided at toy size, steps rounded down to a multiple of <paramref name="stepMultiple"/> (at least one multiple).
    /// </summary>
    public static Case AtSize(Case c, StudySpec spec, int stepMultiple = 1)
    {
        var sized = StudyRuns.AtSize(c, spec);
        if (sized.Particles is not { } p) return sized;
        int steps = p.Steps, count = p.Count;
        if (spec.Size == StudySize.Toy && spec.ToyDivide > 1)
        {
            steps = Math.Max(8, p.Steps / spec.ToyDivide);
            count = Math.Max(256, p.Count / (spec.ToyDivide * spec.ToyDivide));
        }
        steps = Math.Max(stepMultiple, steps / stepMultiple * stepMultiple);
        return sized with { Particles = p with { Steps = steps, Count = count, Store = Math.Min(p.Store, steps + 1) } };
    }

    /// <summary>The case's `particles` block, or a bad-input error naming the case (also for a case with forward = ou).</summary>
    public static ParticlesSpec Require(Case c, string where)
    {
        RequireHeatFlow(c, where);
        return c.Particles ?? throw new CaseInputException(where, c.Name, "needs a particles block (count, seed, method, steps, store)");
    }

    /// <summary>
    /// The particle studies judge heat-flow statements (sqrt(t/T) hull bound, sqrt(t) rate) on the runs themselves: a
    /// case with forward = ou is bad input here (`fpgrid verify` judges OU particles in their OU form).
    /// </summary>
    public static void RequireHeatFlow(Case c, string where)
    {
        if (c.Forward != ForwardKind.Heat)
            throw new CaseInputException($"{where}.forward", "ou", $"the particle studies take heat-flow cases (case '{c.Name}'); `fpgrid verify` judges OU particles");
    }

    /// <summary>
    /// Runs the particles of <paramref name="setup"/> and adds a line to the outcome's runs (heat-flow cases only: the
    /// studies reject forward = ou when they are prepared, <see cref="RequireHeatFlow"/>).
    /// </summary>
    public static ParticleRun Run(StudyOutcome outcome, string label, ParticleSetup setup, StudyContext context,
        IParticleObserver? observer = null, int? storedLevels = null, int maxStored = ParticleSampler.DefaultMaxStored, int coarsen = 1)
    {
        var spec = setup.Spec;
        var run = setup.Sampler.Run(spec.Count, spec.Seed, storedLevels ?? spec.Store, maxStored, context.Threads, observer, coarsen: coarsen);
        if (run.BreakdownLevel is { } b)
            throw new NumericalBreakdownException(b, run.Levels[b], $"a particle of '{label}' became non-finite");
        static string N(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
        string start = spec.StartPoints is { } points ? $"{points.Length} given start points" : $"drawn from v_T ({setup.Case.Terminal.Kind})";
        outcome.Runs.Add($"{label}: {run.Count} particles {start}, {spec.Method}, eps = {N(setup.Case.Eps)}, {run.Steps} geometric steps " +
            $"from T = {N(run.Levels[0])} to t_min = {N(run.Levels[^1])}, seed {run.Seed}; {run.Seconds.ToString("F2", CultureInfo.InvariantCulture)} s");
        return run;
    }
}
