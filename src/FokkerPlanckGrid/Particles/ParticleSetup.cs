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
/// <param name="Score">the score, the same object type the grid solver uses</param>
/// <param name="Start">where the particles start</param>
/// <param name="Method">the step</param>
/// <param name="Sampler">the sampler with <see cref="ParticlesSpec.Steps"/> geometric levels</param>
public sealed record ParticleSetup(Case Case, ParticlesSpec Spec, Grid Grid, IDataDistribution Data, IScore Score,
    IParticleStart Start, ParticleMethod Method, ParticleSampler Sampler)
{
    /// <summary>True when the particles are drawn from v_T (not given points): their law is then v(t).</summary>
    public bool StartsFromTerminal => Spec.StartPoints is null;

    /// <summary>The same setup with <paramref name="steps"/> levels (e.g. K/2 for the time-stepping error).</summary>
    public ParticleSampler SamplerWithSteps(int steps) =>
        new(Score, Start, Method, Case.Eps, ParticleCases.Levels(Case.Time, steps));
}
