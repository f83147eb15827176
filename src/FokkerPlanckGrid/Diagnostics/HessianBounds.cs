using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// The Hessian bounds (5.4) for supp u0 in a ball of radius R:
/// -I/(2t) &lt;= Hess log u &lt;= (-1/(2t) + R^2/(4t^2)) I. For a Dirac mixture Hess log u = -I/(2t) + Cov_t(x)/(4t^2),
/// so they say 0 &lt;= Cov_t(x) &lt;= R^2 I: measured as min over cells of lambda_min(Cov) and max of lambda_max(Cov) / R^2.
/// </summary>
public static class HessianBounds
{
    /// <summary>(min lambda_min(Cov_t), max lambda_max(Cov_t)) over cell centres.</summary>
    public static (double MinEigen, double MaxEigen) CovarianceRange(DiracMixture data, Grid grid, double t)
    {
        var lows = new double[grid.Nx];
        var highs = new double[grid.Nx];
        int d = grid.Dimension;
        Parallel.For(0, grid.Nx, i =>
        {
            Span<double> x = stackalloc double[2];
            Span<double> cov = stackalloc double[4];
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int j = 0; j < grid.Ny; j++)
            {
                grid.CenterOf(i * grid.Ny + j, x);
                data.Covariance(x[..d], t, cov[..(d * d)]);
                double a, b;
                if (d == 1) a = b = cov[0];
                else
                {
                    double mean = 0.5 * (cov[0] + cov[3]);
                    double r = Math.Sqrt(0.25 * (cov[0] - cov[3]) * (cov[0] - cov[3]) + cov[1] * cov[1]);
                    a = mean - r;
                    b = mean + r;
                }
                lo = Math.Min(lo, a);
                hi = Math.Max(hi, b);
            }
            lows[i] = lo;
            highs[i] = hi;
        });
        return (lows.Min(), highs.Max());
    }
}
