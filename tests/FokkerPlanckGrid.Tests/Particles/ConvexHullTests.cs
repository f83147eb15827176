using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Tests.Particles;

/// <summary>
/// The hull geometry, and Theorem 3.11's convex-hull bound on particle runs: exact (to rounding) at eps = 0 for the
/// exact-mean-shift and Heun steps, Euler exact only against its own factor prod (1 + q)/2.
/// </summary>
public class ConvexHullTests
{
    private static double[] Levels(double T, double tMin, int steps)
    {
        var g = TimeGrid.Geometric(T, tMin, steps);
        return Enumerable.Range(0, steps + 1).Select(g.Level).ToArray();
    }

    [Fact]
    public void Distance_ToASquare_IsZeroInside_AndEuclideanOutside()
    {
        var hull = new ConvexHull([[0.0, 0.0], [2, 0], [2, 2], [0, 2], [1, 1], [0.5, 1.5]]);
        Assert.Equal(4, hull.VertexCount);
        Assert.Equal(0, hull.Distance2D(1, 1));
        Assert.Equal(0, hull.Distance2D(2, 1));
        Assert.Equal(3, hull.Distance2D(1, 5));
        Assert.Equal(5, hull.Distance2D(5, 6));   // to the corner (2, 2)
        Assert.Equal(0.5, hull.Distance2D(-0.5, 0.3));
    }

    [Fact]
    public void Distance_HandlesDegenerateHulls_AndOneDimension()
    {
        var point = new ConvexHull([[1.0, 1.0], [1.0, 1.0]]);
        Assert.Equal(5, point.Distance2D(4, 5));
        var segment = new ConvexHull([[-1.0, 0.0], [0.0, 0.0], [1, 0]]);
        Assert.Equal(2, segment.VertexCount);
        Assert.Equal(3, segment.Distance2D(0.2, -3));
        Assert.Equal(0, segment.Distance2D(0.5, 0));
        Assert.Equal(5, segment.Distance2D(4, 4));
        var interval = new ConvexHull([[-5.0], [0.0], [5.0]]);
        Assert.Equal(0, interval.Distance1D(3));
        Assert.Equal(2, interval.Distance1D(-7));
    }

    /// <summary>Every generating point is in the hull, and outside it the distance is the distance to the nearest vertex or edge.</summary>
    [Fact]
    public void RandomHulls_HoldTheirPoints_AndAgreeWithBruteForce()
    {
        var random = new Random(12);
        for (int trial = 0; trial < 200; trial++)
        {
            var points = Enumerable.Range(0, 3 + random.Next(20)).Select(_ => new[] { random.NextDouble() * 4 - 2, random.NextDouble() * 4 - 2 }).ToArray();
            var hull = new ConvexHull(points);
            foreach (var p in points) Assert.True(hull.Distance(p) <= 1e-15, "a generating point lies outside its hull");
            for (int q = 0; q < 20; q++)
            {
                double x = random.NextDouble() * 10 - 5, y = random.NextDouble() * 10 - 5;
                double d = hull.Distance2D(x, y);
                // brute force: the hull is the set of convex combinations; its distance is at most that to every segment
                // between two points, with equality for the nearest edge when outside
                double best = double.PositiveInfinity;
                foreach (var a in points)
                    foreach (var b in points)
                        best = Math.Min(best, Segment(x, y, a, b));
                Assert.True(d <= best + 1e-14);
                if (d > 0) Assert.Equal(best, d, 1e-12);
            }
        }
    }

    private static double Segment(double x, double y, double[] a, double[] b)
    {
        double ex = b[0] - a[0], ey = b[1] - a[1], len2 = ex * ex + ey * ey;
        double s = len2 > 0 ? Math.Clamp(((x - a[0]) * ex + (y - a[1]) * ey) / len2, 0, 1) : 0;
        double dx = x - a[0] - s * ex, dy = y - a[1] - s * ey;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    public static readonly TheoryData<ParticleMethod, int> ExactMethods = new()
    {
        { ParticleMethod.ExactMeanShift, 1 }, { ParticleMethod.ExactMeanShift, 2 }, { ParticleMethod.Heun, 1 }, { ParticleMethod.Heun, 2 },
        { ParticleMethod.EulerMaruyama, 2 },
    };

    /// <summary>
    /// eps = 0 from u(T) of five atoms: d(X_t, K) &lt;= f(t) d(X_T, K) at every level for every particle to rounding,
    /// f = sqrt(t/T) (exact mean shift, Heun) or prod (1 + q)/2 (Euler) — the check <c>convex_hull_bound</c> passes.
    /// </summary>
    [Theory]
    [MemberData(nameof(ExactMethods))]
    public void ConvexHullBound_HoldsToRounding_AtEpsZero(ParticleMethod method, int dim)
    {
        var random = new Random(dim);
        var points = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, dim).Select(_ => random.NextDouble() * 4 - 2).ToArray()).ToArray();
        var data = new DiracMixture(points, [1, 2, 3, 1, 0.5]);
        var levels = Levels(2, 1e-3, 24);
        var sampler = new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Heat(data, 2), method, 0, levels);
        var tracker = new HullTracker(new ConvexHull(points), 3000, levels, method);
        var run = sampler.Run(3000, 1, 5, observer: tracker);
        var (checks, notes) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(run, method, 0, tracker, null, data, null, 5, null, "test"));
        var check = checks.Single(c => c.Name == "convex_hull_bound");
        Assert.True(check.Passed, check.Detail + $" measured {check.Measured}, bound {check.Bound}");
        Assert.True(check.Bound < 1e-11);
        Assert.Contains(notes, n => n.StartsWith("monte_carlo"));
        // the bound is not empty: particles start outside K and approach it
        Assert.True(Enumerable.Range(0, 3000).Count(p => tracker.StartDistance(p) > 0.5) > 100);
    }

    /// <summary>Euler at eps = 0 keeps (1+q)/2 per step, which exceeds sqrt(q): with few steps the continuous bound fails.</summary>
    [Fact]
    public void Euler_ExceedsTheContinuousBound_WithFewSteps()
    {
        var data = new DiracMixture([[0.0, 0.0]], [1]);
        var levels = Levels(1, 0.01, 4);
        var tracker = new HullTracker(new ConvexHull([[0.0, 0.0]]), 10, levels, ParticleMethod.EulerMaruyama);
        new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Points([[3.0, 4.0]]), ParticleMethod.EulerMaruyama, 0, levels)
            .Run(10, 1, 2, observer: tracker);
        Assert.True(tracker.Excess(0) > 0.1);
        Assert.True(tracker.DiscreteExcess(0) <= 1e-14);
    }

    /// <summary>With eps &gt; 0 nothing holds pathwise: the check is measured, violated, and marked not guaranteed.</summary>
    [Fact]
    public void WithNoise_TheHullBoundIsMeasured_AndNotGuaranteed()
    {
        var data = new DiracMixture([[-1.0], [1.0]], [1, 1]);
        var levels = Levels(1, 0.01, 20);
        var tracker = new HullTracker(new ConvexHull([[-1.0], [1.0]]), 500, levels, ParticleMethod.ExactMeanShift);
        var run = new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Heat(data, 1), ParticleMethod.ExactMeanShift, 0.5, levels)
            .Run(500, 2, 3, observer: tracker);
        var (checks, notes) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(run, ParticleMethod.ExactMeanShift, 0.5, tracker, null,
            data, null, 2, null, "test"));
        var check = checks.Single(c => c.Name == "convex_hull_bound");
        Assert.False(check.Guaranteed);
        Assert.False(check.Passed);
        Assert.False(check.Failed);
        Assert.StartsWith("not guaranteed for eps = 0.5 > 0", check.Detail);
        Assert.DoesNotContain(notes, n => n.StartsWith("convex_hull_bound"));
    }
}
