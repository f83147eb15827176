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
    /// <summary>
    /// (min lambda_min(Cov_t), max lambda_max(Cov_t)) over cell centres, by <see cref="SoftmaxCovariance"/> (separable
    /// in 2D; a run's tracker keeps one instance and its buffers instead of calling this each level).
    /// </summary>
    public static (double MinEigen, double MaxEigen) CovarianceRange(DiracMixture data, Grid grid, double t) =>
        new SoftmaxCovariance(data, grid).Evaluate(t, new double[grid.CellCount]);
}
