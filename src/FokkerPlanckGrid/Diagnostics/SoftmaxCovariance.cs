using System.Numerics;
using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// The covariance Cov_t(x) of a Dirac mixture's softmax weights at every cell centre of a grid, as the analytic Li-Yau
/// margin and the Hessian bounds (5.4) need it (MATH.md section 1):
/// <code>
///   div s = -d/(2t) + tr Cov_t(x) / (4t^2),     Hess log u = -I/(2t) + Cov_t(x) / (4t^2),
///   Cov_t(x) = E[(Y - x)(Y - x)^T] - E[Y - x] E[Y - x]^T,   Y ~ p_k(x) = w_k exp(-|x - y_k|^2/4t) / sum_j (...).
/// </code>
/// Direct evaluation costs K exponentials per cell (K = 256 curve nodes: 80 s of `fpgrid verify` on the lemniscate).
/// In 2D the weights factorise, p_k ~ E_k(x_i) F_k(y_j) (<see cref="SeparableSoftmax"/>, as in the face kernel of
/// <see cref="Scores.DiracMixtureScore"/>), and y_k - x = (y_k,x - x_i, y_k,y - y_j) splits the same way, so with the
/// per-line tables E, E r_x, E r_x^2 (along x) and F, F r_y, F r_y^2 (along y), K (nx + ny) exponentials per level,
/// the six moments of a cell are K multiply-adds each:
/// <code>
///   z = sum_k E_k F_k,  S_x = sum_k (E r_x)_k F_k,  S_y = sum_k E_k (F r_y)_k,
///   Q_xx = sum_k (E r_x^2)_k F_k,  Q_yy = sum_k E_k (F r_y^2)_k,  Q_xy = sum_k (E r_x)_k (F r_y)_k,
/// </code>
/// vectorised across the contiguous y index and parallel over x lines. From them Cov and div s follow exactly as in
/// <see cref="DiracMixture.Covariance"/> and <see cref="DiracMixture.DivScore"/> (moments about x, the same clamps), so
/// the results equal the direct formulas to rounding; cells where z underflows (below 1e-290) are evaluated by the
/// direct formulas themselves. In 1D a cell is one grid point: the direct formulas are used throughout.
/// </summary>
public sealed class SoftmaxCovariance
{
    private const double Underflow = 1e-290;
    private readonly DiracMixture _data;
    private readonly Grid _grid;
    // k-major tables at cell centres: [k * nx + i] along x (with the weights), [k * ny + j] along y
    private readonly double[] _e = [], _er = [], _err = [], _f = [], _fr = [], _frr = [];

    /// <param name="data">the mixture (for a curve measure: its quadrature nodes)</param>
    /// <param name="grid">the grid, of the mixture's dimension</param>
    public SoftmaxCovariance(DiracMixture data, Grid grid)
    {
        if (data.Dimension != grid.Dimension) throw new ArgumentException("the mixture and the grid differ in dimension");
        _data = data;
        _grid = grid;
        if (grid.Dimension == 2)
        {
            int k = data.Count;
            (_e, _er, _err) = (new double[k * grid.Nx], new double[k * grid.Nx], new double[k * grid.Nx]);
            (_f, _fr, _frr) = (new double[k * grid.Ny], new double[k * grid.Ny], new double[k * grid.Ny]);
        }
    }

    /// <summary>The mixture.</summary>
    public DiracMixture Data => _data;

    /// <summary>
    /// Writes div s(x_c, t) of the mixture's exact score at every cell centre c to <paramref name="divergence"/> and
    /// returns the smallest lambda_min(Cov_t) and the largest lambda_max(Cov_t) over the centres.
    /// </summary>
    public (double MinEigen, double MaxEigen) Evaluate(double t, double[] divergence)
    {
        if (divergence.Length != _grid.CellCount) throw new ArgumentException("destination does not match the grid");
        int nx = _grid.Nx, ny = _grid.Ny;
        var lows = new double[nx];
        var highs = new double[nx];
        if (_grid.Dimension == 2)
            Parallel.Invoke(
                () => SeparableSoftmax.Tabulate(_data, _grid.X, faces: false, 0, t, withWeights: true, nx, nx, _e, _er, _err),
                () => SeparableSoftmax.Tabulate(_data, _grid.Y, faces: false, 1, t, withWeights: false, ny, ny, _f, _fr, _frr));
        Parallel.For(0, nx, i =>
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            if (_grid.Dimension == 2) Line(i, t, divergence.AsSpan(i * ny, ny), ref lo, ref hi);
            else Direct(i, t, divergence, ref lo, ref hi);
            lows[i] = lo;
            highs[i] = hi;
        });
        return (lows.Min(), highs.Max());
    }

    /// <summary>The cells (i, 0..ny-1) from the tables; the rare underflowing ones by the direct formulas.</summary>
    private void Line(int i, double t, Span<double> divergence, ref double lo, ref double hi)
    {
        int count = _data.Count, nx = _grid.Nx, ny = _grid.Ny, vc = Vector<double>.Count;
        Span<double> sums = stackalloc double[6 * vc];
        int j = 0;
        for (; j < ny; j += vc)
        {
            int width = Math.Min(vc, ny - j);
            if (width == vc)
            {
                Vector<double> z = default, sx = default, sy = default, qxx = default, qyy = default, qxy = default;
                for (int k = 0; k < count; k++)
                {
                    var e = new Vector<double>(_e[k * nx + i]);
                    var er = new Vector<double>(_er[k * nx + i]);
                    var err = new Vector<double>(_err[k * nx + i]);
                    var f = new Vector<double>(_f, k * ny + j);
                    var fr = new Vector<double>(_fr, k * ny + j);
                    var frr = new Vector<double>(_frr, k * ny + j);
                    z += e * f;
                    sx += er * f;
                    sy += e * fr;
                    qxx += err * f;
                    qyy += e * frr;
                    qxy += er * fr;
                }
                z.CopyTo(sums); sx.CopyTo(sums[vc..]); sy.CopyTo(sums[(2 * vc)..]);
                qxx.CopyTo(sums[(3 * vc)..]); qyy.CopyTo(sums[(4 * vc)..]); qxy.CopyTo(sums[(5 * vc)..]);
            }
            else
                for (int l = 0; l < width; l++)
                {
                    double z = 0, sx = 0, sy = 0, qxx = 0, qyy = 0, qxy = 0;
                    for (int k = 0; k < count; k++)
                    {
                        double e = _e[k * nx + i], er = _er[k * nx + i], f = _f[k * ny + j + l], fr = _fr[k * ny + j + l];
                        z += e * f; sx += er * f; sy += e * fr;
                        qxx += _err[k * nx + i] * f; qyy += e * _frr[k * ny + j + l]; qxy += er * fr;
                    }
                    sums[l] = z; sums[vc + l] = sx; sums[2 * vc + l] = sy;
                    sums[3 * vc + l] = qxx; sums[4 * vc + l] = qyy; sums[5 * vc + l] = qxy;
                }
            for (int l = 0; l < width; l++)
            {
                double z = sums[l];
                if (!(z >= Underflow))
                {
                    Direct(i * ny + j + l, t, divergence, ref lo, ref hi, offset: i * ny);
                    continue;
                }
                // as DiracMixture.ScoreAndDivergence and DiracMixture.Covariance: moments about x, clamped at 0
                double m0 = sums[vc + l] / z, m1 = sums[2 * vc + l] / z;
                double q0 = sums[3 * vc + l], q1 = sums[4 * vc + l];
                double trCov = Math.Max(0, q0 / z - m0 * m0 + (q1 / z - m1 * m1));
                divergence[j + l] = -2 / (2 * t) + trCov / (4 * t * t);
                double c00 = Math.Max(0, q0 / z - m0 * m0), c11 = Math.Max(0, q1 / z - m1 * m1);
                double c01 = sums[5 * vc + l] / z - m0 * m1;
                var (a, b) = Eigen(c00, c01, c11);
                lo = Math.Min(lo, a);
                hi = Math.Max(hi, b);
            }
        }
    }

    /// <summary>Cell <paramref name="cell"/> by the direct formulas of <see cref="DiracMixture"/>; written at cell - offset.</summary>
    private void Direct(int cell, double t, Span<double> divergence, ref double lo, ref double hi, int offset = 0)
    {
        int d = _grid.Dimension;
        Span<double> x = stackalloc double[2];
        Span<double> cov = stackalloc double[4];
        _grid.CenterOf(cell, x);
        divergence[cell - offset] = _data.DivScore(x[..d], t);
        _data.Covariance(x[..d], t, cov[..(d * d)]);
        var (a, b) = d == 1 ? (cov[0], cov[0]) : Eigen(cov[0], cov[1], cov[3]);
        lo = Math.Min(lo, a);
        hi = Math.Max(hi, b);
    }

    /// <summary>Eigenvalues of the symmetric 2x2 matrix [[c00, c01], [c01, c11]] (as HessianBounds always did).</summary>
    private static (double Low, double High) Eigen(double c00, double c01, double c11)
    {
        double mean = 0.5 * (c00 + c11);
        double r = Math.Sqrt(0.25 * (c00 - c11) * (c00 - c11) + c01 * c01);
        return (mean - r, mean + r);
    }
}
