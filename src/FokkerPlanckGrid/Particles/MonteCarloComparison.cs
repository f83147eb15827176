using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Particles;

/// <summary>
/// Compares the law of particle end points with a grid density v_h(t_min), in the L1 distance of cell probabilities
/// (what the grid can resolve): D = sum_i |p^_i - p_i| + p^_out, p^_i = n_i / N the histogram, p_i = v_i |cell| the
/// grid's cell masses, p^_out the fraction of particles outside the box (the grid carries none).
/// <para>
/// <b>Error budget.</b> With pi_i the cell probabilities of the particle scheme's own law and v the exact solution,
/// D &lt;= ||p^ - pi||_1 + ||pi - v||_1 + ||v - p||_1 = statistical + particle time stepping + grid discretisation.
/// </para>
/// <para>
/// <b>Statistical part</b> (N independent particles). For each cell N p^_i ~ Binomial(N, pi_i), so by Cauchy–Schwarz
/// E|p^_i - pi_i| &lt;= sqrt(pi_i (1 - pi_i) / N) and E ||p^ - pi||_1 &lt;= mu = sum_i sqrt(pi_i (1 - pi_i) / N) (cells and
/// the outside together). Moving one particle changes ||p^ - pi||_1 by at most 2/N, so McDiarmid's inequality gives
/// P(||p^ - pi||_1 &gt;= mu + r) &lt;= exp(-N r^2 / 2): with probability 1 - delta the statistical part is below
/// mu + sqrt(2 ln(1/delta) / N). pi is unknown; mu is evaluated at the larger of the grid's and the histogram's
/// probabilities cell by cell (q (1 - q) is increasing on [0, 1/2], where all cells but at most one lie), which errs on
/// the side of a larger bound.
/// </para>
/// <para>
/// <b>Grid part</b>: exact when the exact cell masses of v(t_min) are known (terminal = u(T): v = u), else estimated
/// (Richardson for a first-order scheme: ||v_h - P v_2h||_1 with P the piecewise-constant prolongation from a run with
/// cells halved, <see cref="Prolong"/>). <b>Time-stepping part</b>: estimated as ||p^_K - p^_{K/2}||_1, the same particles
/// (same seed: same start points) with half the steps and the same Brownian path (<see cref="ParticleSampler.Run"/>
/// with coarsen = 2) — first order, so the difference is the error of the finer run to leading order. (With an odd K
/// the half-step run has its own noise, and the estimate then carries statistical noise too: it errs on the large side.)
/// </para>
/// </summary>
public static class MonteCarloComparison
{
    /// <summary>The default failure probability delta of the deviation term.</summary>
    public const double DefaultDelta = 1e-3;

    /// <summary>
    /// The comparison and its budget: <paramref name="endPoints"/> ([N, d]) against the grid's cell averages
    /// <paramref name="v"/>; <paramref name="halfStepEndPoints"/> are the same particles run with half the steps; the grid
    /// error is exact from <paramref name="exactCellMasses"/> (cell masses of the exact v(t_min), whose shortfall from 1 is
    /// the exact mass outside the box) or else estimated from <paramref name="coarseProlonged"/> (see <see cref="Prolong"/>).
    /// </summary>
    public static MonteCarloBudget Budget(Grid grid, ReadOnlySpan<double> v, ReadOnlySpan<double> endPoints,
        ReadOnlySpan<double> halfStepEndPoints, double[]? exactCellMasses, double[]? coarseProlonged, double delta = DefaultDelta)
    {
        var p = CellMasses(grid, v);
        var histogram = CellHistogram.Of(grid, endPoints);
        var half = CellHistogram.Of(grid, halfStepEndPoints);
        double gridError;
        double? exactDistance = null;
        if (exactCellMasses is not null)
        {
            double outside = 1;
            gridError = 0;
            for (int i = 0; i < p.Length; i++)
            {
                gridError += Math.Abs(exactCellMasses[i] - p[i]);
                outside -= exactCellMasses[i];
            }
            outside = Math.Max(0, outside);
            gridError += outside;
            exactDistance = Distance(histogram, exactCellMasses) - histogram.OutsideFraction
                + Math.Abs(histogram.OutsideFraction - outside);
        }
        else if (coarseProlonged is not null)
        {
            gridError = 0;
            for (int i = 0; i < p.Length; i++) gridError += Math.Abs(p[i] - coarseProlonged[i]);
        }
        else throw new ArgumentException("need the exact cell masses or a coarse run");
        return new MonteCarloBudget(Distance(histogram, p), gridError, exactCellMasses is not null, Distance(histogram, half),
            ExpectedStatistical(histogram, p), Deviation(histogram.Total, delta), delta, histogram.Total, exactDistance);
    }

    /// <summary>D = sum_i |p^_i - p_i| + p^_out against cell probabilities <paramref name="cellMasses"/> (sum &lt;= 1).</summary>
    public static double Distance(CellHistogram histogram, ReadOnlySpan<double> cellMasses)
    {
        if (cellMasses.Length != histogram.Counts.Length) throw new ArgumentException("cell masses do not match the grid");
        double n = histogram.Total, sum = 0;
        for (int i = 0; i < cellMasses.Length; i++) sum += Math.Abs(histogram.Counts[i] / n - cellMasses[i]);
        return sum + histogram.OutsideFraction;
    }

    /// <summary>||p^_a - p^_b||_1 of two histograms on one grid (outside fractions included).</summary>
    public static double Distance(CellHistogram a, CellHistogram b)
    {
        if (a.Counts.Length != b.Counts.Length) throw new ArgumentException("histograms on different grids");
        double na = a.Total, nb = b.Total, sum = Math.Abs(a.Outside / na - b.Outside / nb);
        for (int i = 0; i < a.Counts.Length; i++) sum += Math.Abs(a.Counts[i] / na - b.Counts[i] / nb);
        return sum;
    }

    /// <summary>mu = sum_i sqrt(q_i (1 - q_i) / N), q_i = max(p^_i, p_i), the outside included (grid: 0 there).</summary>
    public static double ExpectedStatistical(CellHistogram histogram, ReadOnlySpan<double> cellMasses)
    {
        double n = histogram.Total, sum = 0;
        for (int i = 0; i < cellMasses.Length; i++) sum += Spread(Math.Max(histogram.Counts[i] / n, cellMasses[i]), n);
        return sum + Spread(histogram.OutsideFraction, n);
    }

    /// <summary>sqrt(2 ln(1/delta) / N): the McDiarmid deviation exceeded with probability at most delta.</summary>
    public static double Deviation(long count, double delta = DefaultDelta) => Math.Sqrt(2 * Math.Log(1 / delta) / count);

    /// <summary>Cell masses v_i |cell| of cell averages.</summary>
    public static double[] CellMasses(Grid grid, ReadOnlySpan<double> cellAverages)
    {
        var m = new double[cellAverages.Length];
        for (int i = 0; i < m.Length; i++) m[i] = cellAverages[i] * grid.CellVolume;
        return m;
    }

    /// <summary>
    /// Cell masses of a grid with half the cells per axis spread evenly over the 2^d fine cells each coarse cell holds
    /// (piecewise-constant prolongation; mass preserving). The fine grid's cell counts must be the coarse ones doubled.
    /// </summary>
    public static double[] Prolong(Grid coarse, ReadOnlySpan<double> coarseMasses, Grid fine)
    {
        if (fine.Dimension != coarse.Dimension || fine.Nx != 2 * coarse.Nx || (fine.Dimension == 2 && fine.Ny != 2 * coarse.Ny))
            throw new ArgumentException("the fine grid must have twice the coarse grid's cells per axis");
        int d = fine.Dimension, fy = fine.Ny, cy = coarse.Ny;
        double share = d == 2 ? 0.25 : 0.5;
        var m = new double[fine.CellCount];
        for (int i = 0; i < fine.Nx; i++)
            for (int j = 0; j < fy; j++)
                m[i * fy + j] = share * coarseMasses[(i / 2) * cy + (d == 2 ? j / 2 : 0)];
        return m;
    }

    private static double Spread(double q, double n) => Math.Sqrt(q * (1 - q) / n);
}
