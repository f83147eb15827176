using FokkerPlanckGrid.Diagnostics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;
using FokkerPlanckGrid.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FokkerPlanckGrid.Tests.Measures;

/// <summary>
/// <see cref="SoftmaxCovariance"/> (separable tables in 2D) against the direct log-sum-exp formulas of
/// <see cref="DiracMixture"/> cell by cell: div s against DivScore, the covariance range against the eigenvalues of
/// Covariance. Allowed: rounding relative to the sizes the formulas handle, d/(2t) + E|Y - x|^2/(4t^2) for div s
/// (tr Cov = E|Y - x|^2 - |E(Y - x)|^2 cancels down from them) and max E|Y - x|^2 for the eigenvalues, times
/// 1e-12 + 8 u |a| with |a| the largest exponent log w_k - |x - y_k|^2/(4t) among the atoms that carry weight (within
/// e^-40 of the largest): both forms round the exponents differently (as sums of per-axis parts or not), which
/// perturbs the weights by u |a| relatively — at t = 1e-6 that is the leading rounding of either formula.
/// </summary>
public class SoftmaxCovarianceTests
{
    public sealed record Case(double[] Lower, double[] Upper, int Nx, int Ny, MixtureSpec Data, double T)
    {
        public override string ToString() =>
            $"box [{Lower[0]:R}, {Upper[0]:R}] x [{Lower[1]:R}, {Upper[1]:R}], {Nx}x{Ny}, data {Data}, t {T:R}";
    }

    public static class Arbitraries
    {
        /// <summary>t log-uniform in [1e-6, 10]: at small t far from the data every E_k F_k underflows (the direct fallback).</summary>
        public static Arbitrary<Case> Case() => Arb.From(
            from lower in Gen.ArrayOf(Generators.Uniform(-20, -1), 2)
            from upper in Gen.ArrayOf(Generators.Uniform(1, 20), 2)
            from nx in Gen.Choose(2, 30)
            from ny in Gen.Choose(2, 30)
            from data in Generators.Mixture(lower, upper)
            from t in Generators.LogUniform(1e-6, 10)
            select new Case(lower, upper, nx, ny, data, t));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(Arbitraries)])]
    public void Separable_EqualsTheDirectFormulas_AtEveryCentre(Case c)
    {
        var mixture = c.Data.ToMixture();
        var grid = Grid.OnRectangle(c.Lower[0], c.Upper[0], c.Nx, c.Lower[1], c.Upper[1], c.Ny);
        AssertAgrees(mixture, grid, c.T);
    }

    [Fact]
    public void Evaluate_EqualsTheDirectFormulas_ForALemniscateOf256Nodes()
    {
        var curve = new CurveMeasure("lemniscate", 1.0, 256, [0.0, 0.0]);
        var grid = Grid.OnRectangle(-4, 4, 40, -4, 4, 36);
        foreach (double t in new[] { 1.0, 0.1, 0.02, 1e-3 }) AssertAgrees(curve.Nodes, grid, t);
    }

    /// <summary>t = 1e-6 with the atoms in two corners: far from both every product E_k F_k underflows.</summary>
    [Fact]
    public void Evaluate_IsExact_WhereEveryProductUnderflows()
    {
        var mixture = new DiracMixture([[-9.0, 9.0], [9.0, -9.0]], [0.5, 0.5]);
        AssertAgrees(mixture, Grid.OnRectangle(-10, 10, 33, -10, 10, 35), 1e-6);
    }

    [Fact]
    public void Evaluate_In1D_IsTheDirectFormula()
    {
        var mixture = new DiracMixture([[-5.0], [0.0], [5.0]], [0.7, 0.3, 0.1]);
        AssertAgrees(mixture, Grid.OnInterval(-15, 15, 301), 0.05);
    }

    private static void AssertAgrees(DiracMixture mixture, Grid grid, double t)
    {
        int d = grid.Dimension;
        var divergence = new double[grid.CellCount];
        var (minEigen, maxEigen) = new SoftmaxCovariance(mixture, grid).Evaluate(t, divergence);
        Span<double> x = stackalloc double[2];
        Span<double> s = stackalloc double[2];
        Span<double> cov = stackalloc double[4];
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity, second = 0, exponents = 0;
        for (int c = 0; c < grid.CellCount; c++)
        {
            grid.CenterOf(c, x);
            var exponent = new double[mixture.Count];
            for (int k = 0; k < mixture.Count; k++)
            {
                double r2 = 0;
                for (int q = 0; q < d; q++) r2 += (x[q] - mixture.Point(k, q)) * (x[q] - mixture.Point(k, q));
                exponent[k] = Math.Log(mixture.Weights[k]) - r2 / (4 * t);
            }
            double top = exponent.Max(), relevant = exponent.Where(v => v > top - 40).Max(v => Math.Abs(v));
            double rel = 1e-12 + 8 * Math.Pow(2, -52) * relevant;
            exponents = Math.Max(exponents, relevant);
            double direct = mixture.DivScore(x[..d], t);
            mixture.Score(x[..d], t, s[..d]);
            mixture.Covariance(x[..d], t, cov[..(d * d)]);
            double trace = d == 1 ? cov[0] : cov[0] + cov[3], shift2 = 0;
            for (int a = 0; a < d; a++) shift2 += 2 * t * s[a] * 2 * t * s[a];
            double moment = trace + shift2;   // E|Y - x|^2
            second = Math.Max(second, moment);
            double scale = d / (2 * t) + moment / (4 * t * t);
            Assert.True(Math.Abs(divergence[c] - direct) <= rel * scale,
                $"t {t}, cell {c}: div {divergence[c]:R} vs {direct:R} (scale {scale:G3})");
            double a0, a1;
            if (d == 1) a0 = a1 = cov[0];
            else
            {
                double mean = 0.5 * (cov[0] + cov[3]), r = Math.Sqrt(0.25 * (cov[0] - cov[3]) * (cov[0] - cov[3]) + cov[1] * cov[1]);
                (a0, a1) = (mean - r, mean + r);
            }
            lo = Math.Min(lo, a0);
            hi = Math.Max(hi, a1);
        }
        double tol = (1e-12 + 8 * Math.Pow(2, -52) * exponents) * second;
        Assert.True(Math.Abs(minEigen - lo) <= tol, $"t {t}: min eigenvalue {minEigen:R} vs {lo:R}");
        Assert.True(Math.Abs(maxEigen - hi) <= tol, $"t {t}: max eigenvalue {maxEigen:R} vs {hi:R}");
    }
}
