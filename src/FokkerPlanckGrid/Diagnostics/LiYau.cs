using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Fields;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// The Li-Yau inequality div s &gt;= -d/(2t) (2.6) and its discrete forms.
/// <para>Analytic margin: min over cell centres of div s(x, t) + d/(2t), for scores with a closed-form divergence.</para>
/// <para>
/// Discrete margin, per direction (the d = 1 bound each sweep of a split scheme needs, from Hess log u &gt;= -I/(2t)):
/// min over cells of (s_{i+1/2} - s_{i-1/2}) / h + 1/(2t), with the wall faces' values replaced by 0 when
/// <c>zeroWalls</c> (the operator's zero-flux walls). For the exact score the face difference is the cell average of
/// the directional derivative, so the discrete margin is &gt;= 0 up to the rounding of s (about 4 u max|s| / h).
/// </para>
/// </summary>
public static class LiYau
{
    /// <summary>min over cells of the directional discrete derivative of the face score along <paramref name="axis"/>.</summary>
    public static double MinFaceDifference(Grid grid, FaceField faces, int axis, bool zeroWalls)
    {
        int nx = grid.Nx, ny = grid.Ny;
        double min = double.PositiveInfinity;
        if (axis == 0)
        {
            double h = grid.X.H;
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    if (!zeroWalls && (i == 0 || i == nx - 1)) continue;
                    double left = i == 0 && zeroWalls ? 0 : faces.X[i * ny + j];
                    double right = i == nx - 1 && zeroWalls ? 0 : faces.X[(i + 1) * ny + j];
                    min = Math.Min(min, (right - left) / h);
                }
        }
        else
        {
            double h = grid.Y.H;
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    if (!zeroWalls && (j == 0 || j == ny - 1)) continue;
                    double low = j == 0 && zeroWalls ? 0 : faces.Y[i * (ny + 1) + j];
                    double high = j == ny - 1 && zeroWalls ? 0 : faces.Y[i * (ny + 1) + j + 1];
                    min = Math.Min(min, (high - low) / h);
                }
        }
        return min;
    }

    /// <summary>min over cells of the discrete divergence (sum over axes) of the face score, walls as zero.</summary>
    public static double MinDivergence(Grid grid, FaceField faces)
    {
        int nx = grid.Nx, ny = grid.Ny;
        double min = double.PositiveInfinity;
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
            {
                double left = i == 0 ? 0 : faces.X[i * ny + j], right = i == nx - 1 ? 0 : faces.X[(i + 1) * ny + j];
                double div = (right - left) / grid.X.H;
                if (grid.Dimension == 2)
                {
                    double low = j == 0 ? 0 : faces.Y[i * (ny + 1) + j], high = j == ny - 1 ? 0 : faces.Y[i * (ny + 1) + j + 1];
                    div += (high - low) / grid.Y.H;
                }
                min = Math.Min(min, div);
            }
        return min;
    }

    /// <summary>min over cells of <paramref name="divergence"/> (div s at the centres) + d rho.</summary>
    public static double AnalyticMargin(ReadOnlySpan<double> divergence, int d, double rho)
    {
        double min = double.PositiveInfinity;
        foreach (double v in divergence) min = Math.Min(min, v);
        return min + d * rho;
    }

    /// <summary>min over cell centres of div s + d/(2t), for the exact score of <paramref name="data"/>.</summary>
    public static double AnalyticMargin(IDataDistribution data, Grid grid, double t) =>
        AnalyticMargin(data.DivScore, grid, t, 1 / (2 * t));

    /// <summary>
    /// min over cell centres of div s + d rho, for a score with a closed-form divergence and a Li-Yau bound
    /// div s &gt;= -d rho (heat flow: rho = 1/(2t); see <see cref="Equations.ForwardProcess.CurvatureBound"/>).
    /// </summary>
    public static double AnalyticMargin(Divergence divergence, Grid grid, double t, double rho)
    {
        var minima = new double[grid.Nx];
        int d = grid.Dimension;
        Parallel.For(0, grid.Nx, i =>
        {
            Span<double> x = stackalloc double[2];
            double m = double.PositiveInfinity;
            for (int j = 0; j < grid.Ny; j++)
            {
                grid.CenterOf(i * grid.Ny + j, x);
                m = Math.Min(m, divergence(x[..d], t));
            }
            minima[i] = m;
        });
        return minima.Min() + d * rho;
    }
}
