using FokkerPlanckGrid.Equations;
using MathNet.Numerics.Integration;

namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// u0 uniform on the box [a_1, b_1] (x [a_2, b_2]). With sigma = sqrt(2t) (heat kernel variance 2t, MATH.md §1),
/// alpha_d = (a_d - x_d)/sigma, beta_d = (b_d - x_d)/sigma, the heat flow factorises:
/// <code>
///   u(x,t)  = prod_d (Phi(beta_d) - Phi(alpha_d)) / (b_d - a_d)
///   s_d     = d/dx_d log(Phi(beta_d) - Phi(alpha_d)) = (phi(alpha_d) - phi(beta_d)) / (sigma (Phi(beta_d) - Phi(alpha_d)))
///           = E[Z_d]/sigma
///   div s   = sum_d ds_d/dx_d = sum_d (Var Z_d - 1)/sigma^2      (&gt;= -d/(2t): Li-Yau, exact since Var &gt;= 0)
/// </code>
/// where Z_d is the standard normal truncated to [alpha_d, beta_d] (the posterior of (Y_d - x_d)/sigma, i.e. the
/// mean-shift form s = (m - x)/(2t)). All three are computed by <see cref="TruncatedNormal.Moments"/> through the
/// Mills ratio, so log u and s stay finite (no -inf/NaN) at t = 1e-8 and at 10^4 sigma from the box.
/// </summary>
public sealed class UniformBox : IDataDistribution
{
    private static readonly double[] GlNodes;
    private static readonly double[] GlWeights;

    static UniformBox()
    {
        var rule = new GaussLegendreRule(-1, 1, 20);
        GlNodes = rule.Abscissas.ToArray();
        GlWeights = rule.Weights.ToArray();
    }

    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <param name="lower">a_d, one per dimension (1 or 2)</param>
    /// <param name="upper">b_d &gt; a_d</param>
    public UniformBox(IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        if (lower.Count != upper.Count) throw new ArgumentException("lower and upper corners differ in dimension");
        if (lower.Count is < 1 or > 2) throw new ArgumentException("a uniform box has 1 or 2 dimensions");
        for (int d = 0; d < lower.Count; d++)
            if (!double.IsFinite(lower[d]) || !double.IsFinite(upper[d]) || !(lower[d] < upper[d]))
                throw new ArgumentException($"box side {d}: need finite a < b, got [{lower[d]}, {upper[d]}]");
        _lower = lower.ToArray();
        _upper = upper.ToArray();
    }

    public int Dimension => _lower.Length;

    /// <summary>a_d.</summary>
    public double Lower(int d) => _lower[d];

    /// <summary>b_d.</summary>
    public double Upper(int d) => _upper[d];

    public bool HasClosedFormMass => true;

    public double LogDensity(ReadOnlySpan<double> x, double t)
    {
        double sigma = Math.Sqrt(2 * t), sum = 0;
        for (int d = 0; d < Dimension; d++)
        {
            var m = TruncatedNormal.Moments((_lower[d] - x[d]) / sigma, (_upper[d] - x[d]) / sigma);
            sum += m.LogMass - Math.Log(_upper[d] - _lower[d]);
        }
        return sum;
    }

    public void Score(ReadOnlySpan<double> x, double t, Span<double> score) => ScoreAndDivergence(x, t, score);

    public double DivScore(ReadOnlySpan<double> x, double t)
    {
        Span<double> s = stackalloc double[Dimension];
        return ScoreAndDivergence(x, t, s);
    }

    /// <summary>Writes s(x,t) and returns div s(x,t).</summary>
    public double ScoreAndDivergence(ReadOnlySpan<double> x, double t, Span<double> score)
    {
        double sigma = Math.Sqrt(2 * t), div = 0;
        for (int d = 0; d < Dimension; d++)
        {
            var m = TruncatedNormal.Moments((_lower[d] - x[d]) / sigma, (_upper[d] - x[d]) / sigma);
            score[d] = m.Mean / sigma;
            div += (m.Variance - 1) / (sigma * sigma);
        }
        return div;
    }

    /// <summary>
    /// Product over d of the one-dimensional masses
    /// <code>
    ///   (1/(b-a)) int_l^u [Phi((b-x)/sigma) - Phi((a-x)/sigma)] dx
    ///     = (sigma/(b-a)) [Psi(B_l) - Psi(B_u) - Psi(A_l) + Psi(A_u)],   Psi(z) = z Phi(z) + phi(z),
    ///   B_l = (b-l)/sigma, B_u = (b-u)/sigma, A_l = (a-l)/sigma, A_u = (a-u)/sigma.
    /// </code>
    /// Splitting Psi(z) = max(z,0) + T(z) (<see cref="TruncatedNormal.PsiTail"/>), the linear parts sum exactly to the
    /// overlap length |[l,u] ∩ [a,b]|, leaving only the small tail terms: no cancellation of large numbers, and
    /// full relative accuracy out in the tails. A cell narrower than sigma/(2(1 + z)) (z its distance to the box
    /// in units of sigma), where the four tail terms would cancel, is instead integrated by 20-point Gauss-Legendre
    /// of the density, which on such a cell is accurate to rounding. Relative accuracy ~1e-14 throughout.
    /// </summary>
    public double MassInBox(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double t)
    {
        double sigma = Math.Sqrt(2 * t), mass = 1;
        for (int d = 0; d < Dimension; d++) mass *= CoordinateMass(lower[d], upper[d], _lower[d], _upper[d], sigma);
        return mass;
    }

    private static double CoordinateMass(double l, double u, double a, double b, double sigma)
    {
        if (!(u > l)) return 0;
        double zFar = Math.Max(DistanceToInterval(l, a, b), DistanceToInterval(u, a, b)) / sigma;
        if (u - l <= 0.5 * sigma / (1 + zFar))
        {
            double c = 0.5 * (l + u), h = 0.5 * (u - l), sum = 0;
            for (int i = 0; i < GlNodes.Length; i++)
            {
                double x = c + h * GlNodes[i];
                sum += GlWeights[i] * Math.Exp(TruncatedNormal.Moments((a - x) / sigma, (b - x) / sigma).LogMass);
            }
            return h * sum / (b - a);
        }
        double overlap = Math.Max(0, Math.Min(u, b) - Math.Max(l, a));
        double tails = TruncatedNormal.PsiTail((b - l) / sigma) - TruncatedNormal.PsiTail((b - u) / sigma)
                       - TruncatedNormal.PsiTail((a - l) / sigma) + TruncatedNormal.PsiTail((a - u) / sigma);
        return Math.Max(0, (overlap + sigma * tails) / (b - a));
    }

    /// <summary>
    /// log of the average over [l, u] of coordinate d's factor (Phi(beta_d) - Phi(alpha_d))/(b_d - a_d) of u(., t),
    /// finite where that average underflows (a cell more than about 37 sigma from the box). It is
    /// log(<see cref="CoordinateMass"/> / (u - l)) where the mass is at least <see cref="LogCellAverages.Tiny"/>; beyond, for a
    /// cell right of the box (reflected if left of it), mass = G(l) - G(u) with G(x) = int_x^inf f, which by the
    /// formula of <see cref="MassInBox"/> is G(x) = (sigma/(b-a)) (Psi((b-x)/sigma) - Psi((a-x)/sigma)), both arguments
    /// &lt;= 0, where Psi = T (<see cref="TruncatedNormal.LogPsiTail"/>). So, with B = (b-x)/sigma &gt; A = (a-x)/sigma,
    /// <code>
    ///   log G(x)  = log(sigma/(b-a)) + log T(B) + log(-expm1(log T(A) - log T(B)))
    ///   log mass  = log G(l) + log(-expm1(log G(u) - log G(l)))
    /// </code>
    /// A cell narrower than sigma/(2(1 + z)) (as in MassInBox), where G(l) and G(u) agree to many digits, is instead
    /// integrated by 20-point Gauss-Legendre of the log-space density relative to its value at the centre (the density
    /// varies by less than e^(1/2) across such a cell, so the rule is exact to rounding).
    /// </summary>
    internal double LogCoordinateAverage(int d, double l, double u, double t)
    {
        double a = _lower[d], b = _upper[d], sigma = Math.Sqrt(2 * t);
        double mass = CoordinateMass(l, u, a, b, sigma);
        if (mass >= LogCellAverages.Tiny || (l < b && u > a)) return Math.Log(mass / (u - l));
        if (u <= a) (l, u, a, b) = (-u, -l, -b, -a);   // reflect: the cell now lies right of the box
        double zFar = (u - b) / sigma;
        if (u - l <= 0.5 * sigma / (1 + zFar))
        {
            double c = 0.5 * (l + u), h = 0.5 * (u - l);
            double center = TruncatedNormal.Moments((a - c) / sigma, (b - c) / sigma).LogMass, sum = 0;
            for (int i = 0; i < GlNodes.Length; i++)
            {
                double x = c + h * GlNodes[i];
                sum += GlWeights[i] * Math.Exp(TruncatedNormal.Moments((a - x) / sigma, (b - x) / sigma).LogMass - center);
            }
            return center + Math.Log(0.5 * sum) - Math.Log(b - a);
        }
        double LogG(double x)
        {
            double tb = TruncatedNormal.LogPsiTail((b - x) / sigma), ta = TruncatedNormal.LogPsiTail((a - x) / sigma);
            return Math.Log(sigma / (b - a)) + tb + Math.Log(-AccurateExp.Expm1(ta - tb));
        }
        double gl = LogG(l);
        return gl + Math.Log(-AccurateExp.Expm1(LogG(u) - gl)) - Math.Log(u - l);
    }

    private static double DistanceToInterval(double x, double a, double b) => x < a ? a - x : x > b ? x - b : 0;

    public (double[] Lower, double[] Upper) SupportBounds => ((double[])_lower.Clone(), (double[])_upper.Clone());

    /// <summary>Euclidean distance to the box (0 inside).</summary>
    public double DistanceToSupport(ReadOnlySpan<double> x)
    {
        double r = 0;
        for (int d = 0; d < Dimension; d++)
        {
            double e = DistanceToInterval(x[d], _lower[d], _upper[d]);
            r += e * e;
        }
        return Math.Sqrt(r);
    }

    public void Sample(Random random, Span<double> x)
    {
        for (int d = 0; d < Dimension; d++) x[d] = _lower[d] + (_upper[d] - _lower[d]) * random.NextDouble();
    }
}
