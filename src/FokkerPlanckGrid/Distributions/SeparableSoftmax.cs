using FokkerPlanckGrid.Grids;

namespace FokkerPlanckGrid.Distributions;

/// <summary>
/// The per-axis factors of a Dirac mixture's softmax weights on a grid: in 2D
/// <code>
///   w_k exp(-|x - y_k|^2 / 4t) = E_k(x) F_k(y) e^(M(x) + N(y)),
///   E_k(x) = exp(log w_k - (x - y_k,x)^2/4t - M(x)),   F_k(y) = exp(-(y - y_k,y)^2/4t - N(y)),
/// </code>
/// M(x), N(y) the maxima over k of the exponents, so every factor is &lt;= 1 and the largest is 1. A softmax ratio
/// sum_k p_k g_k / sum_k p_k with p_k = E_k(x) F_k(y) equals the direct log-sum-exp one to rounding, since the
/// common factor e^(M + N - max_k a_k) cancels — except where every product E_k F_k underflows (t -&gt; 0 far from the
/// data, the maximising k of x and of y differ): callers recompute those points by the direct formula. Tabulating the
/// factors on grid lines costs K exponentials per line position instead of K per grid point. Shared by the face kernel
/// of <see cref="Scores.DiracMixtureScore"/> and the centre diagnostics of <see cref="Diagnostics.SoftmaxCovariance"/>.
/// </summary>
internal static class SeparableSoftmax
{
    /// <summary>
    /// E_k (or F_k) at n positions of one axis (faces 0..n-1 or centres 0..n-1), normalised by the max over k, into the
    /// k-major table e[k * stride + i]; optionally also g = e (y_k - x) and q = e (y_k - x)^2 (empty spans: not wanted).
    /// </summary>
    /// <param name="data">the mixture</param>
    /// <param name="axis">the axis</param>
    /// <param name="faces">positions are the faces (else the centres)</param>
    /// <param name="coordinate">the atoms' coordinate along this axis</param>
    /// <param name="t">time</param>
    /// <param name="withWeights">include log w_k in the exponent (one axis of the two carries the weights)</param>
    /// <param name="n">number of positions</param>
    /// <param name="stride">distance between the rows of consecutive k in the tables (&gt;= n)</param>
    /// <param name="e">the normalised factors</param>
    /// <param name="g">e (y_k - x), or empty</param>
    /// <param name="q">e (y_k - x)^2, or empty</param>
    /// <param name="scale">the positions are scale times the axis' faces or centres (1: the axis itself)</param>
    public static void Tabulate(DiracMixture data, Axis axis, bool faces, int coordinate, double t, bool withWeights, int n,
        int stride, Span<double> e, Span<double> g, Span<double> q, double scale = 1) =>
        Tabulate(new DiracAxisTerms(data, coordinate, t, withWeights), axis, faces, n, stride, e, g, q, scale);

    /// <summary>
    /// The factors of any mixture whose terms separate along the axes (<see cref="IAxisTerms"/>): e[k * stride + i] =
    /// exp(a_k(x_i) - max_k a_k(x_i)), g = e r_k(x_i), q = e r_k(x_i)^2, at x_i = scale times face or centre i.
    /// </summary>
    public static void Tabulate<TTerms>(in TTerms terms, Axis axis, bool faces, int n, int stride, Span<double> e,
        Span<double> g, Span<double> q, double scale = 1) where TTerms : struct, IAxisTerms
    {
        int count = terms.Count;
        for (int i = 0; i < n; i++)
        {
            double x = scale * (faces ? axis.Face(i) : axis.Center(i));
            double max = double.NegativeInfinity;
            for (int k = 0; k < count; k++)
            {
                double a = terms.Exponent(k, x);
                e[k * stride + i] = a;
                max = Math.Max(max, a);
            }
            for (int k = 0; k < count; k++)
            {
                double v = Math.Exp(e[k * stride + i] - max);
                e[k * stride + i] = v;
                double r = terms.Offset(k, x);
                if (!g.IsEmpty) g[k * stride + i] = v * r;
                if (!q.IsEmpty) q[k * stride + i] = v * r * r;
            }
        }
    }
}

/// <summary>
/// One axis' share of a separable mixture's terms: the exponent a_k(x) of term k's factor along the axis (its log, up
/// to a constant common to all k) and the offset r_k(x) that the score's numerator weighs it by.
/// </summary>
internal interface IAxisTerms
{
    int Count { get; }

    double Exponent(int k, double x);

    double Offset(int k, double x);
}

/// <summary>
/// Dirac atoms under the heat flow: a_k = [log w_k] - (x - y_k)^2 / 4t, r_k = y_k - x (the score's 1/(2t) is applied to
/// the ratio).
/// </summary>
internal readonly struct DiracAxisTerms(DiracMixture data, int coordinate, double t, bool withWeights) : IAxisTerms
{
    private readonly double _inv4t = 1 / (4 * t);

    public int Count => data.Count;

    public double Exponent(int k, double x)
    {
        double d = x - data.Point(k, coordinate);
        return (withWeights ? data.LogWeights[k] : 0) - d * d * _inv4t;
    }

    public double Offset(int k, double x) => data.Point(k, coordinate) - x;
}

/// <summary>
/// Gaussian components with diagonal covariance under the heat flow, along one axis: variance V_k = sigma_k^2 + 2t,
/// a_k = [log w_k] - log(V_k)/2 - (x - m_k)^2 / (2 V_k), r_k = (m_k - x) / V_k (the whole score: the ratio's scale is 1).
/// The per-component constants come precomputed per step (<paramref name="logPrefactors"/> = [log w_k] - log(V_k)/2,
/// <paramref name="inverseVariances"/> = 1/V_k).
/// </summary>
internal readonly struct GaussianAxisTerms(double[] means, double[] logPrefactors, double[] inverseVariances) : IAxisTerms
{
    public int Count => means.Length;

    public double Exponent(int k, double x)
    {
        double d = x - means[k];
        return logPrefactors[k] - 0.5 * d * d * inverseVariances[k];
    }

    public double Offset(int k, double x) => (means[k] - x) * inverseVariances[k];
}
