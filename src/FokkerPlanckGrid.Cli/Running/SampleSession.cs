using System.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.IO;
using FokkerPlanckGrid.IO.CaseFiles;
using FokkerPlanckGrid.Particles;

namespace FokkerPlanckGrid.Cli.Running;

/// <summary>`fpgrid sample`: one particle run, its file, and what the summary reports. Console-free.</summary>
public static class SampleSession
{
    /// <summary>What the summary shows.</summary>
    /// <param name="Setup">the particle objects</param>
    /// <param name="Run">the run</param>
    /// <param name="OutputPath">the file written</param>
    /// <param name="WallSeconds">everything, file included</param>
    /// <param name="Threads">worker threads used</param>
    /// <param name="Distances">distance of end points to supp u0: how many were measured, mean, max, fraction within each delta</param>
    /// <param name="Mixing">for a mixed score of Dirac data: every particle against the critical points of Phi_lambda at the stored levels</param>
    /// <param name="MixingNote">for a mixed score without <paramref name="Mixing"/>: why</param>
    public sealed record Outcome(ParticleSetup Setup, ParticleRun Run, string OutputPath, double WallSeconds, int Threads,
        SupportDistances? Distances, CriticalPointTracker? Mixing = null, string? MixingNote = null);

    /// <summary>Distances of end points to supp u0 (for Gaussian data: to the nearest mean, the data's convention).</summary>
    public sealed record SupportDistances(int Measured, double Mean, double Max, IReadOnlyList<(double Delta, double Fraction)> Within);

    /// <summary>The default file: output.path with "-particles" before its extension.</summary>
    public static string DefaultPath(string outputPath) =>
        Path.Combine(Path.GetDirectoryName(outputPath) ?? "", Path.GetFileNameWithoutExtension(outputPath) + "-particles.h5");

    public static Outcome Execute(ParticleSetup setup, string outPath, int threads, ParticleProgress? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var c = setup.Case;
        var spec = setup.Spec;
        var (mixing, mixingNote) = ParticleCases.CriticalPoints(c, setup.Sampler, spec.Store);
        // forward = ou: the heat sampler runs (the mixing tracker counts its X = e^tau Y), the file gets Y and OU times
        var run = setup.InCaseCoordinates(
            setup.Sampler.Run(spec.Count, spec.Seed, spec.Store, threads: threads, observer: mixing, progress: progress));
        if (run.BreakdownLevel is not null) mixing = null;
        ParticleFile.Write(outPath, CaseFile.ToJson(c), RunSession.Version, c.Eps, c.Time.T, c.Time.TMin, run,
            mixing is null ? null : ParticleFile.MixingDatasets(mixing));
        var distances = run.BreakdownLevel is null ? Distances(setup.Data, run, c.Diagnostics.Deltas) : null;
        return new Outcome(setup, run, outPath, clock.Elapsed.TotalSeconds, threads > 0 ? threads : Environment.ProcessorCount, distances,
            mixing, mixingNote);
    }

    /// <summary>
    /// Over every end point, or every k-th when there are more than 10^5 (2000 for curve data, whose distance is a
    /// search along the curve).
    /// </summary>
    public static SupportDistances Distances(IDataDistribution data, ParticleRun run, IReadOnlyList<double> deltas)
    {
        int cap = data is CurveMeasure ? 2000 : 100_000;
        int step = (int)Math.Max(1, (run.Count + (long)cap - 1) / cap);
        int n = (run.Count + step - 1) / step, d = run.Dimension;
        var dist = new double[n];
        Parallel.For(0, n, i => dist[i] = data.DistanceToSupport(run.End.AsSpan((int)((long)i * step * d), d)));
        return new SupportDistances(n, dist.Average(), dist.Max(),
            deltas.Select(delta => (delta, dist.Count(x => x <= delta) / (double)n)).ToList());
    }
}
