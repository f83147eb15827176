namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// u0 = sum_k w_k delta_{y_k}. Heat flow u(x,t) = sum_k w_k G_t(x - y_k); score in mean-shift form (MATH.md (3.7))
/// <code>
///   s(x,t) = sum_k p_k (y_k - x) / (2t sum_k p_k),   p_k = exp(a_k - max_j a_j),   a_k = log w_k - |x - y_k|^2/(4t)
///   div s  = -d/(2t) + tr Cov_t(x) / (4t^2)
/// </code>
/// The softmax is evaluated with log-sum-exp (the raw exponentials underflow as t -> 0), and s is formed from
/// y_k - x directly rather than as m - x, which would cancel for x near the mean shift m.
/// </summary>
public sealed class DiracMixture : IDataDistribution
{
    private readonly double[] _points;   // K x d, row-major
    private readonly double[] _logWeights;

    /// <param name="points">the atoms y_k, each of length d</param>
    /// <param name="weights">positive weights, normalised here to sum 1</param>
    public DiracMixture(IReadOnlyList<double[]> points, IReadOnlyList<double> weights)
    {
        if (points.Count == 0) throw new ArgumentException("a Dirac mixture needs at least one point");
        if (weights.Count != points.Count)
            throw new ArgumentException($"{points.Count} points but {weights.Count} weights");
        Dimension = points[0].Length;
        if (Dimension is < 1 or > 2) throw new ArgumentException("points must have 1 or 2 coordinates");
        double total = 0;
        foreach (var w in weights)
        {
            if (!(w > 0) || !double.IsFinite(w)) throw new ArgumentException($"weight {w} is not a positive number");
            total += w;
        }
        Count = points.Count;
        _points = new double[Count * Dimension];
        _logWeights = new double[Count];
        Weights = new double[Count];
        for (int k = 0; k < Count; k++)
        {
            if (points[k].Length != Dimension) throw new ArgumentException("all points must have the same dimension");
            for (int d = 0; d < Dimension; d++)
            {
                if (!double.IsFinite(points[k][d])) throw new ArgumentException("point coordinates must be finite");
                _points[k * Dimension + d] = points[k][d];
            }
            Weights[k] = weights[k] / total;
            _logWeights[k] = Math.Log(Weights[k]);
        }
    }

    /// <summary>Equal weights on the given points (an empirical measure).</summary>
    public static DiracMixture Uniform(IReadOnlyList<double[]> points) =>
        new(points, Enumerable.Repeat(1.0, points.Count).ToArray());

    public int Dimension { get; }
    public int Count { get; }

    /// <summary>Normalised weights w_k.</summary>
    public double[] Weights { get; }

    /// <summary>Atom k's coordinate d.</summary>
    public double Point(int k, int d) => _points[k * Dimension + d];

    /// <summary>Row-major K x d array of the atoms (do not modify).</summary>
    internal ReadOnlySpan<double> PointData => _points;

    internal ReadOnlySpan<double> LogWeights => _logWeights;

    public bool HasClosedFormMass => true;

    public double LogDensity(ReadOnlySpan<double> x, double t)
    {
        double inv4t = 1 / (4 * t);
        double max = double.NegativeInfinity;
        for (int k = 0; k < Count; k++) max = Math.Max(max, Exponent(k, x, inv4t));
        double z = 0;
        for (int k = 0; k < Count; k++) z += Math.Exp(Exponent(k, x, inv4t) - max);
        return max + Math.Log(z) - 0.5 * Dimension * Math.Log(4 * Math.PI * t);
    }

    public void Score(ReadOnlySpan<double> x, double t, Span<double> score) => ScoreAndDivergence(x, t, score);

    public double DivScore(ReadOnlySpan<double> x, double t)
    {
        Span<double> s = stackalloc double[Dimension];
        return ScoreAndDivergence(x, t, s);
    }

    /// <summary>Writes s(x,t) and returns div s(x,t), sharing one softmax.</summary>
    public double ScoreAndDivergence(ReadOnlySpan<double> x, double t, Span<double> score)
    {
        double inv4t = 1 / (4 * t);
        double max = double.NegativeInfinity;
        for (int k = 0; k < Count; k++) max = Math.Max(max, Exponent(k, x, inv4t));
        double z = 0, s0 = 0, s1 = 0, q0 = 0, q1 = 0;
        for (int k = 0; k < Count; k++)
        {
            double p = Math.Exp(Exponent(k, x, inv4t) - max);
            double r0 = _points[k * Dimension] - x[0];
            z += p;
            s0 += p * r0;
            q0 += p * r0 * r0;
            if (Dimension == 2)
            {
                double r1 = _points[k * 2 + 1] - x[1];
                s1 += p * r1;
                q1 += p * r1 * r1;
            }
        }
        double m0 = s0 / z, m1 = s1 / z;   // E[Y - x]
        score[0] = m0 / (2 * t);
        if (Dimension == 2) score[1] = m1 / (2 * t);
        // tr Cov = E|Y - x|^2 - |E[Y - x]|^2, clamped at 0 against rounding
        double trCov = Math.Max(0, q0 / z - m0 * m0 + (Dimension == 2 ? q1 / z - m1 * m1 : 0));
        return -Dimension / (2 * t) + trCov / (4 * t * t);
    }

    /// <summary>
    /// The covariance of the softmax weights at (x, t), written row-major to <paramref name="cov"/> (d x d):
    /// Hess log u = -I/(2t) + Cov_t(x)/(4t^2) (MATH.md section 1).
    /// </summary>
    public void Covariance(ReadOnlySpan<double> x, double t, Span<double> cov)
    {
        double inv4t = 1 / (4 * t);
        double max = double.NegativeInfinity;
        for (int k = 0; k < Count; k++) max = Math.Max(max, Exponent(k, x, inv4t));
        double z = 0, m0 = 0, m1 = 0, c00 = 0, c01 = 0, c11 = 0;
        for (int k = 0; k < Count; k++)
        {
            double p = Math.Exp(Exponent(k, x, inv4t) - max);
            double r0 = _points[k * Dimension] - x[0], r1 = Dimension == 2 ? _points[k * 2 + 1] - x[1] : 0;
            z += p; m0 += p * r0; m1 += p * r1;
            c00 += p * r0 * r0; c01 += p * r0 * r1; c11 += p * r1 * r1;
        }
        m0 /= z; m1 /= z;
        cov[0] = Math.Max(0, c00 / z - m0 * m0);
        if (Dimension == 2)
        {
            cov[1] = cov[2] = c01 / z - m0 * m1;
            cov[3] = Math.Max(0, c11 / z - m1 * m1);
        }
    }

    /// <summary>Radius of the ball about the centre of <see cref="SupportBounds"/> that holds every atom.</summary>
    public double SupportRadius()
    {
        var (lo, hi) = SupportBounds;
        double r = 0;
        for (int k = 0; k < Count; k++)
        {
            double d2 = 0;
            for (int d = 0; d < Dimension; d++)
            {
                double dx = Point(k, d) - 0.5 * (lo[d] + hi[d]);
                d2 += dx * dx;
            }
            r = Math.Max(r, Math.Sqrt(d2));
        }
        return r;
    }

    public double MassInBox(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double t)
    {
        double mass = 0;
        for (int k = 0; k < Count; k++)
        {
            double m = Weights[k];
            for (int d = 0; d < Dimension; d++)
                m *= Gaussian.IntervalProbability(lower[d], upper[d], _points[k * Dimension + d], 2 * t);
            mass += m;
        }
        return mass;
    }

    public (double[] Lower, double[] Upper) SupportBounds
        => PointSets.BoundingBox(Count, Dimension, Point);

    public double DistanceToSupport(ReadOnlySpan<double> x)
    {
        double best = double.PositiveInfinity;
        for (int k = 0; k < Count; k++) best = Math.Min(best, SquaredDistance(k, x));
        return Math.Sqrt(best);
    }

    public void Sample(Random random, Span<double> x)
    {
        int k = PointSets.DrawIndex(random, Weights);
        for (int d = 0; d < Dimension; d++) x[d] = Point(k, d);
    }

    private double Exponent(int k, ReadOnlySpan<double> x, double inv4t) => _logWeights[k] - SquaredDistance(k, x) * inv4t;

    /// <summary>|x - y_k|^2.</summary>
    public double SquaredDistance(int k, ReadOnlySpan<double> x)
    {
        double r = 0;
        for (int d = 0; d < Dimension; d++)
        {
            double dx = x[d] - _points[k * Dimension + d];
            r += dx * dx;
        }
        return r;
    }
}
