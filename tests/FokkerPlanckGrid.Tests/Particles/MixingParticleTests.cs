using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Mixing;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;
using FokkerPlanckGrid.Verification;

namespace FokkerPlanckGrid.Tests.Particles;

/// <summary>
/// Particles of a mixed score against the critical points of Phi_lambda (<see cref="CriticalPointTracker"/>,
/// `mixing_limits_particles`, `mixing_rate_particles`): the tracker counts every particle as
/// <see cref="MixingPotential.Classify"/> does; ODE particles from a density go to the local minima like sqrt(t); starts on
/// the symmetry axes of the 2D configuration end on the Clarke saddles exactly; and the checks fail for a wrong score —
/// the first data set's score alone, the critical points of another lambda, a drift of half the strength.
/// </summary>
public class MixingParticleTests
{
    private static readonly double[][] S1 = [[-4.0], [2.0]], S2 = [[-1.0], [5.0]];
    private static readonly double[] Deltas = [0.1, 0.25, 0.5];

    private static double[] Levels(double T, double tMin, int steps)
    {
        var g = TimeGrid.Geometric(T, tMin, steps);
        return Enumerable.Range(0, steps + 1).Select(g.Level).ToArray();
    }

    private static MixedScore Mixed(double lambda, double[][] first, double[][] second) =>
        new(lambda, new DiracMixtureScore(new DiracMixture(first, Enumerable.Repeat(1.0, first.Length).ToArray())),
            new DiracMixtureScore(new DiracMixture(second, Enumerable.Repeat(1.0, second.Length).ToArray())));

    /// <summary>
    /// Runs <paramref name="score"/> (eps = 0 unless given) from N(0, 4) in 1D, T = 2 down to t_min = 0.01, and judges it
    /// against <paramref name="potential"/>.
    /// </summary>
    private static (List<CheckResult> Checks, List<string> Notes, CriticalPointTracker Tracker, ParticleRun Run) Judge(
        IScore score, MixingPotential potential, double eps = 0, int count = 4000)
    {
        var sampler = new ParticleSampler(score, ParticleStarts.Gaussian([0.0], 4), ParticleMethod.ExactMeanShift, eps, Levels(2, 0.01, 200));
        var tracker = CriticalPointTracker.ForStoredLevels(potential, Deltas, sampler, 51);
        var run = sampler.Run(count, 1, 51, observer: tracker);
        var (checks, notes) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(run, ParticleMethod.ExactMeanShift, eps, null, "test", null,
            "test", 0, null, "test", tracker, GenericStarts: true));
        return (checks, notes, tracker, run);
    }

    [Fact]
    public void Tracker_CountsEveryParticle_AsClassifyDoes_AtEveryStoredLevel()
    {
        var phi = new MixingPotential(0.5, S1, S2);
        var (_, _, tracker, run) = Judge(Mixed(0.5, S1, S2), phi, eps: 0.2, count: 3000);
        int last = tracker.Times.Length - 1;
        Assert.Equal(run.StoredTimes, tracker.Times);
        Assert.All(tracker.Totals, n => Assert.Equal(3000, n));
        var ends = Enumerable.Range(0, run.Count).Select(p => new[] { run.EndPoint(p, 0) }).ToArray();
        for (int k = 0; k < Deltas.Length; k++)
        {
            var counts = phi.Classify(ends, Deltas[k]);
            for (int c = 0; c < tracker.Columns; c++) Assert.Equal(counts[c] / 3000.0, tracker.Share(last, k, c));
        }
        // the flattened shares: rows of columns sum to 1
        var shares = tracker.Shares();
        for (int row = 0; row < shares.Length / tracker.Columns; row++)
            Assert.Equal(1, shares.Skip(row * tracker.Columns).Take(tracker.Columns).Sum(), 12);
    }

    /// <summary>
    /// lambda = 1/2, S1 = {-4, 2}, S2 = {-1, 5}, eps = 0: the particles end at the minima -2.5, 0.5, 3.5, none at the Clarke
    /// maxima -1, 2; the share near the minima grows, and the trajectories reach the minima like t^{1/2} exactly (m = c_ij
    /// to rounding once a cell is chosen).
    /// </summary>
    [Fact]
    public void OdeParticlesFromADensity_GoToTheMinima_LikeSqrtT()
    {
        var phi = new MixingPotential(0.5, S1, S2);
        var (checks, _, tracker, _) = Judge(Mixed(0.5, S1, S2), phi);
        Assert.All(checks, c => Assert.True(c.Passed && c.Guaranteed, $"{c.Name}: {c.Detail}"));
        int last = tracker.Times.Length - 1;
        Assert.True(tracker.NearMinima(last, 2) > 0.999, $"{tracker.NearMinima(last, 2)}");
        Assert.Equal(tracker.NearAny(last, 2), tracker.NearMinima(last, 2));   // nothing at the maxima
        var rate = checks.Single(c => c.Name == "mixing_rate_particles");
        Assert.Equal(0.5, rate.Measured, 1e-6);
        Assert.Equal(3, checks.Count(c => c.Name.StartsWith("mixing_limits_particles_delta", StringComparison.Ordinal)));
    }

    /// <summary>
    /// mixing-2d's configuration (S1 = {(+-2, 0)}, S2 = {(0, +-2)}, lambda = 1/2): starts on the y-axis keep x = 0 to the
    /// bit (the S1 weights tie, m1 = 0) and end on the saddles (0, +-1) at distance |y_T -+ 1| sqrt(t/T); the origin stays
    /// on the maximum; starts off the axes go to the minimum (+-1, +-1) of their quadrant.
    /// </summary>
    [Fact]
    public void SymmetricStarts_EndOnTheSaddles_OthersOnTheMinima()
    {
        double[][] first = [[-2.0, 0.0], [2.0, 0.0]], second = [[0.0, -2.0], [0.0, 2.0]];
        var phi = new MixingPotential(0.5, first, second);
        double[][] starts = [[0, 0.5], [0, 3], [0, -2], [0, 0], [0.3, 2], [-1.5, -0.2], [2, -2.5]];
        var sampler = new ParticleSampler(Mixed(0.5, first, second), ParticleStarts.Points(starts), ParticleMethod.ExactMeanShift, 0,
            Levels(1, 1e-3, 300));
        var tracker = CriticalPointTracker.ForStoredLevels(phi, [0.1], sampler, 31);
        var run = sampler.Run(starts.Length, 1, 31, observer: tracker);
        double factor = Math.Sqrt(1e-3);
        for (int p = 0; p < 4; p++)
        {
            Assert.Equal(0.0, run.EndPoint(p, 0));                          // on the axis to the bit
            double target = Math.Sign(starts[p][1]);                         // the saddle (0, +-1), or the maximum (0, 0)
            Assert.True(Math.Abs(run.EndPoint(p, 1) - target) < 3 * factor, $"start {p}: y = {run.EndPoint(p, 1)}");
        }
        Assert.Equal(0.0, run.EndPoint(3, 1));                              // the origin: both weights tie, m = 0
        for (int p = 4; p < starts.Length; p++)
        {
            var (k, r) = phi.Nearest([run.EndPoint(p, 0), run.EndPoint(p, 1)]);
            Assert.True(phi.CriticalPoints[k].IsLocalMinimum && r < 3 * factor, $"start {p}: {phi.CriticalPoints[k]} at {r}");
            Assert.Equal(Math.Sign(starts[p][0]), phi.CriticalPoints[k].X[0]);
            Assert.Equal(Math.Sign(starts[p][1]), phi.CriticalPoints[k].X[1]);
        }
        var (checks, notes) = ParticleChecks.Evaluate(new ParticleChecks.Inputs(run, ParticleMethod.ExactMeanShift, 0, null, "test", null,
            "test", 0, null, "test", tracker, GenericStarts: false));
        var limits = checks.Single(c => c.Name == "mixing_limits_particles_delta0.1");
        Assert.True(limits.Passed, limits.Detail);
        Assert.Equal(1, limits.Measured);                                   // every start ends near a critical point
        Assert.Equal(3.0 / 7, tracker.NearMinima(tracker.Times.Length - 1, 0), 12);
        Assert.Contains(notes, n => n.Contains("(0, 1) x2") && n.Contains("(0, 0) x1") && n.Contains("(0, -1) x1"));
    }

    /// <summary>
    /// Negative control: the first data set's score alone (lambda = 1) sends the particles to S1 = {-4, 2}; judged against
    /// Phi_1/2 — whose Clarke maximum 2 happens to be a point of S1 — the share near the minima falls to 0: FAIL.
    /// </summary>
    [Fact]
    public void MixingLimitsParticles_Fail_ForTheFirstSetsScoreAlone()
    {
        var (checks, _, tracker, _) = Judge(Mixed(1, S1, S2), new MixingPotential(0.5, S1, S2));
        foreach (var c in checks.Where(c => c.Name.StartsWith("mixing_limits_particles", StringComparison.Ordinal)))
            Assert.False(c.Passed, $"{c.Name}: {c.Detail}");
        Assert.True(tracker.NearAny(tracker.Times.Length - 1, 2) > 0.5);   // yet more than half sit on the critical point 2
    }

    /// <summary>Negative control: the lambda = 1/2 dynamics judged against the critical points of lambda = 1 (S1 and the bisector -1): FAIL.</summary>
    [Fact]
    public void MixingLimitsParticles_Fail_AgainstAnotherLambdasCriticalPoints()
    {
        var (checks, _, _, _) = Judge(Mixed(0.5, S1, S2), new MixingPotential(1, S1, S2));
        foreach (var c in checks.Where(c => c.Name.StartsWith("mixing_limits_particles", StringComparison.Ordinal)))
            Assert.False(c.Passed, $"{c.Name}: {c.Detail}");
    }

    /// <summary>
    /// Negative control: half the mixed score. The same limits, but X - c_ij contracts by q^{1/4} per step, so the
    /// distance falls like t^{1/4}: `mixing_rate_particles` measures 0.25 and fails.
    /// </summary>
    [Fact]
    public void MixingRateParticles_Fails_ForHalfTheScore()
    {
        var (checks, _, _, _) = Judge(new ScaledScore(Mixed(0.5, S1, S2), 0.5), new MixingPotential(0.5, S1, S2));
        var rate = checks.Single(c => c.Name == "mixing_rate_particles");
        Assert.False(rate.Passed, rate.Detail);
        Assert.Equal(0.25, rate.Measured, 0.01);
    }

    /// <summary>a s(x, t): a wrong score for the negative controls.</summary>
    private sealed class ScaledScore(IScore inner, double a) : IScore
    {
        public int Dimension => inner.Dimension;
        public (double Min, double Max) TimeRange => inner.TimeRange;

        public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score)
        {
            inner.Evaluate(x, t, score);
            for (int d = 0; d < score.Length; d++) score[d] *= a;
        }

        public void EvaluateFaces(Grid grid, double t, FaceField faces) => throw new NotSupportedException();
    }
}
