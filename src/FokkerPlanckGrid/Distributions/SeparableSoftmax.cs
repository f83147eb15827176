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
        int stride, Span<double> e, Span<double> g, Span<double> q, double scale = 1)
    {
        int count = data.Count;
        double inv4t = 1 / (4 * t);
        var logW = data.LogWeights;
        for (int i = 0; i < n; i++)
        {
            double x = scale * (faces ? axis.Face(i) : axis.Center(i));
            double max = double.NegativeInfinity;
            for (int k = 0; k < count; k++)
            {
                double d = x - data.Point(k, coordinate);
                double a = (withWeights ? logW[k] : 0) - d * d * inv4t;
                e[k * stride + i] = a;
                max = Math.Max(max, a);
            }
            for (int k = 0; k < count; k++)
            {
                double v = Math.Exp(e[k * stride + i] - max);
                e[k * stride + i] = v;
                double r = data.Point(k, coordinate) - x;
                if (!g.IsEmpty) g[k * stride + i] = v * r;
                if (!q.IsEmpty) q[k * stride + i] = v * r * r;
            }
        }
    }
}
