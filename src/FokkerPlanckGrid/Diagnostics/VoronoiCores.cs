using FokkerPlanckGrid.Distributions;
using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Diagnostics;

/// <summary>
/// The gamma-Voronoi cores of a Dirac mixture (the paper's Figure 4): with the softmax weights of (3.7)
/// <code>
///   p_k(x,t) = w_k exp(-|x - y_k|^2/4t) / sum_j w_j exp(-|x - y_j|^2/4t),     C_k(t) = { x : p_k(x,t) &gt; gamma },
/// </code>
/// gamma in [1/2, 1) (so the cores are disjoint), C_k is where the mean shift m(x,t) is within (1 - gamma) of y_k's pull.
/// <para>
/// Why the cores grow to the Voronoi cells at first order in t. With Delta_j(x) = |x - y_j|^2 - |x - y_k|^2, affine in x,
/// p_k &gt; gamma  iff  S = sum_{j != k} (w_j/w_k) exp(-Delta_j/4t) &lt; (1 - gamma)/gamma. If every term is below
/// (1 - gamma)/(gamma (K-1)) the sum is below the bound, and if the sum is below it so is every term; hence the exact
/// sandwich, with margin cores M_k(a) = { x : Delta_j(x) &gt; a_j for all j != k },
/// <code>
///   M_k(a_inner) ⊂ C_k(t) ⊂ M_k(a_outer),   a_inner,j = 4t log((K-1) gamma w_j / ((1-gamma) w_k)),
///                                          a_outer,j = 4t log(gamma w_j / ((1-gamma) w_k)).
/// </code>
/// M_k(0) is the Voronoi cell V_k, and M_k(a) is V_k less a strip of width |a_j| / (2 |y_j - y_k|) along each edge
/// (Delta_j grows at rate 2 |y_j - y_k| across the bisector). Both margins are O(t), so the area of a box outside the
/// cores is O(t) as t -&gt; 0: observed order 1 in t.
/// </para>
/// </summary>
public static class VoronoiCores
{
    /// <summary>The softmax weights p_k(x, t) (log-sum-exp), written to <paramref name="p"/> (length K).</summary>
    public static void Responsibilities(DiracMixture data, ReadOnlySpan<double> x, double t, Span<double> p)
    {
        double inv4t = 1 / (4 * t), max = double.NegativeInfinity;
        for (int k = 0; k < data.Count; k++)
        {
            p[k] = Math.Log(data.Weights[k]) - data.SquaredDistance(k, x) * inv4t;
            max = Math.Max(max, p[k]);
        }
        double z = 0;
        for (int k = 0; k < data.Count; k++) z += p[k] = Math.Exp(p[k] - max);
        for (int k = 0; k < data.Count; k++) p[k] /= z;
    }

    /// <summary>The k with p_k(x, t) &gt; gamma, or -1 (x in no core).</summary>
    public static int CoreOf(DiracMixture data, ReadOnlySpan<double> x, double t, double gamma, Span<double> scratch)
    {
        Responsibilities(data, x, t, scratch);
        for (int k = 0; k < data.Count; k++)
            if (scratch[k] > gamma) return k;
        return -1;
    }

    /// <summary>The index of the nearest atom (the Voronoi cell holding x; ties to the lower index).</summary>
    public static int NearestAtom(DiracMixture data, ReadOnlySpan<double> x)
    {
        int best = 0;
        double d = double.PositiveInfinity;
        for (int k = 0; k < data.Count; k++)
        {
            double r = data.SquaredDistance(k, x);
            if (r < d) { d = r; best = k; }
        }
        return best;
    }

    /// <summary>
    /// Whether x lies in the margin core M_k(a): Delta_j(x) &gt; a_j for every j != k, with
    /// a_j = 4t log(c w_j / ((1 - gamma) w_k)), c = (K - 1) gamma (<paramref name="inner"/>) or gamma (outer).
    /// </summary>
    public static bool InMarginCore(DiracMixture data, int k, ReadOnlySpan<double> x, double t, double gamma, bool inner)
    {
        double c = inner ? (data.Count - 1) * gamma : gamma;
        double rk = data.SquaredDistance(k, x);
        for (int j = 0; j < data.Count; j++)
        {
            if (j == k) continue;
            double a = 4 * t * Math.Log(c * data.Weights[j] / ((1 - gamma) * data.Weights[k]));
            if (!(data.SquaredDistance(j, x) - rk > a)) return false;
        }
        return true;
    }

    /// <summary>The core index (or -1) at every cell centre of <paramref name="grid"/> (2D), in parallel over x-lines.</summary>
    public static int[] CoreIndices(DiracMixture data, Grid grid, double t, double gamma)
    {
        var index = new int[grid.CellCount];
        Parallel.For(0, grid.Nx, i =>
        {
            Span<double> x = stackalloc double[2];
            Span<double> p = stackalloc double[data.Count];
            for (int j = 0; j < grid.Ny; j++)
            {
                grid.CenterOf(i * grid.Ny + j, x);
                index[i * grid.Ny + j] = CoreOf(data, x[..grid.Dimension], t, gamma, p);
            }
        });
        return index;
    }

    /// <summary>
    /// Shares of the cell centres of <paramref name="grid"/> in each core, in none, outside the inner and outer margin
    /// cores, and the number of centres breaking the sandwich M_k(inner) ⊂ C_k ⊂ M_k(outer) (0 by the argument above).
    /// </summary>
    public static Census CensusOf(DiracMixture data, Grid grid, double t, double gamma)
    {
        int count = data.Count;
        var perLine = new (double[] Core, int None, int OutsideInner, int OutsideOuter, int Violations)[grid.Nx];
        Parallel.For(0, grid.Nx, i =>
        {
            Span<double> x = stackalloc double[2];
            Span<double> p = stackalloc double[count];
            var core = new double[count];
            int none = 0, outsideInner = 0, outsideOuter = 0, violations = 0;
            for (int j = 0; j < grid.Ny; j++)
            {
                grid.CenterOf(i * grid.Ny + j, x);
                var xs = x[..grid.Dimension];
                int k = CoreOf(data, xs, t, gamma, p);
                if (k >= 0) core[k]++;
                else none++;
                bool anyInner = false, anyOuter = false;
                for (int q = 0; q < count; q++)
                {
                    bool inInner = InMarginCore(data, q, xs, t, gamma, inner: true);
                    bool inOuter = InMarginCore(data, q, xs, t, gamma, inner: false);
                    anyInner |= inInner;
                    anyOuter |= inOuter;
                    if ((inInner && k != q) || (k == q && !inOuter)) violations++;
                }
                if (!anyInner) outsideInner++;
                if (!anyOuter) outsideOuter++;
            }
            perLine[i] = (core, none, outsideInner, outsideOuter, violations);
        });
        double n = grid.CellCount;
        var shares = new double[count];
        foreach (var line in perLine)
            for (int k = 0; k < count; k++) shares[k] += line.Core[k] / n;
        return new Census(shares, perLine.Sum(l => l.None) / n, perLine.Sum(l => l.OutsideInner) / n,
            perLine.Sum(l => l.OutsideOuter) / n, perLine.Sum(l => l.Violations));
    }

    /// <summary>What <see cref="CensusOf"/> counts.</summary>
    /// <param name="CoreShares">share of the sampled area in each core C_k</param>
    /// <param name="Uncovered">share in no core (1 - sum of <paramref name="CoreShares"/>)</param>
    /// <param name="OutsideInner">share in no inner margin core (&gt;= <paramref name="Uncovered"/>)</param>
    /// <param name="OutsideOuter">share in no outer margin core (&lt;= <paramref name="Uncovered"/>)</param>
    /// <param name="Violations">sample points that break the sandwich (must be 0)</param>
    public sealed record Census(double[] CoreShares, double Uncovered, double OutsideInner, double OutsideOuter, int Violations);

    /// <summary>
    /// The Voronoi cell V_k of atom k (2D) clipped to the box [x0, x1] x [y0, y1], as a convex polygon (vertices
    /// counter-clockwise): the box clipped by the half-planes |x - y_k| &lt;= |x - y_j| (Sutherland-Hodgman).
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> VoronoiCell(DiracMixture data, int k, double x0, double x1, double y0, double y1)
    {
        if (data.Dimension != 2) throw new ArgumentException("Voronoi cells are drawn in 2D");
        var poly = new List<(double X, double Y)> { (x0, y0), (x1, y0), (x1, y1), (x0, y1) };
        double kx = data.Point(k, 0), ky = data.Point(k, 1);
        for (int j = 0; j < data.Count && poly.Count > 0; j++)
        {
            if (j == k) continue;
            double jx = data.Point(j, 0), jy = data.Point(j, 1);
            // keep 2 (y_j - y_k) . x <= |y_j|^2 - |y_k|^2
            double ax = 2 * (jx - kx), ay = 2 * (jy - ky), b = jx * jx + jy * jy - kx * kx - ky * ky;
            double F((double X, double Y) q) => ax * q.X + ay * q.Y - b;
            var next = new List<(double X, double Y)>();
            for (int n = 0; n < poly.Count; n++)
            {
                var a = poly[n];
                var c = poly[(n + 1) % poly.Count];
                double fa = F(a), fc = F(c);
                if (fa <= 0) next.Add(a);
                if ((fa < 0 && fc > 0) || (fa > 0 && fc < 0))
                {
                    double s = fa / (fa - fc);
                    next.Add((a.X + s * (c.X - a.X), a.Y + s * (c.Y - a.Y)));
                }
            }
            poly = next;
        }
        return poly;
    }

    /// <summary>The area of a simple polygon (shoelace formula; positive for counter-clockwise vertices).</summary>
    public static double PolygonArea(IReadOnlyList<(double X, double Y)> polygon)
    {
        double twice = 0;
        for (int n = 0; n < polygon.Count; n++)
        {
            var a = polygon[n];
            var b = polygon[(n + 1) % polygon.Count];
            twice += a.X * b.Y - b.X * a.Y;
        }
        return 0.5 * twice;
    }

}
