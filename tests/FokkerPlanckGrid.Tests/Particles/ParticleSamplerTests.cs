using FokkerPlanckGrid.Tests.Support;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Tests.Particles;

/// <summary>
/// The particle sampler: reproducible bits, the exact law of the exact-mean-shift step for one Dirac, the orders of
/// Euler and Heun, and the batched kernel against the scalar score.
/// </summary>
public class ParticleSamplerTests
{
    public static readonly TheoryData<ParticleMethod> Methods = [ParticleMethod.ExactMeanShift, ParticleMethod.EulerMaruyama, ParticleMethod.Heun];

    private static double[] Levels(double T, double tMin, int steps)
    {
        var g = TimeGrid.Geometric(T, tMin, steps);
        return Enumerable.Range(0, steps + 1).Select(g.Level).ToArray();
    }

    private static DiracMixture Ellipse(int k)
    {
        var points = new double[k][];
        var weights = new double[k];
        for (int i = 0; i < k; i++)
        {
            double a = 2 * Math.PI * i / k + 0.3;
            points[i] = [2 * Math.Cos(a), 1.5 * Math.Sin(a)];
            weights[i] = 1 + 0.1 * i;
        }
        return new DiracMixture(points, weights);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void EndPoints_AreBitIdentical_AtOneAndTwoThreads_AndForAnyN(ParticleMethod method)
    {
        var data = Ellipse(5);
        foreach (IScore score in new IScore[] { new DiracMixtureScore(data), new ExactScore(GaussianMixture.Isotropic([[0.0, 0.0], [1, 1]], [0.3, 0.5], [1, 2])) })
        {
            var sampler = new ParticleSampler(score, ParticleStarts.Heat(data, 1), method, 0.3, Levels(1, 0.01, 30));
            var one = sampler.Run(1000, 9, 5, threads: 1);
            var two = sampler.Run(1000, 9, 5, threads: 2);
            var fewer = sampler.Run(261, 9, 5, threads: 2);   // the last block is partly filled, differently
            Assert.Equal(one.End, two.End);
            Assert.Equal(one.Trajectories, two.Trajectories);
            Assert.Equal(one.End.AsSpan(0, fewer.End.Length).ToArray(), fewer.End);
            Assert.All(one.End, x => Assert.True(double.IsFinite(x)));
        }
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentEndPoints()
    {
        var data = Ellipse(3);
        var sampler = new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Heat(data, 1), ParticleMethod.ExactMeanShift,
            0.5, Levels(1, 0.05, 10));
        var a = sampler.Run(100, 1, 2);
        var b = sampler.Run(100, 2, 2);
        Assert.All(Enumerable.Range(0, 200), i => Assert.NotEqual(a.End[i], b.End[i]));
    }

    /// <summary>
    /// One Dirac at y, v_T = N(mu_T, sigma_T^2 I): the law stays Gaussian with mean y + (mu_T - y)(t/T)^{(1+eps)/2} and
    /// variance sigma_T^2 (t/T)^{1+eps} + 2t (1 - (t/T)^eps) (MATH.md section 2). Frozen m = y is exact, so the end points
    /// follow that law for any number of steps — one step included. Mean and variance within five standard errors.
    /// </summary>
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(1, 0.7)]
    [InlineData(17, 0.7)]
    [InlineData(17, 2.0)]
    public void ExactMeanShift_OnOneDirac_HasTheExactLaw_ForAnyNumberOfSteps(int steps, double eps)
    {
        double[] y = [0.5, -1], mu = [2, 1];
        double sigma2 = 0.8, T = 1.5, tMin = 0.02;
        var data = new DiracMixture([y], [1]);
        var sampler = new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Gaussian(mu, sigma2),
            ParticleMethod.ExactMeanShift, eps, Levels(T, tMin, steps));
        const int n = 40_000;
        var run = sampler.Run(n, 5, 2);
        double ratio = tMin / T;
        double variance = sigma2 * Math.Pow(ratio, 1 + eps) + 2 * tMin * (1 - Math.Pow(ratio, eps));
        for (int c = 0; c < 2; c++)
        {
            double mean = y[c] + (mu[c] - y[c]) * Math.Pow(ratio, (1 + eps) / 2);
            ParticleMoments.AssertEndPoints(run, c, mean, variance);
        }
    }

    /// <summary>
    /// The coarsened run keeps the fine run's Brownian path: for one Dirac the exact-mean-shift step is exact, so K and
    /// K/4 steps on the same path end at the same points (to rounding); Euler's coarse noise is the sum of the fine
    /// increments, so its coarse and fine runs differ by the time-stepping error only (small, and shrinking with K).
    /// </summary>
    [Fact]
    public void CoarsenedRuns_FollowTheSameBrownianPath()
    {
        var data = new DiracMixture([[0.5, -1.0]], [1]);
        var levels = Levels(1.5, 0.02, 40);
        var start = ParticleStarts.Gaussian([2, 1], 0.8);
        var exact = new ParticleSampler(new DiracMixtureScore(data), start, ParticleMethod.ExactMeanShift, 0.7, levels);
        var fine = exact.Run(500, 6, 2);
        var coarse = exact.Run(500, 6, 2, coarsen: 4);
        Assert.Equal(11, coarse.Levels.Length);
        for (int i = 0; i < fine.End.Length; i++) Assert.Equal(fine.End[i], coarse.End[i], 1e-12);
        var other = exact.Run(500, 7, 2, coarsen: 4);
        Assert.True(Enumerable.Range(0, 1000).Average(i => Math.Abs(other.End[i] - fine.End[i])) > 0.1);
        double Gap(int steps)
        {
            var euler = new ParticleSampler(new DiracMixtureScore(data), start, ParticleMethod.EulerMaruyama, 0.7, Levels(1.5, 0.02, steps));
            var a = euler.Run(500, 6, 2);
            var b = euler.Run(500, 6, 2, coarsen: 2);
            return Enumerable.Range(0, 1000).Average(i => Math.Abs(a.End[i] - b.End[i]));
        }
        double g40 = Gap(40), g160 = Gap(160);
        Assert.True(g160 < 0.4 * g40, $"Euler fine/coarse gap {g40} at K = 40, {g160} at K = 160");
    }

    /// <summary>eps = 0, one Dirac: X_t - y = sqrt(t/T) (X_T - y) exactly, so every stored level is that contraction.</summary>
    [Fact]
    public void ExactMeanShift_AtEpsZero_ContractsBySqrtOfT_ToRoundOff()
    {
        var data = new DiracMixture([[1.0, 2.0]], [1]);
        var sampler = new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Gaussian([0, 0], 2),
            ParticleMethod.ExactMeanShift, 0, Levels(2, 1e-3, 40));
        var run = sampler.Run(50, 3, 41);
        for (int s = 0; s < run.StoredLevels.Length; s++)
        {
            double r = Math.Sqrt(run.Levels[run.StoredLevels[s]] / 2);
            for (int i = 0; i < run.StoredCount; i++)
                for (int c = 0; c < 2; c++)
                {
                    double y = data.Point(0, c), start = run.Stored(0, i, c);
                    Assert.Equal(y + r * (start - y), run.Stored(s, i, c), 1e-13);
                }
        }
    }

    /// <summary>
    /// The ODE (eps = 0) for one Dirac has X_t = y + sqrt(t/T)(X_T - y); the error at t_min of Euler falls at first
    /// order and that of Heun at second order in the step (K = 20, 40, 80, 160 geometric steps).
    /// </summary>
    [Theory]
    [InlineData(ParticleMethod.EulerMaruyama, 1.0)]
    [InlineData(ParticleMethod.Heun, 2.0)]
    public void Euler_AndHeun_ConvergeAtTheirOrders_OnTheOdeOfOneDirac(ParticleMethod method, double order)
    {
        var data = new DiracMixture([[0.0]], [1]);
        double T = 1, tMin = 0.01;
        var h = new List<double>();
        var error = new List<double>();
        foreach (int k in new[] { 20, 40, 80, 160 })
        {
            var sampler = new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Points([[3.0]]), method, 0, Levels(T, tMin, k));
            var run = sampler.Run(1, 1, 2);
            h.Add(1.0 / k);
            error.Add(Math.Abs(run.End[0] - 3 * Math.Sqrt(tMin / T)));
        }
        Assert.InRange(ObservedOrder.Fitted(h, error), order - 0.1, order + 0.15);
    }

    /// <summary>The vectorised Dirac kernel against the scalar log-sum-exp score, m - x = 2t s, on scattered points.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DiracKernel_MatchesTheScalarScore(int dim)
    {
        var random = new Random(4);
        var points = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, dim).Select(_ => random.NextDouble() * 6 - 3).ToArray()).ToArray();
        var data = new DiracMixture(points, points.Select(_ => 0.1 + random.NextDouble()).ToArray());
        var kernel = new DiracMeanShiftKernel(data);
        int n = ParticleSampler.BlockLength;
        var x0 = new double[n];
        var x1 = new double[n];
        var d0 = new double[n];
        var d1 = new double[n];
        Span<double> s = stackalloc double[2];
        foreach (double t in new[] { 1e-4, 0.01, 0.3, 5 })
        {
            for (int i = 0; i < n; i++) { x0[i] = random.NextDouble() * 10 - 5; x1[i] = random.NextDouble() * 10 - 5; }
            kernel.Displacement(x0, dim == 2 ? x1 : [], t, d0, dim == 2 ? d1 : []);
            for (int i = 0; i < n; i++)
            {
                data.Score(dim == 2 ? [x0[i], x1[i]] : [x0[i]], t, s[..dim]);
                double scale = 1e-12 * (Math.Abs(x0[i]) + Math.Abs(x1[i]) + 3) * (1 + 1 / t * 1e-3);
                Assert.Equal(2 * t * s[0], d0[i], scale);
                if (dim == 2) Assert.Equal(2 * t * s[1], d1[i], scale);
            }
        }
    }

    /// <summary>A mixed score through the batched kernels equals the pointwise path (lambda m1 + (1 - lambda) m2).</summary>
    [Fact]
    public void MixedScore_BatchedAndPointwise_Agree()
    {
        var first = new DiracMixture([[-1.0, 0.0], [0.0, 1.0]], [1, 1]);
        var second = new DiracMixture([[2.0, 2.0]], [1]);
        var mixed = new MixedScore(0.3, new DiracMixtureScore(first), new DiracMixtureScore(second));
        var levels = Levels(1, 0.05, 20);
        var start = ParticleStarts.Gaussian([0, 0], 2);
        var batched = new ParticleSampler(mixed, start, ParticleMethod.Heun, 0.2, levels).Run(300, 4, 2);
        var pointwise = new ParticleSampler(new PointwiseOnly(mixed), start, ParticleMethod.Heun, 0.2, levels).Run(300, 4, 2);
        for (int i = 0; i < batched.End.Length; i++) Assert.Equal(pointwise.End[i], batched.End[i], 1e-10);
    }

    /// <summary>v_T = u(T) of a Dirac mixture: the start points have mean sum w_k y_k and variance Var(Y) + 2T per coordinate.</summary>
    [Fact]
    public void HeatStart_DrawsFromUOfT()
    {
        var data = new DiracMixture([[-2.0], [3.0]], [0.25, 0.75]);
        double T = 0.5;
        var run = new ParticleSampler(new DiracMixtureScore(data), ParticleStarts.Heat(data, T), ParticleMethod.ExactMeanShift, 0,
            Levels(T, 0.1, 1)).Run(50_000, 8, 2, maxStored: 50_000);
        double mean = 0.25 * -2 + 0.75 * 3, variance = 0.25 * 4 + 0.75 * 9 - mean * mean + 2 * T;
        var starts = Enumerable.Range(0, run.StoredCount).Select(i => run.Stored(0, i, 0)).ToArray();
        double m = starts.Average(), v = starts.Select(x => (x - m) * (x - m)).Sum() / (starts.Length - 1);
        int n = starts.Length;
        Assert.InRange(m, mean - 5 * Math.Sqrt(variance / n), mean + 5 * Math.Sqrt(variance / n));
        Assert.InRange(v, variance * (1 - 5 * Math.Sqrt(3.0 / n)), variance * (1 + 5 * Math.Sqrt(3.0 / n)));
    }

    /// <summary>Kahan's expm1 against 2 tanh(x/2) / (1 - tanh(x/2)), which has no cancellation, to 4 ulps.</summary>
    [Fact]
    public void Expm1_IsAccurate_WhereExpMinusOneCancels()
    {
        foreach (double x in new[] { -3.0, -0.5, -0.19, -0.095, -1e-3, -1e-6, -1e-12, 1e-9, 0.01, 0.7 })
        {
            double h = Math.Tanh(x / 2), reference = 2 * h / (1 - h);
            Assert.True(Math.Abs(ParticleSampler.Expm1(x) - reference) <= 4 * Math.Abs(reference) * Math.Pow(2, -52), $"x = {x}");
        }
    }

    private sealed class PointwiseOnly(IScore inner) : IScore
    {
        public int Dimension => inner.Dimension;
        public (double Min, double Max) TimeRange => inner.TimeRange;
        public void Evaluate(ReadOnlySpan<double> x, double t, Span<double> score) => inner.Evaluate(x, t, score);
        public void EvaluateFaces(FokkerPlanckGrid.Grids.Grid grid, double t, FokkerPlanckGrid.Fields.FaceField faces) => throw new NotSupportedException();
    }
}
