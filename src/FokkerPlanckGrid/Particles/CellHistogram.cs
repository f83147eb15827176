using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Counts of points per grid cell (cell index i * ny + j, as the solver's fields) and outside the box. Cells are
/// half-open [x_{i-1/2}, x_{i+1/2}) except the last of each axis, which includes the upper wall.
/// </summary>
public sealed class CellHistogram
{
    private CellHistogram(Grid grid, long[] counts, long outside, long total)
    {
        Grid = grid;
        Counts = counts;
        Outside = outside;
        Total = total;
    }

    public Grid Grid { get; }

    /// <summary>Points per cell.</summary>
    public long[] Counts { get; }

    /// <summary>Points outside the box (or not finite).</summary>
    public long Outside { get; }

    /// <summary>All points binned.</summary>
    public long Total { get; }

    /// <summary>Bins <paramref name="points"/> ([N, d] C order, d the grid's dimension).</summary>
    public static CellHistogram Of(Grid grid, ReadOnlySpan<double> points)
    {
        int d = grid.Dimension, ny = grid.Ny;
        if (points.Length % d != 0) throw new ArgumentException("points are not [N, d]");
        var counts = new long[grid.CellCount];
        long outside = 0, n = points.Length / d;
        for (long p = 0; p < n; p++)
        {
            int i = Index(grid.X, points[(int)(p * d)]);
            int j = d == 2 ? Index(grid.Y, points[(int)(p * d + 1)]) : 0;
            if (i < 0 || j < 0) outside++;
            else counts[i * ny + j]++;
        }
        return new CellHistogram(grid, counts, outside, n);
    }

    /// <summary>Cell probabilities n_i / N (the histogram's mass per cell).</summary>
    public double[] Probabilities()
    {
        var p = new double[Counts.Length];
        for (int i = 0; i < p.Length; i++) p[i] = (double)Counts[i] / Total;
        return p;
    }

    /// <summary>The fraction of points outside the box.</summary>
    public double OutsideFraction => (double)Outside / Total;

    private static int Index(Axis axis, double x)
    {
        if (!(x >= axis.Lower) || !(x <= axis.Upper)) return -1;   // NaN falls here too
        return Math.Min((int)((x - axis.Lower) / axis.H), axis.Cells - 1);
    }
}
