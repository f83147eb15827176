using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Scores;

namespace FokkerPlanckGrid.Particles;

/// <summary>The particle objects a case resolves to (<see cref="ParticleCases.Build"/>).</summary>
/// <param name="Case">the case</param>
/// <param name="Spec">its `particles` block</param>
/// <param name="Grid">the case's grid (for a tabulated score, a file terminal and the Monte Carlo bins)</param>
/// <param name="Data">u0</param>
/// <param name="Score">the score, the same object type the grid solver uses (forward = ou: the heat-flow score of the
/// data, which <see cref="Ou"/> maps)</param>
/// <param name="Start">where the particles start</param>
/// <param name="Method">the step</param>
/// <param name="Sampler">the sampler with <see cref="ParticlesSpec.Steps"/> geometric levels (forward = ou: the heat-flow
/// sampler at the mapped levels, in heat coordinates X = e^tau Y; its observers see those)</param>
/// <param name="Ou">forward = ou: the map of <paramref name="Sampler"/>'s runs to OU coordinates and times; else null</param>
public sealed record ParticleSetup(Case Case, ParticlesSpec Spec, Grid Grid, IDataDistribution Data, IScore Score,
    IParticleStart Start, ParticleMethod Method, ParticleSampler Sampler, OrnsteinUhlenbeckParticles? Ou = null)
{
    /// <summary>A run of <see cref="Sampler"/> (with the same coarsening) in the case's own coordinates and times.</summary>
    public ParticleRun InCaseCoordinates(ParticleRun run, int coarsen = 1) => Ou?.ToOrnsteinUhlenbeck(run, coarsen) ?? run;

    /// <summary>True when the particles are drawn from v_T (not given points): their law is then v(t).</summary>
    public bool StartsFromTerminal => Spec.StartPoints is null;

    /// <summary>The same setup with <paramref name="steps"/> levels (e.g. K/2 for the time-stepping error); heat flow only.</summary>
    public ParticleSampler SamplerWithSteps(int steps) => Ou is null
        ? new(Score, Start, Method, Case.Eps, ParticleCases.Levels(Case.Time, steps))
        : throw new InvalidOperationException("forward = ou: use Ou.WithLevels, whose runs map back to OU coordinates");

    /// <summary>
    /// <paramref name="count"/> particles with <paramref name="steps"/> levels, returned in the case's coordinates
    /// (two stored levels: T and t_min).
    /// </summary>
    public ParticleRun RunWithSteps(int steps, int count, long seed, int threads) => Ou is { } ou
        ? ou.WithLevels(ParticleCases.Levels(Case.Time, steps)).Run(count, seed, 2, threads: threads)
        : SamplerWithSteps(steps).Run(count, seed, 2, threads: threads);
}
