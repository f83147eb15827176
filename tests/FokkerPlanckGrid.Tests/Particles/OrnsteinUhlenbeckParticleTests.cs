using FokkerPlanckGrid.Tests.Support;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Tests.Particles;

/// <summary>
/// Particles of the OU forward process (<see cref="OrnsteinUhlenbeckParticles"/>): the mapped run against the OU
/// equation itself — the law of w for one Dirac (exact for exact-mean-shift), the probability-flow ODE of the OU score
/// integrated directly (RK4 in tau), bit-identical bits at one and two threads, and the mapping of stored levels.
/// </summary>
public class OrnsteinUhlenbeckParticleTests
{
    private static double[] Levels(double T, double tMin, int steps)
    {
        var g = TimeGrid.Geometric(T, tMin, steps);
        return Enumerable.Range(0, steps + 1).Select(g.Level).ToArray();
    }

    /// <summary>
    /// One Dirac at y, v_T = w(T) (drawn as u(t(T)) of the data in heat coordinates): the OU backward solution is
    /// v = w(tau) = N(e^{-tau} y, (1 - e^{-2tau}) I) for every eps. Exact mean shift is exact for one Dirac, so the end
    /// points have that law for any number of steps: mean and variance within five standard errors.
    /// </summary>
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(1, 0.7)]
    [InlineData(13, 0.7)]
    [InlineData(13, 2.0)]
    public void ExactMeanShift_OnOneDirac_EndsWithTheLawOfW(int steps, double eps)
    {
        double[] y = [0.8, -1.5];
        double T = 1.2, tMin = 0.03;
        var data = new DiracMixture([y], [1]);
        var ou = new OrnsteinUhlenbeckParticles(new DiracMixtureScore(data), ParticleStarts.Heat(data, OrnsteinUhlenbeckProcess.HeatTimeOf(T)),
            ParticleMethod.ExactMeanShift, eps, Levels(T, tMin, steps));
        const int n = 40_000;
        var run = ou.Run(n, 11, 2);
        Assert.Equal(T, run.Levels[0]);
        Assert.Equal(tMin, run.Levels[^1]);
        double variance = 1 - Math.Exp(-2 * tMin);
        for (int c = 0; c < 2; c++)
        {
            double mean = Math.Exp(-tMin) * y[c];
            ParticleMoments.AssertEndPoints(run, c, mean, variance);
        }
        // and at T the particles are draws of w(T) = N(e^{-T} y, 1 - e^{-2T}): the mapped start
        double varT = 1 - Math.Exp(-2 * T), sumT = 0;
        for (int p = 0; p < run.StoredCount; p++) sumT += run.Stored(0, p, 0);
        double se = Math.Sqrt(varT / run.StoredCount);
        Assert.InRange(sumT / run.StoredCount, Math.Exp(-T) * y[0] - 5 * se, Math.Exp(-T) * y[0] + 5 * se);
    }

    /// <summary>RK4 in tau of the OU probability-flow ODE dY/dtau = -(s_ou(Y, tau) + Y), with the grid's OU score.</summary>
    private static double[] OuOde(IDataDistribution ouLaws, double[] y0, double T, double tMin, int steps)
    {
        var y = (double[])y0.Clone();
        int d = y.Length;
        var k = new double[4][];
        var s = new double[d];
        var tmp = new double[d];
        double h = (tMin - T) / steps;   // negative: tau decreases
        void F(double[] x, double tau, double[] into)
        {
            ouLaws.Score(x, tau, s);
            for (int c = 0; c < d; c++) into[c] = -(s[c] + x[c]);
        }
        for (int i = 0; i < 4; i++) k[i] = new double[d];
        for (int n = 0; n < steps; n++)
        {
            double tau = T + n * h;
            F(y, tau, k[0]);
            for (int c = 0; c < d; c++) tmp[c] = y[c] + h / 2 * k[0][c];
            F(tmp, tau + h / 2, k[1]);
            for (int c = 0; c < d; c++) tmp[c] = y[c] + h / 2 * k[1][c];
            F(tmp, tau + h / 2, k[2]);
            for (int c = 0; c < d; c++) tmp[c] = y[c] + h * k[2][c];
            F(tmp, tau + h, k[3]);
            for (int c = 0; c < d; c++) y[c] += h / 6 * (k[0][c] + 2 * k[1][c] + 2 * k[2][c] + k[3][c]);
        }
        return y;
    }

    /// <summary>
    /// eps = 0 from given points: the mapped heat particles solve the OU probability-flow ODE itself. One Dirac: exact
    /// mean shift is exact, so the end points agree with a fine RK4 solution of the OU ODE (driven by the grid's OU
    /// score, <see cref="OrnsteinUhlenbeckMarginals"/>) to the RK4 error. Two Diracs: Heun in heat time is a consistent
    /// second-order method for the OU ODE: the error against RK4 falls by about 4 when the steps are doubled.
    /// </summary>
    [Fact]
    public void MappedParticles_SolveTheOuProbabilityFlowOde()
    {
        double T = 1.0, tMin = 0.05;
        double[][] starts = [[0.4, 0.9], [-1.3, 0.2], [2.0, -0.7]];
        var one = new DiracMixture([[0.5, -0.25]], [1]);
        var oneRun = new OrnsteinUhlenbeckParticles(new DiracMixtureScore(one), OrnsteinUhlenbeckParticles.Scaled(ParticleStarts.Points(starts), Math.Exp(T)),
            ParticleMethod.ExactMeanShift, 0, Levels(T, tMin, 7)).Run(starts.Length, 1, 2);
        var oneLaws = new OrnsteinUhlenbeckMarginals(one);
        for (int p = 0; p < starts.Length; p++)
        {
            var reference = OuOde(oneLaws, starts[p], T, tMin, 4000);
            Assert.Equal(starts[p][0], oneRun.Stored(0, p, 0), 1e-14);   // (a_T x) / a_T: one rounding each way
            for (int c = 0; c < 2; c++) Assert.Equal(reference[c], oneRun.EndPoint(p, c), 1e-10);
        }
        var two = new DiracMixture([[-1, 0], [1, 0.5]], [0.4, 0.6]);
        var twoLaws = new OrnsteinUhlenbeckMarginals(two);
        var references = starts.Select(s => OuOde(twoLaws, s, T, tMin, 8000)).ToArray();
        double Error(int steps)
        {
            var run = new OrnsteinUhlenbeckParticles(new DiracMixtureScore(two), OrnsteinUhlenbeckParticles.Scaled(ParticleStarts.Points(starts), Math.Exp(T)),
                ParticleMethod.Heun, 0, Levels(T, tMin, steps)).Run(starts.Length, 1, 2);
            return Enumerable.Range(0, starts.Length).Max(p => Math.Max(Math.Abs(run.EndPoint(p, 0) - references[p][0]),
                Math.Abs(run.EndPoint(p, 1) - references[p][1])));
        }
        double e1 = Error(40), e2 = Error(80), e3 = Error(160);
        double order = Math.Log2(e2 / e3);
        Assert.True(e1 > e2 && e2 > e3 && order > 1.8 && order < 2.2, $"Heun errors {e1}, {e2}, {e3}: order {order}");
    }

    [Theory]
    [InlineData(ParticleMethod.ExactMeanShift)]
    [InlineData(ParticleMethod.EulerMaruyama)]
    [InlineData(ParticleMethod.Heun)]
    public void EndPoints_AreBitIdentical_AtOneAndTwoThreads(ParticleMethod method)
    {
        var data = new DiracMixture([[-1, 0], [1, 0], [0, 1.5]], [0.3, 0.3, 0.4]);
        var ou = new OrnsteinUhlenbeckParticles(new DiracMixtureScore(data), ParticleStarts.Heat(data, OrnsteinUhlenbeckProcess.HeatTimeOf(1)),
            method, 0.4, Levels(1, 0.02, 30));
        var one = ou.Run(1000, 4, 6, threads: 1);
        var two = ou.Run(1000, 4, 6, threads: 2);
        Assert.Equal(one.End, two.End);
        Assert.Equal(one.Trajectories, two.Trajectories);
        Assert.All(one.End, x => Assert.True(double.IsFinite(x)));
    }

    /// <summary>
    /// The map itself: every stored position is the heat position divided by e^{tau_n} (one correctly rounded division),
    /// the end points by e^{t_min}, and the levels are the OU levels — for coarsened runs at every f-th level.
    /// </summary>
    [Fact]
    public void ToOrnsteinUhlenbeck_DividesEveryLevelByItsScale_AndReportsOuTimes()
    {
        var data = new DiracMixture([[-1.0], [2.0]], [0.5, 0.5]);
        var levels = Levels(0.8, 0.04, 12);
        var ou = new OrnsteinUhlenbeckParticles(new DiracMixtureScore(data), ParticleStarts.Heat(data, OrnsteinUhlenbeckProcess.HeatTimeOf(0.8)),
            ParticleMethod.EulerMaruyama, 0.5, levels);
        Assert.Equal(levels.Select(OrnsteinUhlenbeckProcess.HeatTimeOf), ou.Heat.Levels);
        foreach (int f in new[] { 1, 3 })
        {
            var heat = ou.Heat.Run(300, 2, 5, coarsen: f);
            var run = ou.ToOrnsteinUhlenbeck(heat, f);
            Assert.Equal(Enumerable.Range(0, 12 / f + 1).Select(n => levels[n * f]), run.Levels);
            for (int s = 0; s < run.StoredLevels.Length; s++)
                for (int i = 0; i < run.StoredCount; i++)
                    Assert.Equal(heat.Stored(s, i, 0) / Math.Exp(levels[run.StoredLevels[s] * f]), run.Stored(s, i, 0));
            for (int p = 0; p < 300; p++) Assert.Equal(heat.EndPoint(p, 0) / Math.Exp(0.04), run.EndPoint(p, 0));
            Assert.Equal(run.End, ou.Run(300, 2, 5, coarsen: f).End);
        }
        Assert.Throws<ArgumentException>(() => ou.ToOrnsteinUhlenbeck(ou.Heat.Run(10, 2, 2), 2));
    }

    /// <summary>
    /// Why a mixed score maps exactly (ParticleCases): the grid's OU mixed score lambda s_ou1 + (1 - lambda) s_ou2 (exact
    /// scores of the OU laws of both data blocks) equals a (lambda s1 + (1 - lambda) s2)(a x, t), the heat mixed score
    /// mapped, to rounding — for interpolation and for guidance.
    /// </summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    public void OuMixedScore_IsTheMappedHeatMixedScore(double lambda)
    {
        var first = new DiracMixture([[-1, 0]], [1]);
        var second = new DiracMixture([[1, 1], [1, -1]], [0.5, 0.5]);
        var heat = new MixedScore(lambda, new DiracMixtureScore(first), new DiracMixtureScore(second));
        var ou = new MixedScore(lambda, new ExactScore(new OrnsteinUhlenbeckMarginals(first)), new ExactScore(new OrnsteinUhlenbeckMarginals(second)));
        Span<double> s = stackalloc double[2], h = stackalloc double[2];
        foreach (double tau in new[] { 0.02, 0.3, 1.5 })
        {
            double a = Math.Exp(tau), t = OrnsteinUhlenbeckProcess.HeatTimeOf(tau);
            foreach (var x in new double[][] { [0.1, 0.2], [-0.7, 0.9], [1.2, -0.4] })
            {
                ou.Evaluate(x, tau, s);
                heat.Evaluate(new[] { a * x[0], a * x[1] }, t, h);
                for (int c = 0; c < 2; c++) Assert.Equal(a * h[c], s[c], 1e-13 * (1 + Math.Abs(s[c])));
            }
        }
    }
}
