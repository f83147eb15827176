using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Distributions;

namespace FokkerPlanckGrid.Mixing;

/// <summary>
/// The potential of score mixing and guidance (follow-up paper, MATH.md section 3) for two Dirac data sets
/// S1 = {y_i}, S2 = {z_j} and lambda &gt;= 0:
/// <code>
///   Phi_lambda(x) = lambda d(x, S1)^2 + (1 - lambda) d(x, S2)^2.
/// </code>
/// As t -&gt; 0 the mixed score lambda s1 + (1-lambda) s2 = -grad Phi_lambda / (4t) + o(1/t) away from the Voronoi
/// boundaries (s_k = (nearest point - x)/(2t) + o(1/t)), and trajectories of the mixed drift converge to critical points
/// of Phi_lambda in Clarke's sense. This class finds all of them and says which are local minima.
/// <para>
/// <b>Pieces.</b> On the cell R_ij = Vor_1(y_i) ∩ Vor_2(z_j) (y_i nearest in S1, z_j nearest in S2),
/// Phi = Q_ij(x) = lambda |x - y_i|^2 + (1-lambda) |x - z_j|^2 = |x - c_ij|^2 + kappa_ij with
/// c_ij = lambda y_i + (1-lambda) z_j and kappa_ij = lambda (1-lambda) |y_i - z_j|^2: the weights sum to 1, so Q_ij is the
/// strictly convex quadratic with Hessian 2I for every lambda, also for lambda &gt; 1 (guidance: then c_ij =
/// y_i + (lambda - 1)(y_i - z_j) lies beyond y_i, away from z_j, and kappa_ij &lt; 0). Its gradient 2(x - c_ij) vanishes
/// only at c_ij, so in the interior of R_ij the only critical point is c_ij, when it lies there, and it is a strict local
/// minimum (Phi = Q_ij near it).
/// </para>
/// <para>
/// <b>Boundaries (Clarke).</b> Phi is piecewise quadratic (a continuous selection of the Q_ij), so its Clarke
/// subdifferential at x is the convex hull of the gradients of the essentially active pieces, those (i, j) whose cell
/// has x in the closure of its interior: 0 is in it iff x is in conv{c_ij : (i, j) essentially active at x}. Near x the
/// cell of (i, j) is the cone K_ij = {u : u.(y_m - y_i) &lt;= 0, u.(z_l - z_j) &lt;= 0} over the tied y_m, z_l, since
/// |x+u-y_i|^2 - |x+u-y_m|^2 = 2u.(y_m - y_i) when y_i, y_m are tied at x; it has interior iff the normals lie in an
/// open half-space (Gordan). For lambda in [0, 1], Phi = min_ij Q_ij, and boundary critical points are saddles or maxima
/// (e.g. the barycentre 0 of S1 = {-1, 1}, S2 = {0}, where trajectories started on the symmetry line go, as in the
/// paper's Figure 3). For lambda &gt; 1, Phi = min_i max_j Q_ij: the S2 boundaries are convex kinks and can hold
/// minima (S1 = {0}, S2 = {-1, 1}, lambda = 2: Phi = x^2 + 2|x| - 1, minimum at the kink 0, where no c_ij lies in its own
/// cell). So boundary points are not dropped: they are found and classified like the interior ones.
/// </para>
/// <para>
/// <b>Local minima.</b> Near x, Phi(x + u) = Q_ij(x + u) = Phi(x) + 2u.(x - c_ij) + |u|^2 on K_ij, so x is a strict local
/// minimum iff u.(x - c_ij) &gt;= 0 on every essentially active K_ij, i.e. c_ij - x lies in the polar cone of K_ij, the
/// conic hull of its normals (Farkas).
/// </para>
/// <para>
/// <b>Enumeration (exact for d = 1, 2).</b> A critical point with one active piece is some c_ij. One on an edge has two
/// essentially active pieces k, l, lies on [c_k, c_l] and on the tie set Q_k = Q_l (a hyperplane: the quadratic parts
/// cancel), so it is c_k + theta (c_l - c_k) with theta = (1 - (kappa_k - kappa_l)/|c_k - c_l|^2)/2 in [0, 1]. In 2D
/// one with three or more essentially active pieces is a vertex, where two non-parallel cell boundaries cross: an
/// intersection of two bisector lines of S1 or S2 pairs. Every candidate is then tested at its own position as above
/// (ties within 1e-9 of the squared scale), and duplicates are merged. The cost is O(M^2 + L^2) candidates for
/// M = |S1||S2| pieces and L bisectors; hence the limits <see cref="MaxPieces"/> and <see cref="MaxBisectors"/>.
/// </para>
/// <para>
/// For the particle sampler: <see cref="Nearest"/> and <see cref="Classify"/> assign points to critical points.
/// </para>
/// </summary>
public sealed class MixingPotential
{
    /// <summary>At most this many pieces |S1| |S2| (the edge candidates are pairs of pieces).</summary>
    public const int MaxPieces = 1024;

    /// <summary>At most this many bisector lines in 2D (the vertex candidates are pairs of bisectors).</summary>
    public const int MaxBisectors = 2048;

    private const double AngleTolerance = 1e-9;
    private readonly double[][] _first, _second;
    private readonly double _tie, _near;   // squared-distance tie tolerance; point tolerance

    /// <param name="lambda">lambda &gt;= 0 (&gt; 1: guidance)</param>
    /// <param name="first">S1, the atoms of the first data set (weights do not enter Phi)</param>
    /// <param name="second">S2</param>
    public MixingPotential(double lambda, IReadOnlyList<double[]> first, IReadOnlyList<double[]> second)
    {
        if (!(lambda >= 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda must be >= 0");
        if (first.Count == 0 || second.Count == 0) throw new ArgumentException("both data sets need at least one point");
        Dimension = first[0].Length;
        if (Dimension is < 1 or > 2 || first.Concat(second).Any(p => p.Length != Dimension || !p.All(double.IsFinite)))
            throw new ArgumentException("points must be finite, all of dimension 1 or 2");
        Lambda = lambda;
        double scale = Math.Max(1, first.Concat(second).SelectMany(p => p).Max(Math.Abs));
        _tie = 1e-9 * scale * scale;
        _near = 1e-9 * scale;
        _first = Distinct(first, _near);
        _second = Distinct(second, _near);
        // a term of weight 0 makes no kinks: keep one of its points, so that its Voronoi cells do not split pieces
        if (lambda == 1) _second = [_second[0]];
        if (lambda == 0) _first = [_first[0]];
        if (_first.Length * _second.Length > MaxPieces)
            throw new ArgumentException($"{_first.Length} x {_second.Length} pieces; at most {MaxPieces} are enumerated");
        if (Dimension == 2 && Bisectors().Count() > MaxBisectors)
            throw new ArgumentException($"more than {MaxBisectors} bisectors; too many atoms for the vertex enumeration");
        CriticalPoints = Enumerate();
    }

    /// <summary>
    /// The potential of a mixed score whose two data blocks are Dirac mixtures (or samples, which are), or null with
    /// the reason when there is none to enumerate (other data kinds, or too many atoms).
    /// </summary>
    public static MixingPotential? Of(MixedScoreSpec spec, out string reason)
    {
        reason = "";
        if (DataDistributions.From(spec.First) is not DiracMixture first || DataDistributions.From(spec.Second) is not DiracMixture second)
        {
            reason = "the critical points of Phi_lambda are enumerated for Dirac (or sample) data only";
            return null;
        }
        try
        {
            return new MixingPotential(spec.Lambda, Atoms(first), Atoms(second));
        }
        catch (ArgumentException e)
        {
            reason = e.Message;
            return null;
        }
    }

    public double Lambda { get; }
    public int Dimension { get; }

    /// <summary>Every critical point, local minima first.</summary>
    public IReadOnlyList<CriticalPoint> CriticalPoints { get; }

    /// <summary>The local minima among <see cref="CriticalPoints"/>.</summary>
    public IEnumerable<CriticalPoint> Minima => CriticalPoints.Where(c => c.IsLocalMinimum);

    /// <summary>Phi_lambda(x) = lambda d(x, S1)^2 + (1 - lambda) d(x, S2)^2.</summary>
    public double Value(ReadOnlySpan<double> x) => Lambda * MinSquared(_first, x) + (1 - Lambda) * MinSquared(_second, x);

    /// <summary>The critical point nearest to x and its distance.</summary>
    public (int Index, double Distance) Nearest(ReadOnlySpan<double> x)
    {
        int best = -1;
        double d2 = double.PositiveInfinity;
        for (int k = 0; k < CriticalPoints.Count; k++)
        {
            double r = Squared(CriticalPoints[k].X, x);
            if (r < d2) { d2 = r; best = k; }
        }
        return (best, Math.Sqrt(d2));
    }

    /// <summary>
    /// How many of <paramref name="points"/> lie within <paramref name="delta"/> of each critical point (each point
    /// counted once, for its nearest critical point); the last entry counts the points farther than delta from all.
    /// </summary>
    public int[] Classify(IEnumerable<double[]> points, double delta)
    {
        var counts = new int[CriticalPoints.Count + 1];
        foreach (var p in points)
        {
            var (k, r) = Nearest(p);
            counts[r < delta ? k : CriticalPoints.Count]++;
        }
        return counts;
    }

    private static double[][] Atoms(DiracMixture data) =>
        Enumerable.Range(0, data.Count).Select(k => Enumerable.Range(0, data.Dimension).Select(d => data.Point(k, d)).ToArray()).ToArray();

    private static double[][] Distinct(IReadOnlyList<double[]> points, double tolerance)
    {
        var kept = new List<double[]>();
        foreach (var p in points)
            if (!kept.Any(q => Math.Sqrt(Squared(p, q)) <= tolerance)) kept.Add((double[])p.Clone());
        return kept.ToArray();
    }

    private static double Squared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double r = 0;
        for (int d = 0; d < a.Length; d++) r += (a[d] - b[d]) * (a[d] - b[d]);
        return r;
    }

    private static double MinSquared(double[][] set, ReadOnlySpan<double> x)
    {
        double m = double.PositiveInfinity;
        foreach (var p in set) m = Math.Min(m, Squared(p, x));
        return m;
    }

    private double[] Center(int i, int j)
    {
        var c = new double[Dimension];
        for (int d = 0; d < Dimension; d++) c[d] = Lambda * _first[i][d] + (1 - Lambda) * _second[j][d];
        return c;
    }

    private double Offset(int i, int j) => Lambda * (1 - Lambda) * Squared(_first[i], _second[j]);

    /// <summary>Bisector lines n.x = b of the pairs of S1 and of S2 (2D).</summary>
    private IEnumerable<(double[] N, double B)> Bisectors()
    {
        foreach (var set in new[] { _first, _second })
            for (int a = 0; a < set.Length; a++)
                for (int b = a + 1; b < set.Length; b++)
                {
                    var n = new[] { set[b][0] - set[a][0], set[b][1] - set[a][1] };
                    yield return (n, 0.5 * (Squared(set[b], new double[2]) - Squared(set[a], new double[2])));
                }
    }

    private IReadOnlyList<CriticalPoint> Enumerate()
    {
        int m1 = _first.Length, m2 = _second.Length, count = m1 * m2;
        var centers = new double[count][];
        var offsets = new double[count];
        for (int i = 0; i < m1; i++)
            for (int j = 0; j < m2; j++)
            {
                centers[i * m2 + j] = Center(i, j);
                offsets[i * m2 + j] = Offset(i, j);
            }
        var found = new List<CriticalPoint>();
        void Consider(double[] x)
        {
            if (found.Any(c => Math.Sqrt(Squared(c.X, x)) <= 1e3 * _near)) return;
            if (Analyze(x) is { } point) found.Add(point);
        }
        foreach (var c in centers) Consider(c);
        for (int k = 0; k < count; k++)
            for (int l = k + 1; l < count; l++)
            {
                double d2 = Squared(centers[k], centers[l]);
                if (d2 <= _near * _near) continue;
                double theta = 0.5 * (1 - (offsets[k] - offsets[l]) / d2);
                if (theta < -1e-12 || theta > 1 + 1e-12) continue;
                Consider(centers[k].Select((c, d) => c + theta * (centers[l][d] - c)).ToArray());
            }
        if (Dimension == 2)
        {
            var lines = Bisectors().ToArray();
            for (int a = 0; a < lines.Length; a++)
                for (int b = a + 1; b < lines.Length; b++)
                {
                    var (n1, b1) = lines[a];
                    var (n2, b2) = lines[b];
                    double det = n1[0] * n2[1] - n1[1] * n2[0];
                    if (Math.Abs(det) <= AngleTolerance * Math.Sqrt(Squared(n1, [0, 0]) * Squared(n2, [0, 0]))) continue;
                    Consider([(b1 * n2[1] - b2 * n1[1]) / det, (n1[0] * b2 - n2[0] * b1) / det]);
                }
        }
        return found.OrderByDescending(c => c.IsLocalMinimum).ThenBy(c => c.X[0]).ThenBy(c => c.X[^1]).ToList();
    }

    /// <summary>The critical point at x, or null when x is not one (see the class comment).</summary>
    private CriticalPoint? Analyze(double[] x)
    {
        var tiedFirst = Tied(_first, x);
        var tiedSecond = Tied(_second, x);
        var pieces = new List<(int, int)>();
        var offsets = new List<double[]>();   // c_ij - x of the essentially active pieces
        var cones = new List<double[][]>();   // their normals
        foreach (int i in tiedFirst)
            foreach (int j in tiedSecond)
            {
                var normals = tiedFirst.Where(m => m != i).Select(m => Minus(_first[m], _first[i]))
                    .Concat(tiedSecond.Where(l => l != j).Select(l => Minus(_second[l], _second[j]))).ToArray();
                if (!InOpenHalfSpace(normals)) continue;   // the cell has no interior at x
                pieces.Add((i, j));
                offsets.Add(Minus(Center(i, j), x));
                cones.Add(normals);
            }
        if (pieces.Count == 0 || !HullContainsZero(offsets)) return null;
        bool minimum = true;
        for (int k = 0; k < pieces.Count && minimum; k++) minimum = InCone(offsets[k], cones[k]);
        return new CriticalPoint(x, Value(x), minimum, pieces.ToArray());
    }

    private int[] Tied(double[][] set, double[] x)
    {
        double min = MinSquared(set, x);
        return Enumerable.Range(0, set.Length).Where(k => Squared(set[k], x) <= min + _tie).ToArray();
    }

    private static double[] Minus(double[] a, double[] b) => a.Select((v, d) => v - b[d]).ToArray();

    private static double Norm(double[] a) => Math.Sqrt(Squared(a, new double[a.Length]));

    /// <summary>Is there u with u.w &lt; 0 for every w (all w in an open half-space)? True for no w.</summary>
    private static bool InOpenHalfSpace(double[][] w)
    {
        if (w.Length == 0) return true;
        if (w[0].Length == 1) return w.All(v => v[0] > 0) || w.All(v => v[0] < 0);
        return MaxAngularGap(w) > Math.PI + AngleTolerance;
    }

    /// <summary>0 in conv{p}: some p is 0, or the p are not in an open half-space.</summary>
    private bool HullContainsZero(List<double[]> p)
    {
        if (p.Any(v => Norm(v) <= _near)) return true;
        if (p[0].Length == 1) return p.Any(v => v[0] < 0) && p.Any(v => v[0] > 0);
        return MaxAngularGap(p.ToArray()) <= Math.PI + AngleTolerance;
    }

    /// <summary>The largest angle between consecutive directions of the non-zero vectors (2D; 2 pi for one direction).</summary>
    private static double MaxAngularGap(double[][] w)
    {
        var angles = w.Select(v => Math.Atan2(v[1], v[0])).Order().ToArray();
        double gap = angles[0] + 2 * Math.PI - angles[^1];
        for (int k = 1; k < angles.Length; k++) gap = Math.Max(gap, angles[k] - angles[k - 1]);
        return gap;
    }

    /// <summary>q in cone{w} (non-negative combinations; by Caratheodory two generators suffice in 2D).</summary>
    private bool InCone(double[] q, double[][] w)
    {
        if (Norm(q) <= _near) return true;
        if (q.Length == 1) return w.Any(v => Math.Sign(v[0]) == Math.Sign(q[0]));
        double qn = Norm(q);
        var u = w.Select(v => v.Select(c => c / Norm(v)).ToArray()).ToArray();
        double q0 = q[0] / qn, q1 = q[1] / qn;
        foreach (var v in u)
            if (Math.Abs(v[0] * q1 - v[1] * q0) <= AngleTolerance && v[0] * q0 + v[1] * q1 > 0) return true;
        for (int a = 0; a < u.Length; a++)
            for (int b = a + 1; b < u.Length; b++)
            {
                double det = u[a][0] * u[b][1] - u[a][1] * u[b][0];
                if (Math.Abs(det) <= AngleTolerance) continue;
                double alpha = (q0 * u[b][1] - q1 * u[b][0]) / det, beta = (u[a][0] * q1 - u[a][1] * q0) / det;
                if (alpha >= -AngleTolerance && beta >= -AngleTolerance) return true;
            }
        return false;
    }
}
