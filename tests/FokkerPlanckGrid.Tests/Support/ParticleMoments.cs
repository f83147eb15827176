using FokkerPlanckGrid.Particles;

namespace FokkerPlanckGrid.Tests.Support;

/// <summary>Statistical checks of particle end points against a known normal law.</summary>
public static class ParticleMoments
{
    /// <summary>
    /// Coordinate <paramref name="c"/> of the run's end points has the given mean and variance, within five standard
    /// errors (sqrt(variance / n) for the mean, sqrt(2 / n) relative for the variance of a normal sample).
    /// </summary>
    public static void AssertEndPoints(ParticleRun run, int c, double mean, double variance)
    {
        int n = run.Count;
        double sum = 0, sq = 0;
        for (int p = 0; p < n; p++) sum += run.EndPoint(p, c);
        double m = sum / n;
        for (int p = 0; p < n; p++) sq += (run.EndPoint(p, c) - m) * (run.EndPoint(p, c) - m);
        double v = sq / (n - 1);
        Assert.InRange(m, mean - 5 * Math.Sqrt(variance / n), mean + 5 * Math.Sqrt(variance / n));
        Assert.InRange(v, variance * (1 - 5 * Math.Sqrt(2.0 / n)), variance * (1 + 5 * Math.Sqrt(2.0 / n)));
    }
}
