using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// Relative Fisher information I(v | u) = int v |grad log(v / u)|^2 dx of (5.6), on faces: for each interior face
/// between cells L and R along an axis of spacing h, (log(v_R/u_R) - log(v_L/u_L))^2 / h^2 weighted by the face
/// value (v_L + v_R)/2 and the cell volume; v is normalised to unit mass. Faces where v or u vanish are skipped.
/// </summary>
public static class FisherInformation
{
    public static double Relative(Grid grid, ReadOnlySpan<double> v, ReadOnlySpan<double> u) => Relative(grid, v, u, default);

    /// <summary>
    /// I(v | u) as <see cref="Relative(Grid, ReadOnlySpan{double}, ReadOnlySpan{double})"/>, with log u given
    /// (<see cref="Distributions.LogCellAverages"/>): a face where u underflows (below
    /// <see cref="Distributions.LogCellAverages.Tiny"/>) uses log u instead of skipping the face, so the far field where v &gt; 0
    /// and u(t) is below the double range still counts. Faces where both u are at least Tiny are as before, to the bit.
    /// </summary>
    /// <remarks>An empty <paramref name="logU"/> gives the three-argument form: faces where u vanishes are skipped.</remarks>
    public static double Relative(Grid grid, ReadOnlySpan<double> v, ReadOnlySpan<double> u, ReadOnlySpan<double> logU)
    {
        bool withLog = !logU.IsEmpty;
        double mass = Norms.Sum(v) * grid.CellVolume;
        if (!(mass > 0)) return double.NaN;
        int nx = grid.Nx, ny = grid.Ny;
        double sum = 0;
        double hx2 = grid.X.H * grid.X.H;
        for (int i = 0; i + 1 < nx; i++)
            for (int j = 0; j < ny; j++)
            {
                int l = i * ny + j, r = (i + 1) * ny + j;
                sum += (withLog ? Face(v[l], u[l], logU[l], v[r], u[r], logU[r]) : Face(v[l], u[l], v[r], u[r])) / hx2;
            }
        if (grid.Dimension == 2)
        {
            double hy2 = grid.Y.H * grid.Y.H;
            for (int i = 0; i < nx; i++)
                for (int j = 0; j + 1 < ny; j++)
                {
                    int l = i * ny + j, r = l + 1;
                    sum += (withLog ? Face(v[l], u[l], logU[l], v[r], u[r], logU[r]) : Face(v[l], u[l], v[r], u[r])) / hy2;
                }
        }
        return sum * grid.CellVolume / mass;
    }

    private static double Face(double vl, double ul, double logUl, double vr, double ur, double logUr)
    {
        if (ul >= Distributions.LogCellAverages.Tiny && ur >= Distributions.LogCellAverages.Tiny) return Face(vl, ul, vr, ur);
        if (vl <= 0 || vr <= 0 || !double.IsFinite(logUl) || !double.IsFinite(logUr)) return 0;
        double g = Math.Log(vr) - logUr - (Math.Log(vl) - logUl);
        return 0.5 * (vl + vr) * g * g;
    }

    private static double Face(double vl, double ul, double vr, double ur)
    {
        if (vl <= 0 || vr <= 0 || ul <= 0 || ur <= 0) return 0;
        double g = Math.Log(vr / ur) - Math.Log(vl / ul);
        return 0.5 * (vl + vr) * g * g;
    }
}
