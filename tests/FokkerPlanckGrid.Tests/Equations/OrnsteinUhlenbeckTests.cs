using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Convergence;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Equations;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Scores;
using Xunit.Abstractions;

namespace FokkerPlanckGrid.Tests.Equations;

/// <summary>
/// The Ornstein-Uhlenbeck forward process (<see cref="OrnsteinUhlenbeckProcess"/>): its laws against the law of the
/// SDE, the self-similar map's identities (exact, to round-off), and the solver of its backward equation against the
/// exact solutions (first order).
/// </summary>
public class OrnsteinUhlenbeckTests(ITestOutputHelper output)
{
    private static readonly double[][] Points1D = [[-2.0], [0.5], [3.0]];
    private static readonly double[][] Points2D = [[-1.0, 0.5], [1.5, -0.5], [0.2, 2.0]];
    private static readonly double[] Weights = [0.5, 0.2, 0.3];

    /// <summary>e^x - 1 as a reference: the Taylor series for |x| &lt; 0.1 (14 terms, error &lt; 1e-17 relative), else exp - 1.</summary>
    private static double Expm1(double x)
    {
        if (Math.Abs(x) >= 0.1) return Math.Exp(x) - 1;
        double term = x, sum = x;
        for (int n = 2; n <= 14; n++) { term *= x / n; sum += term; }
        return sum;
    }

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):G3})");

    /// <summary>
    /// The law of X_tau = e^{-tau} Y + sqrt(1 - e^{-2tau}) Z for Y ~ sum_k w_k delta_{y_k} is the Gaussian mixture
    /// sum_k w_k N(e^{-tau} y_k, (1 - e^{-2tau}) I): the self-similar map a^d u(a x, (a^2 - 1)/2) must give the same
    /// density, score, divergence and box masses (an independent closed form; agreement to rounding).
    /// </summary>
    [Theory]
    [InlineData(1, 1e-6)]
    [InlineData(1, 0.03)]
    [InlineData(1, 0.7)]
    [InlineData(1, 4.0)]
    [InlineData(2, 1e-4)]
    [InlineData(2, 0.3)]
    [InlineData(2, 2.5)]
    public void Marginals_OfADiracMixture_AreTheLawOfTheOuSde(int d, double tau)
    {
        var points = d == 1 ? Points1D : Points2D;
        var ou = new OrnsteinUhlenbeckMarginals(new DiracMixture(points, Weights));
        double shrink = Math.Exp(-tau), variance = -Expm1(-2 * tau);
        var law = GaussianMixture.Isotropic(points.Select(p => p.Select(c => shrink * c).ToArray()).ToArray(),
            Enumerable.Repeat(variance, points.Length).ToArray(), Weights);
        var random = new Random(7);
        Span<double> s1 = stackalloc double[d];
        Span<double> s2 = stackalloc double[d];
        double width = Math.Sqrt(variance);
        for (int n = 0; n < 40; n++)
        {
            var x = Enumerable.Range(0, d).Select(_ => points[random.Next(points.Length)][0] * shrink + 4 * width * (2 * random.NextDouble() - 1)).ToArray();
            Close(law.LogDensity(x, 0), ou.LogDensity(x, tau), 1e-12, "log w");
            law.Score(x, 0, s1);
            ou.Score(x, tau, s2);
            double scale = 1 / width + Math.Abs(s1[0]);
            for (int k = 0; k < d; k++) Close(s1[k] / scale, s2[k] / scale, 1e-11, "s_ou");
            Close(law.DivScore(x, 0) / (scale * scale), ou.DivScore(x, tau) / (scale * scale), 1e-10, "div s_ou");
            var hi = x.Select(c => c + width).ToArray();
            Close(law.MassInBox(x, hi, 0), ou.MassInBox(x, hi, tau), 1e-12, "box mass");
        }
    }

    /// <summary>
    /// The identities of the map, exact up to rounding: t(tau(t)) = t; rho_ou(tau) = a^2/(2t) (Li-Yau transported);
    /// the OU L^p factor equals the heat factor of Theorem 3.1 at the mapped times times (a_T/a)^{-d(p-1)/p}
    /// (||w||_p = a^{d(p-1)/p} ||u||_p).
    /// </summary>
    [Theory]
    [InlineData(1e-5)]
    [InlineData(0.05)]
    [InlineData(0.9)]
    [InlineData(3.0)]
    public void SelfSimilarMap_Identities_HoldToRounding(double tau)
    {
        var ou = ForwardProcess.OrnsteinUhlenbeck;
        double t = ou.HeatTime(tau), a = ou.Scale(tau);
        Close(tau, OrnsteinUhlenbeckProcess.TimeOfHeatTime(t), 1e-14, "tau(t(tau))");
        Close(a * a / (2 * t), ou.CurvatureBound(tau), 1e-13, "rho");
        Close(ou.KernelWidth(tau), Math.Sqrt(2 * t) / a, 1e-13, "kernel width");
        Close(tau, ou.TimeOfKernelWidth(ou.KernelWidth(tau)), 1e-10, "time of width");
        double T = tau + 1.3;
        foreach (int d in new[] { 1, 2 })
            foreach (double eps in new[] { 0.0, 0.4 })
                foreach (double p in new[] { 1.5, 2, double.PositiveInfinity })
                {
                    double q = double.IsPositiveInfinity(p) ? 1 : (p - 1) / p;
                    double heat = ForwardProcess.Heat.LpGrowth(d, eps, p, ou.HeatTime(T), t);
                    double mapped = heat * Math.Pow(ou.Scale(T) / a, -d * q);
                    Close(mapped, ou.LpGrowth(d, eps, p, T, tau), 1e-12, $"L^p factor d={d} eps={eps} p={p}");
                }
    }

    /// <summary>
    /// The cell averages of w(tau) by the scaled-grid fast path (u(t) on the grid stretched by a, times a^d) equal the
    /// direct box masses cell by cell, in 1D and 2D.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CellAverages_OfOuLaws_MatchTheBoxMasses(int d)
    {
        var ou = new OrnsteinUhlenbeckMarginals(new DiracMixture(d == 1 ? Points1D : Points2D, Weights));
        var grid = d == 1 ? Grid.OnInterval(-4, 5, 37) : Grid.OnRectangle(-3, 4, 13, -2, 3, 11);
        Span<double> lo = stackalloc double[d];
        Span<double> hi = stackalloc double[d];
        foreach (double tau in new[] { 0.01, 0.4, 2.0 })
        {
            var fast = CellAverages.Of(ou, grid, tau);
            for (int c = 0; c < grid.CellCount; c++)
            {
                int i = c / grid.Ny, j = c % grid.Ny;
                lo[0] = grid.X.Face(i); hi[0] = grid.X.Face(i + 1);
                if (d == 2) { lo[1] = grid.Y.Face(j); hi[1] = grid.Y.Face(j + 1); }
                double direct = ou.MassInBox(lo, hi, tau) / grid.CellVolume;
                Assert.True(Math.Abs(fast[c] - direct) <= 1e-12 * Math.Max(direct, 1e-300) + 1e-300,
                    $"tau {tau}, cell {c}: {fast[c]:R} vs {direct:R}");
            }
        }
    }

    /// <summary>The transport score adds c x at every face exactly (the face coordinate times c, added once).</summary>
    [Fact]
    public void TransportScore_AddsTheLinearDrift_AtEveryFace()
    {
        var grid = Grid.OnRectangle(-3, 4, 9, -2, 3, 7);
        var inner = CaseBuilder.Exact(new OrnsteinUhlenbeckMarginals(new DiracMixture(Points2D, Weights)));
        var equation = new BackwardFokkerPlanck(inner, 0.25, ForwardProcess.OrnsteinUhlenbeck);
        double c = 1 / 1.25;   // kappa / (1 + eps)
        var plain = new FaceField(grid);
        var shifted = new FaceField(grid);
        inner.EvaluateFaces(grid, 0.3, plain);
        equation.Transport.EvaluateFaces(grid, 0.3, shifted);
        for (int i = 0; i <= grid.Nx; i++)
            for (int j = 0; j < grid.Ny; j++)
                Assert.Equal(plain.X[i * grid.Ny + j] + c * grid.X.Face(i), shifted.X[i * grid.Ny + j]);
        for (int i = 0; i < grid.Nx; i++)
            for (int j = 0; j <= grid.Ny; j++)
                Assert.Equal(plain.Y[i * (grid.Ny + 1) + j] + c * grid.Y.Face(j), shifted.Y[i * (grid.Ny + 1) + j]);
        Assert.Same(inner, new BackwardFokkerPlanck(inner, 0.25).Transport);   // the heat flow transports with s itself
    }

    /// <summary>
    /// The exact OU solution for one Dirac and a Gaussian terminal reduces to the OU law w(tau) = N(e^{-tau} y,
    /// 1 - e^{-2tau}) when v_T = w(T), for every eps (mapped through the heat solution of MATH.md section 2).
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void DiracGaussianSolution_FromTheOuLaw_IsTheOuLaw(double eps)
    {
        double y = 1.5, T = 1.2;
        var exact = new ExactSolution.OrnsteinUhlenbeckDiracGaussian([y], [Math.Exp(-T) * y], -Expm1(-2 * T), eps, T);
        foreach (double tau in new[] { T, 0.8, 0.1, 1e-3 })
        {
            Close(Math.Exp(-tau) * y, exact.Mean(tau)[0], 1e-14, $"mean at {tau}");
            Close(-Expm1(-2 * tau), exact.Variance(tau), 1e-13, $"variance at {tau}");
        }
    }

    private static Case OuCase(int cells, int steps, TerminalSpec terminal, DataSpec? data = null, double eps = 0.3) =>
        new("ou-1d", data ?? new DiracMixtureSpec(Points1D, Weights), new ExactScoreSpec(), terminal,
            new GridSpec([[-6, 6]], [cells]), new TimeSpec(1.0, 0.1, steps, TimeSpacing.Geometric, 1), eps,
            new SchemeSpec(TransportKind.Upwind, SplittingKind.Lie), new OutputSpec("unused.h5", 21, ["v"]),
            new DiagnosticsSpec([1, 2], [0.5]), Forward: ForwardKind.OrnsteinUhlenbeck);

    /// <summary>
    /// The solver of the OU backward equation converges at first order to its exact solutions: v = w(tau) from
    /// v_T = w(T) (three Diracs), and the Gaussian solution of one Dirac from a Gaussian terminal.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OuRun_ConvergesToItsExactSolution_AtFirstOrder(bool gaussian)
    {
        var c = gaussian
            ? OuCase(256, 64, new GaussianTerminalSpec([0.3], 0.7), new DiracMixtureSpec([[1.0]], [1]))
            : OuCase(256, 64, new HeatTerminalSpec());
        var result = ConvergenceStudy.Run(c, 3, Refinement.Both);
        output.WriteLine($"{result.Exact}: L1 {string.Join(", ", result.Levels.Select(l => l.Errors.L1.ToString("G3")))}, order {result.Orders.L1:F2}");
        Assert.InRange(result.Orders.L1, 0.7, 1.3);
        Assert.All(result.Levels.Zip(result.Levels.Skip(1)), p => Assert.True(p.Second.Errors.L1 < p.First.Errors.L1));
    }
}
