using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// Cell averages of u(., t) on a grid: (mass of the cell) / (cell volume), exact where the distribution's
/// <see cref="IDataDistribution.MassInBox"/> is a closed form. For a Dirac mixture the per-cell mass factorises,
/// sum_k w_k P_x,k(i) P_y,k(j), so the interval probabilities are tabulated once per axis (K (nx + ny) erfc calls
/// instead of K nx ny).
/// </summary>
public static class CellAverages
{
    public static void Of(IDataDistribution data, Grid grid, double t, double[] dest)
    {
        if (dest.Length != grid.CellCount) throw new ArgumentException("destination does not match the grid");
        if (data is DiracMixture dirac) { Separable(dirac, grid, t, dest); return; }
        if (data is CurveMeasure curve) { Separable(curve.Nodes, grid, t, dest); return; }
        if (data is OrnsteinUhlenbeckMarginals ou) { Scaled(ou, grid, t, dest); return; }
        int nx = grid.Nx, ny = grid.Ny, d = grid.Dimension;
        double volume = grid.CellVolume;
        Parallel.For(0, nx, i =>
        {
            Span<double> lo = stackalloc double[2];
            Span<double> hi = stackalloc double[2];
            lo[0] = grid.X.Face(i);
            hi[0] = grid.X.Face(i + 1);
            for (int j = 0; j < ny; j++)
            {
                if (d == 2)
                {
                    lo[1] = grid.Y.Face(j);
                    hi[1] = grid.Y.Face(j + 1);
                }
                dest[i * ny + j] = data.MassInBox(lo[..d], hi[..d], t) / volume;
            }
        });
    }

    /// <summary>A new array of the cell averages of u(., t).</summary>
    public static double[] Of(IDataDistribution data, Grid grid, double t)
    {
        var v = new double[grid.CellCount];
        Of(data, grid, t, v);
        return v;
    }

    /// <summary>Cell averages of N(mean, variance I) (e.g. the prior v_T = N(0, 2T I)).</summary>
    public static double[] OfGaussian(Grid grid, ReadOnlySpan<double> mean, double variance)
    {
        var tables = new double[grid.Dimension][];
        for (int d = 0; d < grid.Dimension; d++)
        {
            var axis = grid.Axes[d];
            tables[d] = new double[axis.Cells];
            for (int i = 0; i < axis.Cells; i++)
                tables[d][i] = Gaussian.IntervalProbability(axis.Face(i), axis.Face(i + 1), mean[d], variance);
        }
        var v = new double[grid.CellCount];
        int ny = grid.Ny;
        for (int i = 0; i < grid.Nx; i++)
            for (int j = 0; j < ny; j++)
                v[i * ny + j] = tables[0][i] * (grid.Dimension == 2 ? tables[1][j] : 1) / grid.CellVolume;
        return v;
    }

    /// <summary>
    /// The OU law w(., tau) on cell C has mass u(., t)(a C), a = e^tau: the cell averages of u(t) on the grid scaled by a
    /// (same cell count), times a^d (the scaled cell's volume over the cell's), so every fast path of u applies.
    /// </summary>
    private static void Scaled(OrnsteinUhlenbeckMarginals ou, Grid grid, double tau, double[] dest)
    {
        double a = OrnsteinUhlenbeckMarginals.Scale(tau);
        var scaled = new Grid(grid.Axes.Select(axis => new Axis(a * axis.Lower, a * axis.Upper, axis.Cells)).ToArray());
        Of(ou.Data, scaled, OrnsteinUhlenbeckMarginals.HeatTime(tau), dest);
        double factor = Math.Pow(a, grid.Dimension);
        for (int p = 0; p < dest.Length; p++) dest[p] *= factor;
    }

    private static void Separable(DiracMixture data, Grid grid, double t, double[] dest)
    {
        int k = data.Count, nx = grid.Nx, ny = grid.Ny, dim = grid.Dimension;
        var px = new double[k * nx];
        var py = new double[k * ny];
        Parallel.For(0, k, q =>   // K (nx + ny) erfc pairs: for 256 curve nodes the larger part of the cost
        {
            for (int i = 0; i < nx; i++)
                px[q * nx + i] = data.Weights[q] * Gaussian.IntervalProbability(grid.X.Face(i), grid.X.Face(i + 1), data.Point(q, 0), 2 * t);
            for (int j = 0; j < ny; j++)
                py[q * ny + j] = dim == 2
                    ? Gaussian.IntervalProbability(grid.Y.Face(j), grid.Y.Face(j + 1), data.Point(q, 1), 2 * t)
                    : 1;
        });
        double volume = grid.CellVolume;
        // line by line, atom by atom along the contiguous j: the same sum in the same order (q = 0, 1, ...) per cell as
        // cell by cell, so the same bits, without K strided loads per cell
        Parallel.For(0, nx, i =>
        {
            var line = dest.AsSpan(i * ny, ny);
            line.Clear();
            for (int q = 0; q < k; q++)
            {
                double a = px[q * nx + i];
                var column = py.AsSpan(q * ny, ny);
                for (int j = 0; j < ny; j++) line[j] += a * column[j];
            }
            for (int j = 0; j < ny; j++) line[j] /= volume;
        });
    }
}
