using MathNet.Numerics.Integration;

namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// u0 = sum_k w_k N(mu_k, Sigma_k) in 1D or 2D (full symmetric positive definite 2x2 Sigma_k). Closed-form heat flow
/// (MATH.md §1) with A_k = Sigma_k + 2t I, r_k = x - mu_k, g_k = N(x; mu_k, A_k):
/// <code>
///   u(x,t) = sum_k w_k g_k(x),      p_k = w_k g_k / u   (softmax by log-sum-exp)
///   s      = sum_k p_k (-A_k^{-1} r_k)
///   div s  = sum_k p_k [ -tr A_k^{-1} + |A_k^{-1} r_k|^2 ] - |s|^2
///          = -sum_k p_k tr A_k^{-1} + sum_k p_k |A_k^{-1} r_k + s|^2
/// </code>
/// (Laplacian log sum_k w_k g_k = E_p[tr Hess log g_k + |grad log g_k|^2] - |E_p grad log g_k|^2, grad log g_k =
/// -A_k^{-1} r_k, Hess log g_k = -A_k^{-1}.) The second form is a variance, computed about its mean so that nothing cancels
/// in the far tails; since A_k &gt;= 2t I, tr A_k^{-1} &lt;= d/(2t) and Li-Yau div s &gt;= -d/(2t) holds term by term.
/// <para>
/// Support: u0 charges all of R^d, so <see cref="SupportBounds"/> is the means' bounding box and
/// <see cref="DistanceToSupport"/> is the distance to the nearest mean (the concentration points as Sigma_k -&gt; 0);
/// both are conventions, not the topological support.
/// </para>
/// </summary>
public sealed class GaussianMixture : IDataDistribution
{
    private const double Log2Pi = 1.8378770664093454836;

    private static readonly double[] GlNodes;
    private static readonly double[] GlWeights;

    static GaussianMixture()
    {
        var rule = new GaussLegendreRule(-1, 1, 10);
        GlNodes = rule.Abscissas.ToArray();
        GlWeights = rule.Weights.ToArray();
    }

    private readonly double[] _means;     // K x d
    private readonly double[] _cov;       // K x 3: (s00, s01, s11); 1D uses s00 only
    private readonly double[] _chol;      // K x 3: lower Cholesky factor (l00, l10, l11) of Sigma_k
    private readonly double[] _logWeights;

    /// <param name="means">mu_k, each of length d (1 or 2)</param>
    /// <param name="covariances">Sigma_k, each d x d, symmetric positive definite</param>
    /// <param name="weights">positive weights, normalised here to sum 1</param>
    public GaussianMixture(IReadOnlyList<double[]> means, IReadOnlyList<double[][]> covariances, IReadOnlyList<double> weights)
    {
        if (means.Count == 0) throw new ArgumentException("a Gaussian mixture needs at least one component");
        if (covariances.Count != means.Count || weights.Count != means.Count)
            throw new ArgumentException($"{means.Count} means, {covariances.Count} covariances, {weights.Count} weights");
        Dimension = means[0].Length;
        if (Dimension is < 1 or > 2) throw new ArgumentException("means must have 1 or 2 coordinates");
        Count = means.Count;
        double total = 0;
        foreach (var w in weights)
        {
            if (!(w > 0) || !double.IsFinite(w)) throw new ArgumentException($"weight {w} is not a positive number");
            total += w;
        }
        _means = new double[Count * Dimension];
        _cov = new double[Count * 3];
        _chol = new double[Count * 3];
        _logWeights = new double[Count];
        Weights = new double[Count];
        bool diagonal = true;
        for (int k = 0; k < Count; k++)
        {
            if (means[k].Length != Dimension) throw new ArgumentException("all means must have the same dimension");
            for (int d = 0; d < Dimension; d++)
            {
                if (!double.IsFinite(means[k][d])) throw new ArgumentException("mean coordinates must be finite");
                _means[k * Dimension + d] = means[k][d];
            }
            var s = covariances[k];
            if (s.Length != Dimension || s.Any(row => row.Length != Dimension))
                throw new ArgumentException($"covariance {k} is not {Dimension}x{Dimension}");
            double s00 = s[0][0], s01 = Dimension == 2 ? s[0][1] : 0, s11 = Dimension == 2 ? s[1][1] : 0;
            if (Dimension == 2 && s[1][0] != s01) throw new ArgumentException($"covariance {k} is not symmetric");
            if (!double.IsFinite(s00) || !double.IsFinite(s01) || !double.IsFinite(s11) || !(s00 > 0)
                || (Dimension == 2 && !(s00 * s11 - s01 * s01 > 0)))
                throw new ArgumentException($"covariance {k} is not positive definite");
            _cov[3 * k] = s00;
            _cov[3 * k + 1] = s01;
            _cov[3 * k + 2] = s11;
            double l00 = Math.Sqrt(s00), l10 = s01 / l00;
            _chol[3 * k] = l00;
            _chol[3 * k + 1] = l10;
            _chol[3 * k + 2] = Dimension == 2 ? Math.Sqrt(s11 - l10 * l10) : 0;
            if (s01 != 0) diagonal = false;
            Weights[k] = weights[k] / total;
            _logWeights[k] = Math.Log(Weights[k]);
        }
        IsDiagonal = diagonal;
    }

    /// <summary>Isotropic components, Sigma_k = variances[k] I.</summary>
    public static GaussianMixture Isotropic(IReadOnlyList<double[]> means, IReadOnlyList<double> variances, IReadOnlyList<double> weights)
    {
        if (variances.Count != means.Count) throw new ArgumentException($"{means.Count} means but {variances.Count} variances");
        var covs = new double[means.Count][][];
        for (int k = 0; k < means.Count; k++)
        {
            int d = means[k].Length;
            covs[k] = new double[d][];
            for (int i = 0; i < d; i++)
            {
                covs[k][i] = new double[d];
                covs[k][i][i] = variances[k];
            }
        }
        return new GaussianMixture(means, covs, weights);
    }

    public int Dimension { get; }
    public int Count { get; }

    /// <summary>Normalised weights w_k.</summary>
    public double[] Weights { get; }

    /// <summary>mu_k's coordinate d.</summary>
    public double Mean(int k, int d) => _means[k * Dimension + d];

    /// <summary>(Sigma_k)_{ij}.</summary>
    public double Covariance(int k, int i, int j) => i != j ? _cov[3 * k + 1] : i == 0 ? _cov[3 * k] : _cov[3 * k + 2];

    /// <summary>
    /// True when every Sigma_k is diagonal: then <see cref="MassInBox"/> is a product of normal interval probabilities.
    /// A non-diagonal 2x2 covariance is integrated by adaptive Gauss-Legendre quadrature instead.
    /// </summary>
    public bool HasClosedFormMass => IsDiagonal;

    /// <summary>True when every Sigma_k is diagonal (then the weights separate along the axes: <see cref="Scores.GaussianMixtureScore"/>).</summary>
    public bool IsDiagonal { get; }

    public double LogDensity(ReadOnlySpan<double> x, double t)
    {
        double max = double.NegativeInfinity;
        for (int k = 0; k < Count; k++) max = Math.Max(max, Component(k, x, t, out _, out _, out _));
        double z = 0;
        for (int k = 0; k < Count; k++) z += Math.Exp(Component(k, x, t, out _, out _, out _) - max);
        return max + Math.Log(z);
    }

    public void Score(ReadOnlySpan<double> x, double t, Span<double> score) => ScoreAndDivergence(x, t, score);

    public double DivScore(ReadOnlySpan<double> x, double t)
    {
        Span<double> s = stackalloc double[Dimension];
        return ScoreAndDivergence(x, t, s);
    }

    /// <summary>Writes s(x,t) and returns div s(x,t) (three passes over the components: max, mean, variance).</summary>
    public double ScoreAndDivergence(ReadOnlySpan<double> x, double t, Span<double> score)
    {
        double max = double.NegativeInfinity;
        for (int k = 0; k < Count; k++) max = Math.Max(max, Component(k, x, t, out _, out _, out _));
        double z = 0, g0 = 0, g1 = 0, tr = 0;
        for (int k = 0; k < Count; k++)
        {
            double p = Math.Exp(Component(k, x, t, out double y0, out double y1, out double trInv) - max);
            z += p;
            g0 += p * y0;
            g1 += p * y1;
            tr += p * trInv;
        }
        g0 /= z;
        g1 /= z;
        double v = 0;
        for (int k = 0; k < Count; k++)
        {
            double p = Math.Exp(Component(k, x, t, out double y0, out double y1, out _) - max);
            v += p * ((y0 - g0) * (y0 - g0) + (y1 - g1) * (y1 - g1));
        }
        // grad log g_k = -y_k, so s = -E y and the variance of grad log g_k is that of y.
        score[0] = -g0;
        if (Dimension == 2) score[1] = -g1;
        return -tr / z + v / z;
    }

    /// <summary>log(w_k g_k(x)); y = A_k^{-1}(x - mu_k), trInv = tr A_k^{-1}.</summary>
    private double Component(int k, ReadOnlySpan<double> x, double t, out double y0, out double y1, out double trInv)
    {
        double twoT = 2 * t;
        if (Dimension == 1)
        {
            double a = _cov[3 * k] + twoT, r = x[0] - _means[k];
            y0 = r / a;
            y1 = 0;
            trInv = 1 / a;
            return _logWeights[k] - 0.5 * (Log2Pi + Math.Log(a) + r * y0);
        }
        double a00 = _cov[3 * k] + twoT, a01 = _cov[3 * k + 1], a11 = _cov[3 * k + 2] + twoT;
        double det = a00 * a11 - a01 * a01;
        double r0 = x[0] - _means[2 * k], r1 = x[1] - _means[2 * k + 1];
        y0 = (a11 * r0 - a01 * r1) / det;
        y1 = (a00 * r1 - a01 * r0) / det;
        trInv = (a00 + a11) / det;
        return _logWeights[k] - (Log2Pi + 0.5 * Math.Log(det) + 0.5 * (r0 * y0 + r1 * y1));
    }

    /// <summary>
    /// sum_k w_k P(X_k in box), X_k ~ N(mu_k, Sigma_k + 2t I). Diagonal components: product of
    /// <see cref="Gaussian.IntervalProbability"/> (closed form, tail-accurate). Non-diagonal 2x2 components:
    /// <code>
    ///   P = int_{z_l}^{z_u} phi(z) P(l_2 &lt;= X_2 &lt;= u_2 | X_1 = mu_1 + sqrt(A_00) z) dz,
    ///   X_2 | z ~ N(mu_2 + A_01 z / sqrt(A_00), det A / A_00),
    /// </code>
    /// the conditional probability again by <see cref="Gaussian.IntervalProbability"/>; the z-interval is cut to
    /// |z| &lt;= sqrt(z_near^2 + 80) (phi drops by e^-40 below its value at the nearest point) and split at 0 and where
    /// the conditional mean crosses l_2, u_2; each piece is integrated by adaptive 10-point Gauss-Legendre (a panel is
    /// accepted when it agrees with its two halves to 1e-14 relative (looser by the rounding noise
    /// eps sd_2/(u_2 - l_2) for a box narrow against the conditional sd), or to 1e-18 of the strip mass P(l_1 &lt;= X_1 &lt;= u_1),
    /// or 1e-300; at most 4000 panel refinements per component, so the cost is bounded).
    /// Accuracy: ~1e-14 relative (checked against the quadrant formula 1/4 + arcsin(rho)/(2 pi) and the closed form
    /// in the diagonal limit); for a box whose mass is far below 1e-18 of its strip mass only the absolute bound holds.
    /// </summary>
    public double MassInBox(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double t)
    {
        double mass = 0;
        for (int k = 0; k < Count; k++)
        {
            double m;
            if (Dimension == 1)
                m = Gaussian.IntervalProbability(lower[0], upper[0], _means[k], _cov[3 * k] + 2 * t);
            else if (_cov[3 * k + 1] == 0)
                m = Gaussian.IntervalProbability(lower[0], upper[0], _means[2 * k], _cov[3 * k] + 2 * t)
                    * Gaussian.IntervalProbability(lower[1], upper[1], _means[2 * k + 1], _cov[3 * k + 2] + 2 * t);
            else
                m = CorrelatedBoxProbability(lower, upper, _means[2 * k], _means[2 * k + 1],
                    _cov[3 * k] + 2 * t, _cov[3 * k + 1], _cov[3 * k + 2] + 2 * t);
            mass += Weights[k] * m;
        }
        return mass;
    }

    internal static double CorrelatedBoxProbability(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper,
        double mu0, double mu1, double a00, double a01, double a11)
    {
        if (!(upper[0] > lower[0]) || !(upper[1] > lower[1])) return 0;
        double sd0 = Math.Sqrt(a00);
        double zl = Math.Max((lower[0] - mu0) / sd0, -38.5), zu = Math.Min((upper[0] - mu0) / sd0, 38.5);
        if (!(zu > zl)) return 0;
        double zNear = zl > 0 ? zl : zu < 0 ? -zu : 0;
        double zCut = Math.Sqrt(zNear * zNear + 80);
        zl = Math.Max(zl, -zCut);
        zu = Math.Min(zu, zCut);
        if (!(zu > zl)) return 0;
        double slope = a01 / sd0, condVar = (a00 * a11 - a01 * a01) / a00;
        double l1 = lower[1], u1 = upper[1];
        double strip = Gaussian.IntervalProbability(lower[0], upper[0], mu0, a00);
        if (strip == 0) return 0;
        double absTol = Math.Max(1e-18 * strip, 1e-300);   // subnormal values carry no relative accuracy
        int budget = MaxPanels;
        // The conditional interval probability of a box narrow against the conditional sd carries relative rounding
        // noise ~ eps sd/(u_2 - l_2): asking the panels to agree better than that would only exhaust the budget.
        double relTol = 1e-14 + 4e-16 * Math.Sqrt(condVar) / (u1 - l1);

        var breaks = new List<double> { zl, zu };
        foreach (double b in new[] { 0.0, (l1 - mu1) / slope, (u1 - mu1) / slope })
            if (b > zl && b < zu) breaks.Add(b);
        breaks.Sort();
        double f(double z) => Math.Exp(-0.5 * z * z) * 0.39894228040143267794
                              * Gaussian.IntervalProbability(l1, u1, mu1 + slope * z, condVar);
        double total = 0;
        for (int i = 0; i + 1 < breaks.Count; i++)
        {
            double a = breaks[i], b = breaks[i + 1];
            if (!(b > a)) continue;
            int pieces = (int)Math.Ceiling((b - a) / 2);
            double w = (b - a) / pieces;
            for (int j = 0; j < pieces; j++)
            {
                double pa = a + j * w, pb = j == pieces - 1 ? b : a + (j + 1) * w;
                total += Adaptive(f, pa, pb, Panel(f, pa, pb), relTol, absTol, 60, ref budget);
            }
        }
        return total;
    }

    private static double Panel(Func<double, double> f, double a, double b)
    {
        double c = 0.5 * (a + b), h = 0.5 * (b - a), sum = 0;
        for (int i = 0; i < GlNodes.Length; i++) sum += GlWeights[i] * f(c + h * GlNodes[i]);
        return h * sum;
    }

    /// <summary>Upper bound on the Gauss-Legendre panel pairs one correlated component's box mass may use.</summary>
    private const int MaxPanels = 4000;

    private static double Adaptive(Func<double, double> f, double a, double b, double whole, double relTol, double absTol,
        int depth, ref int budget)
    {
        double m = 0.5 * (a + b);
        double left = Panel(f, a, m), right = Panel(f, m, b), halves = left + right;
        double diff = Math.Abs(halves - whole);
        if (--budget <= 0 || depth == 0 || diff <= relTol * Math.Abs(halves) || diff <= absTol) return halves;
        return Adaptive(f, a, m, left, relTol, 0.5 * absTol, depth - 1, ref budget)
               + Adaptive(f, m, b, right, relTol, 0.5 * absTol, depth - 1, ref budget);
    }

    /// <summary>The bounding box of the means (a convention: the support of u0 is all of R^d).</summary>
    public (double[] Lower, double[] Upper) SupportBounds
        => PointSets.BoundingBox(Count, Dimension, Mean);

    /// <summary>Distance from x to the nearest mean mu_k (convention, see the class remarks).</summary>
    public double DistanceToSupport(ReadOnlySpan<double> x)
    {
        double best = double.PositiveInfinity;
        for (int k = 0; k < Count; k++)
        {
            double r = 0;
            for (int d = 0; d < Dimension; d++)
            {
                double e = x[d] - Mean(k, d);
                r += e * e;
            }
            best = Math.Min(best, r);
        }
        return Math.Sqrt(best);
    }

    /// <summary>Exact draw: a component k with probability w_k, then mu_k + L_k xi with L_k L_k^T = Sigma_k, xi ~ N(0, I).</summary>
    public void Sample(Random random, Span<double> x)
    {
        int k = PointSets.DrawIndex(random, Weights);
        double xi0 = Gaussian.StandardNormal(random);
        x[0] = Mean(k, 0) + _chol[3 * k] * xi0;
        if (Dimension == 2)
        {
            double xi1 = Gaussian.StandardNormal(random);
            x[1] = Mean(k, 1) + _chol[3 * k + 1] * xi0 + _chol[3 * k + 2] * xi1;
        }
    }
}
