using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Particles;
using FokkerPlanckGrid.Scores;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Time;

namespace FokkerPlanckGrid.Tests.Particles;

/// <summary>
/// Monte Carlo against the grid: the histogram of SDE end points at t_min and the grid's v(t_min) of the same case
/// agree within grid discretisation + particle time stepping + statistical error (MonteCarloComparison), in 1D and
/// 2D; and a particle law that is not the grid's (shifted data) is told apart.
/// </summary>
public class MonteCarloTests
{
    private static double[] GridRun(DiracMixture data, Grid grid, double[] vT, double T, double tMin, int steps, double eps)
    {
        var equation = new BackwardFokkerPlanck(CaseBuilder.Exact(data), eps);
        var stepper = CaseBuilder.StepperOf(new SchemeSpec(TransportKind.Upwind, SplittingKind.Lie), equation, grid);
        var v = (double[])vT.Clone();
        new Simulation(stepper, TimeGrid.Geometric(T, tMin, steps), 2).Run(v, []);
        return v;
    }

    private static double[] Levels(double T, double tMin, int steps)
    {
        var g = TimeGrid.Geometric(T, tMin, steps);
        return Enumerable.Range(0, steps + 1).Select(g.Level).ToArray();
    }

    private static MonteCarloBudget Compare(DiracMixture gridData, DiracMixture particleData, Grid grid, double T, double tMin, double eps,
        int particles, ParticleMethod method)
    {
        var v = GridRun(gridData, grid, CellAverages.Of(gridData, grid, T), T, tMin, 100, eps);
        var start = ParticleStarts.Heat(particleData, T);
        var score = new DiracMixtureScore(particleData);
        var sampler = new ParticleSampler(score, start, method, eps, Levels(T, tMin, 100));
        var fine = sampler.Run(particles, 3, 2);
        var half = sampler.Run(particles, 3, 2, coarsen: 2);
        var exact = MonteCarloComparison.CellMasses(grid, CellAverages.Of(gridData, grid, tMin));
        return MonteCarloComparison.Budget(grid, v, fine.End, half.End, exact, null);
    }

    [Theory]
    [InlineData(ParticleMethod.ExactMeanShift, 0.2)]
    [InlineData(ParticleMethod.Heun, 1.0)]
    [InlineData(ParticleMethod.EulerMaruyama, 0.0)]
    public void Histogram_AgreesWithTheGrid_In1D(ParticleMethod method, double eps)
    {
        var data = new DiracMixture([[-5.0], [0.0], [5.0]], [0.7, 0.3, 0.1]);
        var b = Compare(data, data, Grid.OnInterval(-15, 15, 256), 2, 0.05, eps, 20_000, method);
        Assert.True(b.Distance <= b.Bound, $"D = {b.Distance}, bound {b.Bound} = grid {b.Grid} + time {b.Time} + stat {b.Statistical} + dev {b.Deviation}");
        Assert.True(b.GridExact);
        Assert.True(b.ExactDistance <= b.Time + b.Statistical + b.Deviation, $"particles vs exact {b.ExactDistance}");
    }

    [Fact]
    public void Histogram_AgreesWithTheGrid_In2D()
    {
        var data = new DiracMixture([[-1.0, 0.0], [1.0, 0.0]], [0.5, 0.5]);
        var b = Compare(data, data, Grid.OnRectangle(-5, 5, 64, -5, 5, 64), 1, 0.05, 0.2, 20_000, ParticleMethod.ExactMeanShift);
        Assert.True(b.Distance <= b.Bound, $"D = {b.Distance}, bound {b.Bound} = grid {b.Grid} + time {b.Time} + stat {b.Statistical} + dev {b.Deviation}");
    }

    /// <summary>Negative control: particles driven by data shifted by a third of the atoms' spacing fail the comparison.</summary>
    [Fact]
    public void ADifferentLaw_IsToldApart()
    {
        var data = new DiracMixture([[-5.0], [0.0], [5.0]], [0.7, 0.3, 0.1]);
        var shifted = new DiracMixture([[-5.0], [1.5], [5.0]], [0.7, 0.3, 0.1]);
        var b = Compare(data, shifted, Grid.OnInterval(-15, 15, 256), 2, 0.05, 0.2, 20_000, ParticleMethod.ExactMeanShift);
        Assert.True(b.Distance > b.Bound, $"D = {b.Distance}, bound {b.Bound}");
    }

    /// <summary>
    /// The statistical bound on its own: multinomial samples of a known law q have E||p^ - q||_1 &lt;= mu(q); checked
    /// on the mean over 200 samples of N = 1000 (the mean's own spread is below 2/sqrt(N)/sqrt(200)).
    /// </summary>
    [Fact]
    public void StatisticalBound_BoundsTheMeanL1Error_OfMultinomialSamples()
    {
        var grid = Grid.OnInterval(0, 1, 50);
        var q = Enumerable.Range(0, 50).Select(i => Math.Exp(-0.1 * i)).ToArray();
        double total = q.Sum();
        for (int i = 0; i < q.Length; i++) q[i] /= total;
        var cumulative = new double[q.Length];
        for (int i = 0; i < q.Length; i++) cumulative[i] = (i > 0 ? cumulative[i - 1] : 0) + q[i];
        var random = new Random(5);
        const int n = 1000, samples = 200;
        double meanL1 = 0, mu = 0;
        for (int s = 0; s < samples; s++)
        {
            var points = new double[n];
            for (int k = 0; k < n; k++)
            {
                double u = random.NextDouble();
                int cell = Array.FindIndex(cumulative, c => c > u);
                if (cell < 0) cell = q.Length - 1;
                points[k] = grid.X.Center(cell);
            }
            var h = CellHistogram.Of(grid, points);
            meanL1 += MonteCarloComparison.Distance(h, q) / samples;
            mu = Math.Max(mu, MonteCarloComparison.ExpectedStatistical(h, q));
        }
        double exactMu = q.Sum(p => Math.Sqrt(p * (1 - p) / n));
        Assert.True(meanL1 <= exactMu, $"mean L1 {meanL1} above mu(q) = {exactMu}");
        Assert.True(meanL1 >= 0.6 * exactMu, $"mean L1 {meanL1}: mu(q) = {exactMu} should be nearly attained");
        Assert.True(mu >= exactMu);
    }
}
