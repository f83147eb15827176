using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Diagnostics;

/// <summary>The accuracy figure of the reference problems (shared/reference-problems.md).</summary>
public static class ReferenceError
{
    /// <summary>sum |v - u(t)| / sum |u(t)| with u(t) sampled at cell centres (so it includes the O(h^2) centre-versus-average gap).</summary>
    public static double RelativeL1AgainstCenters(IDataDistribution data, Grid grid, double t, double[] v)
    {
        double num = 0, den = 0;
        Span<double> x = stackalloc double[grid.Dimension];
        for (int p = 0; p < grid.CellCount; p++)
        {
            grid.CenterOf(p, x);
            double u = Math.Exp(data.LogDensity(x, t));
            num += Math.Abs(v[p] - u);
            den += u;
        }
        return num / den;
    }
}
