using FokkerPlanckGrid.Grids;
using MathNet.Numerics.Integration;

namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// The cell averages of u(., t) (<see cref="CellAverages"/>) together with their logarithms, the logarithms finite
/// where the averages underflow. u(t) &gt; 0 everywhere for t &gt; 0, so KL(v || u) of cell averages is finite; but far
/// from the data at small t the average itself falls below the double range (P2a at t = 0.01: exp(-990) in the
/// corners), and log 0 = -inf turned that KL into +inf and its monotonicity check into inf - inf = NaN.
/// <para>
/// Where an average is at least <see cref="Tiny"/> its logarithm is Math.Log of it (relative accuracy is full there).
/// Below, it is recomputed in log space:
/// <list type="bullet">
/// <item>Dirac mixtures (also curve quadratures and samples) and Gaussian mixtures with diagonal covariances: the cell
///   mass is sum_k w_k prod_d P_kd(cell), P_kd the mass of the cell's interval under N(mu_kd, var_kd) (var = 2t, or
///   Sigma_k,dd + 2t). Per axis the table log w_k + log P_kd is made once (log P by
///   <see cref="TruncatedNormal.LogProbability"/> where the erfc form falls below <see cref="Tiny"/>), and a cell is the
///   log-sum-exp over k of the sum of its row and column entries: exact to rounding, at any t.</item>
/// <item>A uniform box: u factorises over the axes, log u-bar = sum_d log of the coordinate averages, each exact in log
///   space (<see cref="UniformBox.LogCoordinateAverage"/>).</item>
/// <item>The Ornstein-Uhlenbeck laws: w-bar = a^d u-bar on the grid scaled by a = e^tau (as in CellAverages), so
///   log w-bar = d tau + log u-bar there.</item>
/// <item>Anything else (Gaussian mixtures with correlated covariances): tensor Gauss-Legendre quadrature of the cell
///   average in log space, log-sum-exp over the nodes of log(weight) + <see cref="IDataDistribution.LogDensity"/>, with
///   8-node panels per axis, as many as |s_d| h_d / 2 at the centre (at most 16): a panel then spans a change of log u
///   by about 2, where the rule is exact to rounding for the exponential of a linear function and the curvature
///   (|Hess log u| &lt;= 1/(2t) + ..., over a panel of width 4/|s|) is small. Quadrature, not a closed form.</item>
/// </list>
/// </para>
/// </summary>
public static class LogCellAverages
{
    /// <summary>Cell averages below this are recomputed in log space (double keeps full relative accuracy above it).</summary>
    public const double Tiny = 1e-290;

    private const int PanelNodes = 8, MaxPanels = 16;
    private static readonly double[] GlNodes, GlLogWeights;

    static LogCellAverages()
    {
        var rule = new GaussLegendreRule(-1, 1, PanelNodes);
        GlNodes = rule.Abscissas.ToArray();
        GlLogWeights = rule.Weights.Select(w => Math.Log(w / 2)).ToArray();   // weights of an average over [-1, 1]
    }

    /// <summary>Writes the cell averages of u(., t) to <paramref name="averages"/> and their logarithms to <paramref name="logs"/>.</summary>
    public static void Of(IDataDistribution data, Grid grid, double t, double[] averages, double[] logs)
    {
        if (averages.Length != grid.CellCount || logs.Length != grid.CellCount)
            throw new ArgumentException("destination does not match the grid");
        if (data is OrnsteinUhlenbeckMarginals ou)
        {
            double a = OrnsteinUhlenbeckMarginals.Scale(t);
            var scaled = new Grid(grid.Axes.Select(axis => new Axis(a * axis.Lower, a * axis.Upper, axis.Cells)).ToArray());
            Of(ou.Data, scaled, OrnsteinUhlenbeckMarginals.HeatTime(t), averages, logs);
            double factor = Math.Pow(a, grid.Dimension), shift = grid.Dimension * t;
            for (int c = 0; c < averages.Length; c++)
            {
                averages[c] *= factor;
                logs[c] += shift;
            }
            return;
        }
        CellAverages.Of(data, grid, t, averages);
        Logs(data, grid, t, averages, logs, Tiny);
    }

    /// <summary>
    /// log of the cell averages: Math.Log where the average is at least <paramref name="threshold"/>, else in log space
    /// (the tests pass +inf to compare the log-space paths with Math.Log everywhere).
    /// </summary>
    internal static void Logs(IDataDistribution data, Grid grid, double t, double[] averages, double[] logs, double threshold)
    {
        bool any = false;
        for (int c = 0; c < averages.Length; c++)
        {
            any |= !(averages[c] >= threshold);
            logs[c] = Math.Log(averages[c]);
        }
        if (!any) return;
        switch (data)
        {
            case DiracMixture dirac: Separable(SeparableGaussians.Of(dirac, t), grid, averages, logs, threshold); break;
            case CurveMeasure curve: Separable(SeparableGaussians.Of(curve.Nodes, t), grid, averages, logs, threshold); break;
            case GaussianMixture g when SeparableGaussians.Of(g, t) is { } components:
                Separable(components, grid, averages, logs, threshold); break;
            case UniformBox box: Box(box, grid, t, averages, logs, threshold); break;
            default: Quadrature(data, grid, t, averages, logs, threshold); break;
        }
    }

    /// <summary>sum_k w_k prod_d N(mean_kd, variance_kd), the cell mass of a Dirac mixture or a diagonal Gaussian mixture.</summary>
    private sealed record SeparableGaussians(int Count, int Dimension, double[] LogWeights, double[] Means, double[] Variances)
    {
        public static SeparableGaussians Of(DiracMixture data, double t)
        {
            int k = data.Count, d = data.Dimension;
            var means = new double[k * d];
            for (int q = 0; q < k; q++)
                for (int a = 0; a < d; a++) means[q * d + a] = data.Point(q, a);
            return new(k, d, data.Weights.Select(w => Math.Log(w)).ToArray(), means, Enumerable.Repeat(2 * t, k * d).ToArray());
        }

        /// <summary>null when some covariance is not diagonal.</summary>
        public static SeparableGaussians? Of(GaussianMixture data, double t)
        {
            int k = data.Count, d = data.Dimension;
            var means = new double[k * d];
            var variances = new double[k * d];
            for (int q = 0; q < k; q++)
            {
                if (d == 2 && data.Covariance(q, 0, 1) != 0) return null;
                for (int a = 0; a < d; a++)
                {
                    means[q * d + a] = data.Mean(q, a);
                    variances[q * d + a] = data.Covariance(q, a, a) + 2 * t;
                }
            }
            return new(k, d, data.Weights.Select(w => Math.Log(w)).ToArray(), means, variances);
        }
    }

    private static void Separable(SeparableGaussians g, Grid grid, double[] averages, double[] logs, double threshold)
    {
        int k = g.Count, d = g.Dimension, nx = grid.Nx, ny = grid.Ny;
        // per axis, k-major: log P_kd(interval i) (+ log w_k on the x axis)
        var tables = new double[d][];
        for (int a = 0; a < d; a++)
        {
            var axis = grid.Axes[a];
            var table = tables[a] = new double[k * axis.Cells];
            Parallel.For(0, k, q =>
            {
                double mean = g.Means[q * d + a], variance = g.Variances[q * d + a], sigma = Math.Sqrt(variance);
                for (int i = 0; i < axis.Cells; i++)
                {
                    double lo = axis.Face(i), hi = axis.Face(i + 1);
                    double p = Gaussian.IntervalProbability(lo, hi, mean, variance);
                    table[q * axis.Cells + i] = (a == 0 ? g.LogWeights[q] : 0) +
                        (p >= Tiny ? Math.Log(p) : TruncatedNormal.LogProbability((lo - mean) / sigma, (hi - mean) / sigma));
                }
            });
        }
        double logVolume = Math.Log(grid.CellVolume);
        Parallel.For(0, nx, i =>
        {
            Span<double> terms = k <= 512 ? stackalloc double[k] : new double[k];
            for (int j = 0; j < ny; j++)
            {
                int c = i * ny + j;
                if (averages[c] >= threshold) continue;
                double max = double.NegativeInfinity;
                for (int q = 0; q < k; q++)
                {
                    double e = tables[0][q * nx + i] + (d == 2 ? tables[1][q * ny + j] : 0);
                    terms[q] = e;
                    max = Math.Max(max, e);
                }
                double sum = 0;
                for (int q = 0; q < k; q++)
                    if (terms[q] - max > -746) sum += Math.Exp(terms[q] - max);   // below, exp is 0 in double
                logs[c] = max + Math.Log(sum) - logVolume;
            }
        });
    }

    private static void Box(UniformBox box, Grid grid, double t, double[] averages, double[] logs, double threshold)
    {
        int d = grid.Dimension, nx = grid.Nx, ny = grid.Ny;
        var tables = new double[d][];
        for (int a = 0; a < d; a++)
        {
            var axis = grid.Axes[a];
            tables[a] = new double[axis.Cells];
            for (int i = 0; i < axis.Cells; i++) tables[a][i] = box.LogCoordinateAverage(a, axis.Face(i), axis.Face(i + 1), t);
        }
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
            {
                int c = i * ny + j;
                if (!(averages[c] >= threshold)) logs[c] = tables[0][i] + (d == 2 ? tables[1][j] : 0);
            }
    }

    private static void Quadrature(IDataDistribution data, Grid grid, double t, double[] averages, double[] logs, double threshold)
    {
        int d = grid.Dimension, ny = grid.Ny;
        Parallel.For(0, grid.Nx, i =>
        {
            Span<double> x = stackalloc double[2];
            Span<double> s = stackalloc double[2];
            Span<int> panels = stackalloc int[2];
            Span<double> lo = stackalloc double[2];
            Span<double> width = stackalloc double[2];
            for (int j = 0; j < ny; j++)
            {
                int c = i * ny + j;
                if (averages[c] >= threshold) continue;
                grid.CenterOf(c, x);
                data.Score(x[..d], t, s[..d]);
                panels[1] = 1;
                for (int a = 0; a < d; a++)
                {
                    var axis = grid.Axes[a];
                    lo[a] = axis.Face(a == 0 ? i : j);
                    panels[a] = (int)Math.Clamp(Math.Ceiling(Math.Abs(s[a]) * axis.H / 2), 1, MaxPanels);
                    width[a] = axis.H / panels[a];
                }
                // log-sum-exp over the nodes in one pass: sum is relative to the largest exponent so far
                double max = double.NegativeInfinity, sum = 0;
                int nodesX = panels[0] * PanelNodes, nodesY = d == 2 ? panels[1] * PanelNodes : 1;
                for (int a = 0; a < nodesX; a++)
                {
                    x[0] = lo[0] + width[0] * (a / PanelNodes + 0.5 * (1 + GlNodes[a % PanelNodes]));
                    double wx = GlLogWeights[a % PanelNodes] - Math.Log(panels[0]);
                    for (int b = 0; b < nodesY; b++)
                    {
                        double e = wx;
                        if (d == 2)
                        {
                            x[1] = lo[1] + width[1] * (b / PanelNodes + 0.5 * (1 + GlNodes[b % PanelNodes]));
                            e += GlLogWeights[b % PanelNodes] - Math.Log(panels[1]);
                        }
                        e += data.LogDensity(x[..d], t);
                        if (e > max)
                        {
                            sum = sum * Math.Exp(max - e) + 1;
                            max = e;
                        }
                        else sum += Math.Exp(e - max);
                    }
                }
                logs[c] = max + Math.Log(sum);
            }
        });
    }
}
