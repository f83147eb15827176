namespace FokkerPlanckGrid.Particles;

/// <summary>
/// The convex hull K of a finite point set in 1D (an interval) or 2D (a convex polygon, Andrew's monotone chain), and
/// the Euclidean distance d(x, K). In 2D, x is inside when it is on the inner side of every edge (distance 0);
/// otherwise d(x, K) = min over the edges of the distance to the edge segment (for a point outside a convex polygon the
/// nearest point of K lies on its boundary). Degenerate hulls — one point, or collinear points (a segment) — are handled
/// as such. Coordinates are used as given: no tolerance, so points within rounding of an edge count as on it or off it
/// as the arithmetic says.
/// </summary>
public sealed class ConvexHull
{
    private readonly double[] _vx, _vy;   // 2D: hull vertices counter-clockwise; 1D: _vx = [lower, upper]

    /// <param name="points">the points, each of length d (1 or 2); at least one</param>
    public ConvexHull(IReadOnlyList<double[]> points)
    {
        if (points.Count == 0) throw new ArgumentException("a hull needs at least one point");
        Dimension = points[0].Length;
        if (Dimension is < 1 or > 2 || points.Any(p => p.Length != Dimension))
            throw new ArgumentException("points must all have 1 or all have 2 coordinates");
        if (points.Any(p => p.Any(c => !double.IsFinite(c)))) throw new ArgumentException("points must be finite");
        if (Dimension == 1)
        {
            _vx = [points.Min(p => p[0]), points.Max(p => p[0])];
            _vy = [];
            return;
        }
        var sorted = points.Select(p => (X: p[0], Y: p[1])).Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToArray();
        var hull = new List<(double X, double Y)>();
        if (sorted.Length <= 2) hull.AddRange(sorted);
        else
        {
            for (int pass = 0; pass < 2; pass++)   // lower chain, then upper chain
            {
                int start = hull.Count;
                foreach (var p in pass == 0 ? sorted : sorted.Reverse())
                {
                    while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                    hull.Add(p);
                }
                hull.RemoveAt(hull.Count - 1);   // the chain's last point starts the other chain
            }
            if (hull.Count == 1) hull.Add(sorted[^1]);   // all collinear with repeated extremes: keep the segment
        }
        _vx = hull.Select(p => p.X).ToArray();
        _vy = hull.Select(p => p.Y).ToArray();
    }

    public int Dimension { get; }

    /// <summary>Number of hull vertices (1D: 2, the interval's ends).</summary>
    public int VertexCount => _vx.Length;

    /// <summary>Vertex i (counter-clockwise in 2D).</summary>
    public double[] Vertex(int i) => Dimension == 1 ? [_vx[i]] : [_vx[i], _vy[i]];

    /// <summary>Largest |coordinate| of the hull: the scale of its rounding errors.</summary>
    public double Scale => Math.Max(_vx.Max(Math.Abs), _vy.Length > 0 ? _vy.Max(Math.Abs) : 0);

    /// <summary>d(x, K) for a point of this dimension.</summary>
    public double Distance(ReadOnlySpan<double> x) => Dimension == 1 ? Distance1D(x[0]) : Distance2D(x[0], x[1]);

    /// <summary>d(x, K) in 1D.</summary>
    public double Distance1D(double x) => x < _vx[0] ? _vx[0] - x : x > _vx[1] ? x - _vx[1] : 0;

    /// <summary>d((x, y), K) in 2D.</summary>
    public double Distance2D(double x, double y)
    {
        int n = _vx.Length;
        if (n == 1) return Math.Sqrt((x - _vx[0]) * (x - _vx[0]) + (y - _vy[0]) * (y - _vy[0]));
        if (n == 2) return SegmentDistance(x, y, 0, 1);
        bool inside = true;
        for (int i = 0; i < n && inside; i++)
        {
            int j = i + 1 == n ? 0 : i + 1;
            if ((_vx[j] - _vx[i]) * (y - _vy[i]) - (_vy[j] - _vy[i]) * (x - _vx[i]) < 0) inside = false;
        }
        if (inside) return 0;
        double best = double.PositiveInfinity;
        for (int i = 0; i < n; i++) best = Math.Min(best, SegmentDistance(x, y, i, i + 1 == n ? 0 : i + 1));
        return best;
    }

    private double SegmentDistance(double x, double y, int i, int j)
    {
        double ex = _vx[j] - _vx[i], ey = _vy[j] - _vy[i], px = x - _vx[i], py = y - _vy[i];
        double len2 = ex * ex + ey * ey;
        double s = len2 > 0 ? Math.Clamp((px * ex + py * ey) / len2, 0, 1) : 0;
        double dx = px - s * ex, dy = py - s * ey;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) =>
        (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
}
